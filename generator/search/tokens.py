"""Search text: script normalisation and the tokens the index and the query share.

Pagefind matches whole *words*, extended by prefix only, and (for a page whose language
is not zh/ja/th) takes a word to be anything between two spaces. Chinese has no spaces,
and Pagefind's build-time segmenter (jieba) and the browser's (Intl.Segmenter) disagree,
so this module segments text itself, the same way at build time (here) and at query time
(search/theme/assets/search/tokens.js, given this module's constants by `browser_constants`
through the search page's config; a browser test compares the two):

1. **Normalise**: NFKC (full-width Latin and digits, compatibility ideographs), lower case,
   then traditional → simplified one character at a time (OpenCC's character tables,
   generator/core/t2s.py). 述職 and 述职 become the same text.
2. **Split** into runs of Han characters and runs of other letters/digits ("words");
   everything else (punctuation, spaces) separates runs.
3. **Encode** each run as ASCII tokens, so that no segmenter anywhere splits them again:
   - a Han character is a 3-digit base-36 *code* whose first digit is 0–9 or a–w
     (防 → ``9e4``; see `han_number`);
   - a Han run gives one token per pair of neighbouring characters (a *bigram*: 6 digits)
     and one for its last character followed by ``z``;
   - a word gives ``x`` + the word (``2271`` → ``x2271``).

A query is encoded the same way except that a one-character Han run stays a 3-digit
*prefix* (it matches every bigram starting with that character, and its run-final token)
and a longer run gives only its bigrams. Pagefind ANDs the tokens of a query, so 防汛抗旱
finds the pages holding 防汛, 汛抗 and 抗旱. A bigram found nowhere finds nothing: Pagefind
falls back to the longest indexed word that is a *prefix* of an unknown query word, and no
token is a prefix of a bigram (codes never start with ``x``, ``y`` or ``z``).
"""

from __future__ import annotations

import re
import unicodedata

from ..core.t2s import T2S

# Han characters: radicals, 々 〇 and Suzhou numerals,
# CJK unified ideographs with extensions A–H, compatibility ideographs.
HAN_RANGES = "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
# A run of Han characters, or of other letters and digits (word characters but "_").
_RUNS = re.compile(f"([{HAN_RANGES}]+)|([^\\W_{HAN_RANGES}]+)")
_T2S_TABLE = str.maketrans(T2S)
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
FINAL = "z"  # appended to a run's last character
LATIN = "x"  # prefix of a word's token

# Code numbers (0 … 33·36² − 1 = 42767, so the first digit is 0–9 or a–w): the BMP Han
# blocks in order, then the rest (extensions B–H, ~80,000 rare characters) folded into
# the remaining numbers; two such rare characters may share a code.
_BLOCKS = ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x2E80, 0x2FDF), (0x3005, 0x3005), (0x3007, 0x3007),
           (0x3021, 0x3029), (0x3038, 0x303B))
CODE_SPACE = 33 * 36 * 36
_FOLDED = sum(b - a + 1 for a, b in _BLOCKS)  # 28,527 numbers for the blocks


def han_number(cp: int) -> int:
    offset = 0
    for first, last in _BLOCKS:
        if first <= cp <= last:
            return offset + cp - first
        offset += last - first + 1
    return _FOLDED + cp % (CODE_SPACE - _FOLDED)


class _Codes(dict):
    """Code point → its 3-digit code; a str.translate table filled on first use. With
    `simplify`, a traditional character gets the code of its simplified form, so that
    translating text with it does the traditional → simplified step of `normalise` too."""

    def __init__(self, simplify: bool):
        super().__init__()
        self.simplify = simplify

    def __missing__(self, cp: int) -> str:
        n = han_number(ord(T2S.get(chr(cp), chr(cp))) if self.simplify else cp)
        code = self[cp] = _DIGITS[n // 1296] + _DIGITS[n // 36 % 36] + _DIGITS[n % 36]
        return code


_CODES = _Codes(simplify=False)
_TOKEN_CODES = _Codes(simplify=True)


# Full-width and CJK punctuation, the usual reason a Chinese text is not NFKC already. Each
# maps (under NFKC) to punctuation, a separator either way, so _fold replaces it by a space.
_PUNCTUATION = re.compile("[\u3000-\u3004\u3008-\u3020\u2010-\u2027\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+")


def _fold(text: str) -> str:
    """`normalise` as far as tokens can tell: NFKC and lower case, punctuation made spaces,
    and traditional → simplified left to _TOKEN_CODES. Most text is NFKC once its
    punctuation is gone, and checking is ~50× quicker than normalising."""
    text = _PUNCTUATION.sub(" ", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


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
    return _CODES[ord(char)]


# (?=(…)) captures the 6 characters ahead, then 3 are consumed: every bigram of a run's codes,
# in one C-level pass.
_BIGRAMS = re.compile(r"(?=(.{6})).{3}", re.S)


def index_tokens(text: str) -> list[str]:
    """The tokens a text is indexed as, in order, with repeats."""
    return _index_tokens(text, [], [])


def _index_tokens(text: str, starts: list[str], finals: list[str]) -> list[str]:
    """index_tokens; adds to `starts` the codes of the characters that start a bigram (each
    string a multiple of 3 long) and to `finals` the run-final tokens."""
    tokens: list[str] = []
    extend, append, bigrams = tokens.extend, tokens.append, _BIGRAMS.findall
    for han, word in _RUNS.findall(_fold(text)):
        if han:
            codes = han.translate(_TOKEN_CODES)
            extend(bigrams(codes))
            final = codes[-3:] + FINAL
            append(final)
            finals.append(final)
            starts.append(codes[:-3])
        else:
            append(LATIN + word)
    return tokens


_CODE = re.compile(r".{3}", re.S)


def document_tokens(*parts: str) -> list[list[str]]:
    """The tokens to index for the parts of one document (title, fields, body …).

    Each distinct token once, in the first part that has it. A run-final token (字z) is
    left out when a bigram of the document starts with the same character: a one-character
    query (a prefix) matches that bigram anyway. What a query matches is unchanged.
    """
    seen: dict[str, None] = {}
    kept = []
    starts: list[str] = []
    finals: list[str] = []
    for part in parts:
        tokens = dict.fromkeys(_index_tokens(part, starts, finals))
        for token in seen.keys() & tokens.keys():
            del tokens[token]
        seen.update(tokens)
        kept.append(tokens)
    start_codes = set(_CODE.findall("".join(starts)))
    for final in {f for f in finals if f[:3] in start_codes}:
        for tokens in kept:
            tokens.pop(final, None)
    return [list(tokens) for tokens in kept]


def query_tokens(text: str) -> list[str]:
    """The tokens a query is searched as (each distinct one once, in order)."""
    tokens: list[str] = []
    for han, word in _RUNS.findall(_fold(text)):
        if han:
            codes = han.translate(_TOKEN_CODES)
            tokens += _BIGRAMS.findall(codes) if len(han) > 1 else [codes]
        else:
            tokens.append(LATIN + word)
    return list(dict.fromkeys(tokens))


# -- text kept out of the index (the snippet source) ------------------------------------
# Pagefind indexes only letters and digits; a "word" made of other characters is kept in
# the page's stored content (which the browser loads for a result) but creates no index
# key. The original text is stored that way: every character shifted into the private use
# planes (U+100000 + code for the BMP; a pair in U+F0000–U+F07FF for the rest), which are
# neither letters, digits nor spaces. tokens.js shifts it back.
_PUA_B = 0x100000
_PUA_A = 0xF0000


class _Hidden(dict):
    def __missing__(self, n: int) -> str:
        if n < 0x10000:
            shifted = chr(_PUA_B + n)
        else:
            m = n - 0x10000
            shifted = chr(_PUA_A + (m >> 10)) + chr(_PUA_A + 0x400 + (m & 0x3FF))
        self[n] = shifted
        return shifted


_HIDDEN = _Hidden()


def browser_constants() -> dict:
    """What tokens.js needs to tokenise as this module does (sent in the search page's config)."""
    return {"han": HAN_RANGES, "blocks": _BLOCKS, "codeSpace": CODE_SPACE, "digits": _DIGITS,
            "word": LATIN, "hidden": (_PUA_A, _PUA_B)}


def hide(text: str) -> str:
    return text.translate(_HIDDEN)


def hidden_words(content: str) -> str:
    """The hidden words of a page's text as Pagefind keeps it (tokens.js's hiddenText reads
    these)."""
    return " ".join(w for w in content.split() if ord(w[0]) >= _PUA_A)


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
