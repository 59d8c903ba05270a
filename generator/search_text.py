"""Search text: script normalisation and the tokens the index and the query share.

Pagefind matches whole *words*, extended by prefix only, and (for a page whose language
is not zh/ja/th) takes a word to be anything between two spaces. Chinese has no spaces,
and neither Pagefind's build-time segmenter (jieba) nor the browser's (Intl.Segmenter)
agree with each other, so this module segments text itself, the same way at build time
(Python, here) and at query time (theme/assets/search/search.js, a line-for-line port):

1. **Normalise**: NFKC (full-width Latin and digits, compatibility ideographs), lower case,
   then traditional → simplified one character at a time (OpenCC's character tables,
   generator/search_t2s.py). 述職 and 述职 become the same text.
2. **Split** into runs of Han characters and runs of other letters/digits ("words");
   everything else (punctuation, spaces) separates runs.
3. **Encode** each run as ASCII tokens, so no segmenter anywhere can split them again:
   - a Han character is 4 base-36 digits of its code point (防 → ``0ga8``);
   - a Han run gives one token per pair of neighbouring characters (a *bigram*, 8 digits)
     and one for its last character followed by ``z`` (``z`` never starts a character's
     code, so that token is never a prefix of a bigram);
   - a word gives ``l`` + the word (``2271`` → ``l2271``).

A query is encoded the same way except that a one-character Han run stays a 4-digit
*prefix* (it then matches every bigram starting with that character and the run-final
token) and a longer run gives only its bigrams. Pagefind ANDs the tokens of a query,
so 防汛抗旱 finds the pages holding 防汛, 汛抗 and 抗旱; a bigram found nowhere finds
nothing (an 8-digit token has no shorter key that is its prefix, so Pagefind's "longest
indexed prefix" fallback never applies to it).
"""

from __future__ import annotations

import re
import unicodedata

from .search_t2s import T2S

# Han characters (the same ranges are in search.js): radicals, 々 〇 and Suzhou numerals,
# CJK unified ideographs with extensions A–H, compatibility ideographs.
HAN_RANGES = "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
_RUNS = re.compile(f"([{HAN_RANGES}]+)|((?:(?![{HAN_RANGES}])[^\\W_])+)")
_T2S_TABLE = str.maketrans(T2S)
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
FINAL = "z"  # appended to a run's last character: never the first digit of a code
LATIN = "l"  # prefix of a word's token
_codes: dict[str, str] = {}


def normalise(text: str) -> str:
    """NFKC, lower case, traditional → simplified (character by character)."""
    return unicodedata.normalize("NFKC", text).lower().translate(_T2S_TABLE)


def normalise_char(char: str) -> str:
    """One character as `normalise` maps it, kept to one character (for aligned highlighting)."""
    folded = unicodedata.normalize("NFKC", char).lower()
    if len(folded) != 1:
        folded = char.lower() if len(char.lower()) == 1 else char
    return T2S.get(folded, folded)


def han_code(char: str) -> str:
    code = _codes.get(char)
    if code is None:
        n, digits = ord(char), ""
        while n:
            n, r = divmod(n, 36)
            digits = _DIGITS[r] + digits
        code = _codes[char] = digits.rjust(4, "0")
    return code


def runs(text: str):
    """(is_han, run) for each run of normalised `text`."""
    for match in _RUNS.finditer(normalise(text)):
        han, word = match.groups()
        yield (True, han) if han else (False, word)


def index_tokens(text: str) -> list[str]:
    """The tokens a text is indexed as, in order, with repeats."""
    tokens: list[str] = []
    for is_han, run in runs(text):
        if is_han:
            codes = [han_code(c) for c in run]
            tokens += [a + b for a, b in zip(codes, codes[1:])]
            tokens.append(codes[-1] + FINAL)
        else:
            tokens.append(LATIN + run)
    return tokens


def query_tokens(text: str) -> list[str]:
    """The tokens a query is searched as (each distinct one once, in order)."""
    tokens: list[str] = []
    for is_han, run in runs(text):
        if is_han:
            codes = [han_code(c) for c in run]
            tokens += [a + b for a, b in zip(codes, codes[1:])] if len(codes) > 1 else codes
        else:
            tokens.append(LATIN + run)
    return list(dict.fromkeys(tokens))


def unique_tokens(*texts: str, exclude: set | None = None) -> list[str]:
    """The distinct index tokens of some texts, first occurrence order, less `exclude`."""
    seen = dict.fromkeys(t for text in texts for t in index_tokens(text))
    if exclude:
        return [t for t in seen if t not in exclude]
    return list(seen)


# -- text kept out of the index (the snippet source) ------------------------------------
# Pagefind indexes only letters and digits; a "word" made of other characters is kept in
# the page's stored content (which the browser loads for a result) but creates no index
# key. The original text is stored that way: every character shifted into the private use
# planes (U+100000 + code for the BMP; a pair in U+F0000–U+F07FF for the rest), which are
# neither letters, digits nor spaces. search.js shifts it back.
_PUA_B = 0x100000
_PUA_A = 0xF0000


def hide(text: str) -> str:
    out = []
    for char in text:
        n = ord(char)
        if n < 0x10000:
            out.append(chr(_PUA_B + n))
        else:
            n -= 0x10000
            out.append(chr(_PUA_A + (n >> 10)) + chr(_PUA_A + 0x400 + (n & 0x3FF)))
    return "".join(out)


def unhide(text: str) -> str:
    out, chars, i = [], text, 0
    while i < len(chars):
        n = ord(chars[i])
        if n >= _PUA_B:
            out.append(chr(n - _PUA_B))
        elif _PUA_A <= n < _PUA_A + 0x400 and i + 1 < len(chars):
            i += 1
            out.append(chr(0x10000 + ((n - _PUA_A) << 10) + (ord(chars[i]) - _PUA_A - 0x400)))
        i += 1
    return "".join(out)
