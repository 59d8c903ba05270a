"""The one way building the search index fails: a Chinese, then English message."""

from __future__ import annotations


class SearchIndexError(RuntimeError):
    """Building the search index failed; the message is Chinese, then English."""


def fail(zh: str, en: str, detail: object = "") -> SearchIndexError:
    detail = f"\n{detail}" if detail else ""
    return SearchIndexError(f"搜索索引生成失败：{zh}\nsearch index failed: {en}{detail}")
