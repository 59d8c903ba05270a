"""Chinese names in the order readers look them up: by pinyin, not by code point."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=None)
def pinyin_key(name: str) -> tuple:
    """Sort key of a name: its pinyin with tone numbers (党建 → dang3 jian4), then the name."""
    return tuple(lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True)), name
