"""What the authoring commands say to staff, in one place (zh first, en second).

Content-check messages stay in core/messages.py's CATALOGUE; these are the
commands' own refusals and reports, and the comments they write into a file.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- refusals ---------------------------------------------------------------
    "not-found": {
        "zh": "找不到文件“{path}”",
        "en": "no such file: {path}",
    },
    "unsupported-type": {
        "zh": "只能导入 Word 文档（.docx）或文本文件（.txt），“{path}”不是",
        "en": "only Word documents (.docx) and text files (.txt) can be imported, not \"{path}\"",
    },
    "old-doc": {
        "zh": "“{path}”是旧版 Word 格式（.doc）。请在 Word 中打开它，“另存为”Word 文档（.docx）后再导入",
        "en": "\"{path}\" is an old Word file (.doc). Open it in Word, save it as a Word document (.docx) and import that",
    },
    "docx-unreadable": {
        "zh": "无法读取 Word 文档“{path}”：它不是有效的 .docx 文件（可能已损坏，或只是把扩展名改成了 .docx）。"
              "请用 Word 打开它并“另存为”Word 文档（.docx）后再导入。（{reason}）",
        "en": "cannot read the Word document \"{path}\": it is not a valid .docx file (damaged, or only renamed to .docx). "
              "Open it in Word, save it as a Word document (.docx) and import that. ({reason})",
    },
    "txt-encoding": {
        "zh": "无法识别文本文件“{path}”的编码（不是 UTF-8、UTF-16 或 GBK）。请用记事本打开，“另存为”时编码选 UTF-8",
        "en": "cannot tell the encoding of \"{path}\" (not UTF-8, UTF-16 or GBK). Re-save it as UTF-8",
    },
    "empty": {
        "zh": "“{path}”里没有文字，无法导入",
        "en": "\"{path}\" holds no text to import",
    },
    "id-hint": {
        "zh": "请用 --id 指定一个合规的编号，例如 --id {example}",
        "en": "Pass a valid id with --id, e.g. --id {example}",
    },
    "id-used": {
        "zh": "编号“{id}”已被 {path} 使用（编号不区分大小写，全库唯一），不会覆盖。{retry}",
        "en": "id \"{id}\" is already used by {path} (ids are unique, ignoring case); nothing is overwritten. {retry}",
    },
    "file-exists": {
        "zh": "{path} 已存在，不会覆盖。{retry}",
        "en": "{path} already exists and is not overwritten. {retry}",
    },
    "retry-id-option": {
        "zh": "请用 --id 另取一个编号，例如 --id {example}",
        "en": "Pass another id with --id, e.g. --id {example}",
    },
    "retry-id": {
        "zh": "请另取一个编号，例如 {example}",
        "en": "Choose another id, e.g. {example}",
    },
    "id-hint-new": {
        "zh": "例如 {example}",
        "en": "E.g. {example}",
    },
    "assets-exist": {
        "zh": "图片文件夹 {path} 已存在且不是空的，不会覆盖其中的文件。请用 --id 另取一个编号，或先移走这个文件夹",
        "en": "the image folder {path} already exists and is not empty; nothing in it is overwritten. "
              "Pass another id with --id, or move that folder away",
    },
    "missing-options": {
        "zh": "导入为{kind}还需要以下信息，请在命令中加上：",
        "en": "importing as {kind} needs more information; add to the command:",
    },
    "missing-option": {
        "zh": "  {option} …  {label}{many}",
        "en": "  {option} …  {label}{many}",
    },
    "repeatable": {"zh": "（可重复，每个值写一次）", "en": " (repeat for each value)"},
    "allowed-values": {"zh": "    可选值：{values}", "en": "    allowed: {values}"},
    "existing-records": {
        "zh": "    现有的{kind}（编号 — 标题）：",
        "en": "    existing {kind} records (id — title):",
    },
    "existing-record": {"zh": "      {id} — {title}", "en": "      {id} — {title}"},
    "more-records": {
        "zh": "      ……共 {count} 个，其余见 content/{folder}/ 下的文件（文件名即编号）",
        "en": "      … {count} in all; see the files in content/{folder}/ (a file's name is its id)",
    },
    "no-records": {
        "zh": "    （还没有{kind}：请先为它建一条记录）",
        "en": "    (no {kind} record yet: write one first)",
    },
    "option-not-for-kind": {
        "zh": "{option} 不适用于{kind}。导入为{kind}可用的选项：{allowed}",
        "en": "{option} does not apply to {kind}. Options for {kind}: {allowed}",
    },
    "one-value": {
        "zh": "{option}（{label}）只能给一个值，现在给了 {count} 个",
        "en": "{option} ({label}) takes one value, {count} were given",
    },
    "draft-invalid": {
        "zh": "没有写入：按给出的信息生成的草稿通不过检查，请改正命令中的值后重试：",
        "en": "nothing written: the draft made from these values does not pass the check; fix the values and retry:",
    },
    "new-invalid": {
        "zh": "没有写入：给出的值通不过检查，请改正命令中的值后重试：",
        "en": "nothing written: the values given do not pass the check; fix them and retry:",
    },
    "kind-needed": {
        "zh": "请指定要新建的记录类型：showcase new 类型 [编号]，类型是 {kinds} 之一（在终端中不带参数运行，会逐项询问）",
        "en": "name the kind of record: showcase new KIND [ID], KIND one of {kinds} (run it without arguments in a terminal to be asked)",
    },
    "cancelled": {"zh": "已取消，没有写入任何文件", "en": "cancelled; nothing written"},
    "nothing-found": {
        "zh": "没有找到编号或标题含“{words}”的记录",
        "en": "no record whose id or title holds \"{words}\"",
    },
    "count": {"zh": "共 {count} 条", "en": "{count} record(s)"},
    "draft-mark": {"zh": "（草稿）", "en": " (draft)"},
    "internal-mark": {"zh": "（内部）", "en": " (internal)"},
    # -- questions (showcase new in a terminal) ---------------------------------
    "ask-kind-head": {"zh": "要新建哪一类记录？", "en": "Which kind of record?"},
    "ask-kind-item": {"zh": "  {number}. {zh}（{name}）", "en": "  {number}. {en} ({name})"},
    "ask-kind": {"zh": "类型（序号或名称）：", "en": "kind (number or name): "},
    "ask-kind-again": {"zh": "请输入 1 到 {count} 的序号，或类型名称", "en": "type a number from 1 to {count}, or a kind's name"},
    "ask-title": {"zh": "标题：", "en": "title: "},
    "ask-title-empty": {"zh": "标题不能为空", "en": "the title cannot be empty"},
    "ask-title-long": {"zh": "标题最多 {max} 字，现在有 {length} 字", "en": "a title has at most {max} characters, this one has {length}"},
    "ask-org": {
        "zh": "{label}：输入名称或编号的一部分查找（简体繁体均可，直接回车跳过）：",
        "en": "{label}: type part of its name or id to find it (Enter to skip): ",
    },
    "ask-org-pick": {
        "zh": "输入序号选择，或输入别的文字重新查找：",
        "en": "type a number to choose, or other words to search again: ",
    },
    "org-none": {"zh": "没有找到含“{words}”的{kind}，请换个说法", "en": "no {kind} holds \"{words}\"; try other words"},
    "org-more": {"zh": "  ……还有 {count} 个，请输入更多文字缩小范围", "en": "  … {count} more: type more words to narrow it"},
    "org-chosen": {"zh": "已选：{id} — {title}", "en": "chosen: {id} — {title}"},
    "ask-id": {"zh": "编号（直接回车使用 {id}）：", "en": "id (Enter for {id}): "},
    "ask-series-head": {"zh": "已有的系列：", "en": "Series so far:"},
    "ask-series-item": {"zh": "  {number}. {series}（已有 {count} 期，最近第 {last} 期）",
                        "en": "  {number}. {series} ({count} sessions, latest no. {last})"},
    "ask-series": {"zh": "系列（输入序号，或输入系列名；新系列直接输入名称）：",
                   "en": "series (a number from the list, or a name; a new series by its name): "},
    "ask-series-new": {"zh": "系列（输入名称，如 {example}）：", "en": "series (its name, e.g. {example}): "},
    "ask-series-empty": {"zh": "系列不能为空", "en": "the series cannot be empty"},
    "ask-series-long": {"zh": "系列名最多 {max} 字，现在有 {length} 字",
                        "en": "a series name has at most {max} characters, this one has {length}"},
    "ask-number": {"zh": "期数（直接回车使用 {number}）：", "en": "number (Enter for {number}): "},
    "ask-number-bad": {"zh": "期数应为正整数，如 {number}", "en": "the number is a positive whole number, e.g. {number}"},
    "ask-number-taken": {"zh": "“{series}”第 {number} 期已有：{path}。请换一个期数，如 {free}",
                         "en": "\"{series}\" no. {number} exists: {path}; choose another number, e.g. {free}"},
    # -- reports ----------------------------------------------------------------
    "new-written": {
        "zh": "已新建 {path}（编号 {id}）。打开它，填好“必填”各项后运行 showcase check 检查",
        "en": "written: {path} (id {id}). Open it, fill in the required fields and run showcase check",
    },
    "id-suggested": {
        "zh": "未指定编号，编号取“{id}”",
        "en": "no id given: the id is \"{id}\"",
    },
    "id-from-name": {
        "zh": "未指定 --id，编号取“{id}”（可用 --id 另取）",
        "en": "no --id given: the id is \"{id}\" (choose another with --id)",
    },
    "written": {
        "zh": "已写入草稿 {path}（编号 {id}）",
        "en": "draft written: {path} (id {id})",
    },
    "images-written": {
        "zh": "已提取 {count} 张图片到 {path}",
        "en": "{count} image(s) extracted into {path}",
    },
    "images-skipped": {
        "zh": "有 {count} 张图片是网页无法显示的格式（{types}），没有导入；正文中已标出它们的位置",
        "en": "{count} image(s) in formats browsers cannot show ({types}) were not imported; the body marks where they were",
    },
    "next-steps": {
        "zh": "下一步：打开这个文件，核对标题、日期和正文，按需补充摘要、标签等字段（字段说明见 docs/fields.md）；"
              "确认无误后删去 draft: true 一行即可发布。",
        "en": "Next: open the file, check the title, dates and body, add a summary, tags and so on "
              "(see docs/fields.md); delete the line draft: true to publish it.",
    },
}

# Comments and notes written into the imported file itself: content, so Chinese only.
FILE_TEXT: dict[str, str] = {
    "header": "# 由 showcase import 从“{source}”导入的草稿。核对无误后删去 draft: true 一行即可发布。",
    "title-cut": "# 第一行超过 {max} 字，标题取了前 {max} 字，请改写",
    "date-from-text": "  # 取自正文中的第一个日期，请核对",
    "date-optional": "# {key}: {value}  # {label}：取自正文中的第一个日期；核对后去掉行首的“# ”",
    "dates-head": "# 文中出现的日期（供填写 {key} 参考）：",
    "date-line": "#   {date}（第 {paragraphs} 段）",
    "dates-more": "#   ……另有 {count} 个日期",
    "more-fields": "# 其他可填字段（摘要 summary、标签 tags 等）见 docs/fields.md",
    # showcase new: the template's comments
    "new-header": "# 新建{kind}（{name}），由 showcase new 生成。“必填”各项在冒号后空一格填写；"
                  "可选项去掉行首的“# ”启用，并把示例改成实际内容，不用的可以删去。",
    "new-help": "# 字段说明见 docs/fields.md；要引用的编号用 showcase ids 加关键词查找；写好后运行 showcase check 检查。",
    "required-head": "# ==== 必填 ====",
    "optional-head": "# ==== 可选 ====",
    "field": "# {label}{required}：{text}",
    "required-mark": "（必填）",
    "sub-field": "#   {key}：{label}{required}，{text}",
    "example-inline": "#   例：{line}",
    "example-block": "#   例：",
    "example-line": "#     {line}",
    "allowed": "可选值：{values}",
    "reference": "填写{kind}的编号（用 showcase ids 查找）",
    "boolean": "写 true 或 false",
    "body-note": "<!-- 正文：在各小标题下写内容。像这样的注释不会发布，写好后可以删去。 -->",
    "outline-hint": "<!-- {hint} -->",
    "image-skipped": "［此处原有一张 {type} 格式的图片，网页无法显示，没有导入。请在 Word 中另存为 PNG 或 JPG 后放入 {folder}/ 并在这里引用］",
}


def say(code: str, lang: str = "zh", **args) -> str:
    return MESSAGES[code][lang].format(**args)

# `showcase import`'s options for required fields, as its --help shows them.
OPTION_HELP: dict[str, str] = {
    "level": "党组织的层级（导入为 branch 时必填），如 党支部",
    "owner": "品牌的创建单位：党组织编号（导入为 brand 时必填，可重复）",
    "branch": "党组织编号（导入为 site 时必填一个；导入为 case 时必填，可重复）",
    "series": "讲堂系列名（导入为 lecture 时必填），如 水利大讲堂",
    "number": "讲堂期数（导入为 lecture 时必填）",
    "speaker": "主讲人姓名（导入为 lecture 时必填，可重复）",
    "category": "案例类别（导入为 case 时必填），如 服务群众",
    "date": "记录的日期（case/lecture 的 date、branch 的 founded、brand 的 launched、site 的 opened）；"
            "不写则取正文中的第一个日期",
}


class Refused(Exception):
    """An authoring command wrote nothing; the message says why and what to do."""
