"""Chinese names in the order readers look them up: by pinyin, not by code point."""

from __future__ import annotations

# name -> its syllables, as pinyin_key found them. `showcase build` keeps them between builds
# (publish.py): when every name is known, pypinyin is not even imported (a fifth of a second).
KNOWN: dict[str, tuple] = {}


def pinyin_key(name: str) -> tuple:
    """Sort key of a name: its pinyin with tone numbers (党建 → dang3 jian4), then the name."""
    syllables = KNOWN.get(name)
    if syllables is None:
        from pypinyin import Style, lazy_pinyin

        syllables = KNOWN[name] = tuple(lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True))
    return syllables, name
