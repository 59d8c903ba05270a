"""The form the browser editor shows for a kind, derived from the kind's declarations in
core/schema.py (labels, help, examples, required fields, allowed values with the project's
vocabularies, references, list items), so the form never says anything the checker does not.

GET /__showcase/edit/form/<kind> answers `form(kind, vocabularies)`:
    {"kind", "label", "folder", "fields": [field…], "body_outline": "<Markdown>",
     "t2s": [traditional, simplified]}
and a field is
    {"key", "label", "help", "example": "<as shown>", "required": bool, "widget", …}
with, by widget:
    text       a line of text ("input": "url" for an address)
    textarea   longer text
    number     "integer": bool, "min", "max" (either may be null); text that is not a number
               is sent as typed, for the checker to report
    date       free text (2021-07-17, 2021-07, 2021, 2021年7月…), checked by the server; the
               help says which forms are accepted
    period     a date, or a start and an end ({start, end}); "fields" are the start and end
    select     "choices": the allowed values (mkdocs.yml's vocabularies applied)
    switch     a check box; "on" is the value it writes when ticked (true, or "internal"),
               "on_label" what the box says
    reference  one record's id, chosen by typing part of its title; "kinds": [kind]
    references a list of those (add, remove, reorder); "single": one id may be written alone
    list       a list of "item" (a field without key) with add, remove and reorder
    objects    a list of objects, each of "fields"
    object     one object of "fields"
    file       a path under content/ chosen from content/assets/ or uploaded;
               "images": only images are accepted
"min_items" on list widgets is the least number of items the checker accepts (the form starts
such a list with one item). Fields come in the order staff fill them in: the title, the kind's own
fields, the common ones, the id last. `t2s` is the traditional → simplified character table, so
that the reference picker matches what is typed in either script as `showcase ids` does.
"""

from __future__ import annotations

from ..authoring.examples import example_value
from ..authoring.template import body_outline
from ..core.fields import (Boolean, Choice, ContentFile, Date, DateOrPeriod, Field, Identifier, Integer, ListOf,
                           Number, Object, Ref, String, Url)
from ..core.schema import KindSchema
from ..core.t2s import SOURCES, TARGETS

# A text longer than this is typed in a box of several lines.
LONG_TEXT = 120
# Fields shown as a switch although the schema declares two choices: the value the ticked box writes
# and what it says (the other value is the default, written only when the file already has it).
SWITCHES = {"visibility": ("internal", "仅内部可见（internal）")}

# The editor's own words (the check's messages come from the server, as `showcase check` says them);
# the preview gives them to every page with the editor's script (preview/inject.py).
WORDS = {
    "edit": "编辑",
    "new": "新建{kind}",
    "edit-title": "编辑{kind}：{title}",
    "new-title": "新建{kind}",
    "save": "保存",
    "saving": "正在保存……",
    "cancel": "关闭",
    "close-unsaved": "有未保存的修改，确定关闭吗？",
    "load-failed": "载入失败：{reason}",
    "required": "必填",
    "example": "例：{example}",
    "add": "添加",
    "remove": "删除",
    "up": "上移",
    "down": "下移",
    "item": "第 {n} 项",
    "none": "（不填）",
    "period-end": "结束（只有一天时不填）",
    "search-record": "输入标题或编号的一部分（简体或繁体）",
    "no-match": "没有找到相符的记录",
    "chosen": "已选：{title}",
    "not-found": "没有编号为“{id}”的记录",
    "choose-file": "选择已有文件",
    "upload": "上传新文件",
    "uploaded": "已上传：{name}",
    "upload-failed": "上传失败：{reason}",
    "no-files": "content/assets/ 下还没有文件",
    "body": "正文（Markdown）",
    "body-help": "用 Markdown 书写；下方是按网站样式显示的预览，随输入更新。",
    "body-preview": "正文预览",
    "new-id": "编号（文件名）",
    "new-id-help": "用于网址和引用，只用英文字母、数字和“-”；已按标题建议，可以修改。",
    "errors": "有 {count} 个问题，没有保存。请按字段旁的提示修改：",
    "saved": "已保存。",
    "conflict-reload": "重新载入（放弃本页的修改）",
    "failed": "出错了：{reason}",
}


def form(kind: KindSchema, vocabularies: dict) -> dict:
    return {
        "kind": kind.name,
        "label": kind.zh,
        "folder": kind.folder,
        "fields": [describe(f, vocabularies, kind) for f in form_order(kind)],
        "body_outline": body_outline(kind),
        "t2s": ["".join(SOURCES), "".join(TARGETS)],
    }


def form_order(kind: KindSchema) -> list[Field]:
    fields = sorted(kind.shown_order, key=lambda f: f.key != "title")
    return [f for f in fields if f.key != "id"] + [kind.by_key["id"]]


def describe(field: Field, vocabularies: dict, kind: KindSchema | None = None) -> dict:
    """One field of the form (and its sub-fields); `kind` for a field of a kind's front matter,
    whose example may be the kind's own (a case's title)."""
    help_ = field.help
    if isinstance(field.item_type, (Date, DateOrPeriod)):
        help_ += ("；" if help_ else "") + Date().json()["description"]
    result = {"key": field.key, "label": field.zh, "help": help_, "example": shown(example_value(field, kind)),
              "required": field.required}
    return {**result, **widget(field.type, field.key, vocabularies)}


def widget(type_, key: str, vocabularies: dict) -> dict:
    """The widget of a value of `type_` and what it needs to know."""
    if key in SWITCHES:
        on, on_label = SWITCHES[key]
        return {"widget": "switch", "on": on, "on_label": on_label}
    if isinstance(type_, ListOf):
        item = type_.item
        common = {"min_items": type_.min_items}
        if isinstance(item, Ref):
            return {"widget": "references", "kinds": [item.kind], "single": type_.single_allowed, **common}
        if isinstance(item, Object):
            return {"widget": "objects", "fields": [describe(f, vocabularies) for f in item.fields], **common}
        return {"widget": "list", "item": widget(item, "", vocabularies), **common}
    if isinstance(type_, Object):
        return {"widget": "object", "fields": [describe(f, vocabularies) for f in type_.fields]}
    if isinstance(type_, DateOrPeriod):
        return {"widget": "period", "fields": [describe(f, vocabularies) for f in type_.period.fields]}
    if isinstance(type_, Date):
        return {"widget": "date"}
    if isinstance(type_, Choice):
        values = type_.values or tuple(vocabularies[type_.vocabulary])
        return {"widget": "select", "choices": list(values)}
    if isinstance(type_, Ref):
        return {"widget": "reference", "kinds": [type_.kind]}
    if isinstance(type_, Boolean):
        return {"widget": "switch", "on": True, "on_label": ""}
    if isinstance(type_, (Integer, Number)):
        return {"widget": "number", "integer": isinstance(type_, Integer), "min": type_.min, "max": type_.max}
    if isinstance(type_, ContentFile):
        return {"widget": "file", "images": bool(type_.extensions)}
    if isinstance(type_, Url):
        return {"widget": "text", "input": "url"}
    if isinstance(type_, String):
        long = type_.max_length is None or type_.max_length > LONG_TEXT
        return {"widget": "textarea" if long else "text"}
    if isinstance(type_, Identifier):
        return {"widget": "text"}
    raise TypeError(f"no widget for {type(type_).__name__}")  # a new field type needs one here


def shown(example) -> str:
    """A field's example as the form shows it (lists of objects show their sub-fields' examples)."""
    if example is None or isinstance(example, dict) or \
            (isinstance(example, list) and any(isinstance(v, dict) for v in example)):
        return ""
    if isinstance(example, list):
        return "、".join(map(str, example))
    if isinstance(example, bool):
        return "true" if example else "false"
    return str(example)
