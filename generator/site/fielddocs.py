"""The field reference for content editors, generated from the schema declarations."""

from __future__ import annotations

import json

from ..core.fields import (Boolean, Choice, Date, DateOrPeriod, ContentFile, Identifier, Integer, ListOf, Number,
                     Object, Ref, String, Url)
from ..core.schema import KIND_NAMES
from ..core.schema import KINDS


def describe(type_, vocabularies) -> str:
    """A short Chinese description of a field type."""
    if isinstance(type_, String):
        return f"文字（最多 {type_.max_length} 字）" if type_.max_length else "文字"
    if isinstance(type_, Integer):
        if type_.min is not None and type_.max is not None:
            return f"整数（{type_.min}–{type_.max}）"
        return f"整数（≥ {type_.min}）" if type_.min is not None else "整数"
    if isinstance(type_, Number):
        return f"数字（{type_.min}–{type_.max}）" if type_.min is not None else "数字"
    if isinstance(type_, Boolean):
        return "true 或 false"
    if isinstance(type_, Choice):
        values = vocabularies[type_.vocabulary] if type_.vocabulary else type_.values
        source = "（词表，可在 mkdocs.yml 中修改）" if type_.vocabulary else ""
        return "取值之一：" + "、".join(values) + source
    if isinstance(type_, DateOrPeriod):
        return "日期，或时间段 {start, end}（end 不早于 start）"
    if isinstance(type_, Date):
        return "日期：2021-07-17、2021-07、2021、2021年7月17日 或 2021年7月"
    if isinstance(type_, Url):
        return "网址（http:// 或 https:// 开头）"
    if isinstance(type_, ContentFile):
        what = "图片" if type_.extensions else "文件"
        return f"{what}路径（相对本文件，或以 / 开头从 content/ 算起；须存在）"
    if isinstance(type_, Identifier):
        return "编号（字母、汉字、数字、-、_，段间用 /）"
    if isinstance(type_, Ref):
        return f"{KIND_NAMES['zh'][type_.kind]}的编号"
    if isinstance(type_, ListOf):
        inner = describe(type_.item, vocabularies)
        extra = f"，至少 {type_.min_items} 项" if type_.min_items else ""
        one = "；只有一个时可不写成列表" if type_.single_allowed else ""
        return f"列表，每项为：{inner}{extra}{one}"
    if isinstance(type_, Object):
        parts = [f"{f.key}（{f.zh}{'，必填' if f.required else ''}）" for f in type_.fields]
        return "包含子字段：" + "、".join(parts)
    return type(type_).__name__  # pragma: no cover


def _example(value) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return f"`{text}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_reference(vocabularies) -> str:
    lines = ["# 字段说明（自动生成）", "",
             "本页由 `showcase fields` 根据内容模型自动生成，请勿手工修改。", ""]
    for kind in KINDS:
        lines += [f"## {kind.zh}（{kind.name}）", "", f"文件放在 `content/{kind.folder}/` 下，每个记录一个 Markdown 文件。", "",
                  "| 字段 | 名称 | 必填 | 类型与取值 | 说明 | 示例 |", "| --- | --- | --- | --- | --- | --- |"]
        for f in kind.fields:
            lines.append(f"| `{f.key}` | {f.zh} | {'是' if f.required else ''} | "
                         f"{_cell(describe(f.type, vocabularies))} | {_cell(f.help)} | {_cell(_example(f.example))} |")
        lines.append("")
    return "\n".join(lines)
