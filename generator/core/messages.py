"""Every message a content editor can see, in one catalogue keyed by code.

Chinese is the default; English is a second column, not a second code path.
Each message says what is wrong and what to write instead.

An entry is either a *message* someone can be told (a problem in a file, a mistake in
mkdocs.yml, a build refused): it has a stable `code` (E… for errors, W… for warnings,
printed after the message as `[E013]`), and `why` (what it means) and `fix` (what to do)
in Chinese, which the writing guide (/guide/) and `showcase explain` show; or a
*fragment* (`"fragment": True`): words used inside messages, and lines that are not messages
(a build's summary, the lines of `showcase report`). A new message takes
the next free number of its letter; a code is never reused for another meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
import re
import string

ERROR = "error"
WARNING = "warning"

SEVERITY_LABEL = {
    "zh": {ERROR: "错误", WARNING: "警告"},
    "en": {ERROR: "error", WARNING: "warning"},
}

CATALOGUE: dict[str, dict] = {
    # -- reading the file ---------------------------------------------------
    "encoding-gbk": {
        "code": "E001",
        "zh": "文件不是 UTF-8 编码，看起来是 GBK 编码。请用编辑器“另存为”UTF-8 编码（记事本：编码选“UTF-8”；VS Code：右下角点编码 →“通过编码保存”→ UTF-8）",
        "en": "the file is not UTF-8; it looks like GBK. Re-save it as UTF-8 (Notepad: Encoding → UTF-8; VS Code: click the encoding in the status bar → Save with Encoding → UTF-8)",
        "why": "文件是用 GBK 等旧编码保存的（Windows 记事本、WPS 的旧默认设置常见），程序只读 UTF-8 编码的文件。",
        "fix": "用编辑器把文件“另存为”UTF-8 编码，保存后重新检查。",
    },
    "encoding-unknown": {
        "code": "E002",
        "zh": "文件不是 UTF-8 编码的文本，无法读取。请用编辑器另存为 UTF-8 编码",
        "en": "the file is not UTF-8 text and cannot be read. Re-save it as UTF-8",
        "why": "文件不是文字文件，或者编码无法识别（例如把 Word 文件改了扩展名）。",
        "fix": "用文本编辑器（记事本、VS Code）新建文件，把文字复制进去，以 UTF-8 编码保存为 .md 文件。",
    },
    "no-front-matter": {
        "code": "E003",
        "zh": "缺少开头的 front matter。文件第一行应为“---”，接着写字段（至少要有 title:），再以一行“---”结束",
        "en": "the file has no front matter. Its first line must be \"---\", then the fields (at least title:), then a closing \"---\" line",
        "why": "每条记录的开头都要有一段 front matter：夹在两行“---”之间的“字段: 值”。这个文件第一行不是“---”。",
        "fix": "在文件最前面加一行“---”，写上 title: 等字段，再加一行“---”，正文写在它后面。见本页的完整示例。",
    },
    "unclosed-front-matter": {
        "code": "E004",
        "zh": "front matter 没有结束：第 1 行的“---”之后找不到结束的“---”行。请在最后一个字段之后单独加一行“---”",
        "en": "the front matter is not closed: no closing \"---\" line after the opening one on line 1. Add a line \"---\" after the last field",
        "why": "开头的“---”之后一直没有出现结束的“---”，程序分不清哪里是字段、哪里是正文。",
        "fix": "在最后一个字段之后单独加一行“---”（三个英文减号，前后不要有别的字）。",
    },
    "yaml-syntax": {
        "code": "E005",
        "zh": "YAML 格式错误：{problem}。{hint}",
        "en": "YAML syntax error: {problem}. {hint}",
        "why": "front matter 不符合 YAML 格式，程序读不懂这一行。最常见的原因：用了中文冒号“：”、冒号后没有空格、用 Tab 缩进、缩进对不齐、值里有冒号或 # 却没加引号、引号或括号没有配对。",
        "fix": "按消息指出的行修改，对照本页“YAML 书写规则”一节；改不好时，从完整示例复制同名字段的写法。",
    },
    "yaml-problem-colon": {"fragment": True, "zh": "这一行找不到“字段: 值”中的冒号", "en": "no colon found for a \"key: value\" line"},
    "yaml-problem-mapping": {
        "fragment": True,
        "zh": "这里不能再出现“字段: 值”（值里含有冒号时要加引号，或者缩进不对）",
        "en": "a \"key: value\" is not allowed here (quote a value that contains a colon, or fix the indentation)",
    },
    "yaml-problem-token": {"fragment": True, "zh": "这一行以不能出现在开头的字符开始", "en": "the line starts with a character that cannot start a value"},
    "yaml-problem-tab": {"fragment": True, "zh": "缩进里有 Tab 字符", "en": "a tab character in the indentation"},
    "yaml-problem-indent": {
        "fragment": True,
        "zh": "这一行的缩进与上面同一级的内容没有对齐",
        "en": "this line is not indented like the lines of the same level above it",
    },
    "yaml-problem-unclosed": {"fragment": True, "zh": "引号或括号没有配对", "en": "a quote or bracket is not closed"},
    "yaml-problem-quote": {
        "fragment": True,
        "zh": "引号没有配对：开头的引号找不到结尾的引号",
        "en": "a quote is not closed: the opening quote has no closing one",
    },
    "yaml-problem-bracket": {
        "fragment": True,
        "zh": "方括号“[ ]”或花括号“{{ }}”没有配对，或者其中的各项没有用英文逗号“,”隔开",
        "en": "a bracket \"[ ]\" or brace \"{{ }}\" is not closed, or its items are not separated by ASCII commas \",\"",
    },
    "yaml-problem-star": {
        "fragment": True,
        "zh": "以“*”开头的值在 YAML 里表示“别名”（引用别处的值），不会当作文字",
        "en": "a value starting with \"*\" is an alias in YAML (a reference to another value), not text",
    },
    "yaml-problem-anchor": {
        "fragment": True,
        "zh": "以“&”开头的值在 YAML 里表示“锚点”，不会当作文字",
        "en": "a value starting with \"&\" is an anchor in YAML, not text",
    },
    "yaml-hint-quote": {
        "fragment": True,
        "zh": "请把整个值用英文引号括起来，写成：{fixed}",
        "en": "Put the whole value in quotes: {fixed}",
    },
    "yaml-hint-indent": {
        "fragment": True,
        "zh": "缩进只能用空格：同一级的字段左边对齐，子字段比上一级多缩进两个空格，列表项“- ”后面的字段与第一个字段对齐",
        "en": "Indent with spaces only: fields of one level start in the same column, sub-fields two spaces further in, and the fields of a \"- \" list item line up with its first field",
    },
    "yaml-hint-invisible": {
        "fragment": True,
        "zh": "这里有看不见的字符 {chars}（多半是从网页、微信或 Word 复制带进来的）：缩进和冒号后面只能用普通的半角空格。请删掉它们，用空格键重新输入",
        "en": "There are invisible characters here: {chars} (usually pasted from a web page, WeChat or Word); indentation and the space after a colon must be ordinary ASCII spaces. Delete them and type spaces again",
    },
    "yaml-colon-fullwidth": {
        "code": "E061",
        "zh": "“{written}”的字段名后面用了中文冒号“：”，读不出这个字段。字段名后要用英文冒号加一个空格，请写成：{fixed}",
        "en": "\"{written}\" has a full-width colon \"：\" after the field name, so the field cannot be read. Write an ASCII colon and a space: {fixed}",
        "why": "字段名后面用了中文冒号“：”，程序读不出这个字段（整行被当成了上一个字段的一部分或一段文字）。",
        "fix": "把字段名后的“：”改成英文冒号“:”，再空一格，消息里给出了改好的写法。",
    },
    "yaml-colon-space": {
        "code": "E062",
        "zh": "“{written}”的冒号后面没有普通空格，读不出这个字段。字段名后要用英文冒号加一个空格，请写成：{fixed}",
        "en": "\"{written}\" has no ordinary space after the colon, so the field cannot be read. Write a colon and a space: {fixed}",
        "why": "字段名后的冒号后面没有普通空格（没空格，或是全角空格等看不见的字符），程序读不出这个字段。",
        "fix": "在英文冒号后面用空格键输入一个普通空格，照消息给出的写法修改。",
    },
    "yaml-indent-invisible": {
        "code": "E063",
        "zh": "这一行用 {chars} 缩进，YAML 不把它当作空格，这一行就读错了。缩进只能用普通的半角空格：请删掉这些字符，用空格键重新缩进",
        "en": "this line is indented with {chars}, which YAML does not take for spaces, so the line is misread. Indent with ordinary ASCII spaces only: delete these characters and indent with the space bar",
        "why": "这一行的缩进用了全角空格、不换行空格等特殊字符，YAML 不把它们当作空格，整行就读错了。多半是从网页、微信或 Word 复制带进来的。",
        "fix": "删掉行首的缩进，用空格键重新缩进（子字段比上一级多两个空格）。",
    },
    "comment-cut": {
        "code": "W004",
        "zh": "“{key}”的值在“#”处被截断了：只读到“{value}”，后面的“{cut}”被当成注释丢掉了（空格后的 # 在 YAML 里表示注释）。要保留 #，请把整个值用英文引号括起来：{fixed}",
        "en": "the value of \"{key}\" is cut at \"#\": only \"{value}\" is read and \"{cut}\" is dropped as a comment (a # after a space starts a comment in YAML). To keep the #, put the whole value in quotes: {fixed}",
        "why": "值里有空格加“#”，YAML 把“#”和它后面的文字当作注释丢掉了，只读到了前半截。",
        "fix": "照消息把整个值用英文双引号括起来，例如 title: \"开展 #我为群众办实事# 活动\"。",
    },
    "comment-cut-all": {
        "code": "W005",
        "zh": "“{key}”的值是空的：“{cut}”被当成注释丢掉了（空格后的 # 在 YAML 里表示注释）。要保留 #，请把整个值用英文引号括起来：{fixed}",
        "en": "the value of \"{key}\" is empty: \"{cut}\" is dropped as a comment (a # after a space starts a comment in YAML). To keep the #, put the whole value in quotes: {fixed}",
        "why": "值以“#”开头（或只有空格加“#”之后的内容），YAML 把它整个当作注释丢掉了，这个字段成了空的。",
        "fix": "把整个值用英文双引号括起来，例如 title: \"#我为群众办实事#\"。",
    },
    "invisible-in-value": {
        "code": "W006",
        "zh": "“{key}”的值“{value}”里有看不见的字符 {chars}（多半是从网页、微信或 Word 复制带进来的），已忽略。请删掉它们，写成“{clean}”",
        "en": "the value of \"{key}\", \"{value}\", contains invisible characters: {chars} (usually pasted from a web page, WeChat or Word); they were ignored. Delete them: write \"{clean}\"",
        "why": "值里有零宽空格等看不见的字符，多半是复制时带进来的；程序已忽略它们，但会让搜索、引用对不上。",
        "fix": "删掉这个值，照消息里给出的写法重新输入。",
    },
    "invisible-in-key": {
        "code": "W007",
        "zh": "字段名“{key}”里有看不见的字符 {chars}（多半是复制带进来的），已忽略。请删掉它们，写成“{clean}”",
        "en": "field name \"{key}\" contains invisible characters: {chars} (usually pasted in); they were ignored. Delete them: write \"{clean}\"",
        "why": "字段名里有零宽空格等看不见的字符，多半是复制时带进来的；程序已忽略它们。",
        "fix": "删掉字段名，用键盘重新输入。",
    },
    "yaml-hint-colon": {
        "fragment": True,
        "zh": "字段名后要用英文冒号加空格“: ”，不能用中文冒号“：”",
        "en": "write an ASCII colon and a space \": \" after a field name, not a full-width \"：\"",
    },
    "yaml-hint-tab": {
        "fragment": True,
        "zh": "缩进只能用空格，不能用 Tab 键",
        "en": "indent with spaces, not tabs",
    },
    "yaml-hint-general": {
        "fragment": True,
        "zh": "请检查这一行的缩进，以及冒号后是否有空格；含有冒号、#、引号等符号的文字请用英文引号括起来",
        "en": "check this line's indentation and that a space follows each colon; quote text that contains colons, # or quotes",
    },
    "yaml-too-complex": {
        "code": "E006",
        "zh": "YAML 锚点/别名（&、*）展开后超过 {max} 个值，已停止读取。请直接写出每个值，不要用 & 和 *",
        "en": "YAML anchors/aliases (& and *) expand to more than {max} values; reading stopped. Write each value out instead of using & and *",
        "why": "front matter 里用了 YAML 的锚点（&）和别名（*），展开后数量过大，为防止卡死已停止读取。",
        "fix": "不要使用 & 和 *，把每个值直接写出来。",
    },
    "yaml-too-many-values": {
        "code": "E007",
        "zh": "front matter 里的字段和列表项太多（超过 {max} 个），已停止读取。一条记录用不到这么多：请检查是否误粘贴了大段内容，长列表请精简",
        "en": "the front matter holds too many fields and list items (more than {max}); reading stopped. No record needs that many: check for pasted bulk and shorten long lists",
        "why": "front matter 里的字段和列表项多得不正常，多半是误把大段内容粘贴进了字段区。",
        "fix": "检查两行“---”之间的内容，把正文移到第二个“---”之后，精简过长的列表。",
    },
    "front-matter-too-large": {
        "code": "E008",
        "zh": "front matter（两行“---”之间的部分）有 {size} KB，超过上限 {max} KB，没有读取。一条记录用不到这么多：请检查是否误粘贴了大段内容，正文请写在第二个“---”之后",
        "en": "the front matter (between the two \"---\" lines) is {size} KB, more than the {max} KB limit; it was not read. No record needs that much: check for pasted bulk, and put the body after the second \"---\"",
        "why": "两行“---”之间的内容太大，不像是一条记录的字段，多半是漏写了结束的“---”或粘贴了大段文字。",
        "fix": "确认字段之后有一行“---”，正文写在它后面；删去误粘贴的内容。",
    },
    "control-character": {
        "code": "E009",
        "zh": "“{key}”的值里有看不见的控制字符（{char}），多半是复制粘贴时带进来的。请删掉这个值重新输入",
        "en": "the value of \"{key}\" contains an invisible control character ({char}), usually pasted in by accident. Delete the value and type it again",
        "why": "值里混进了看不见的控制字符，通常是从网页、Word 或聊天软件复制时带进来的，会导致页面显示异常。",
        "fix": "删掉这个值，用键盘重新输入；或者先粘贴到记事本再复制过来。",
    },
    "yaml-too-deep": {
        "code": "E010",
        "zh": "YAML 嵌套层级过深（超过 {max} 层），已停止读取。请检查缩进",
        "en": "YAML nesting is too deep (more than {max} levels); reading stopped. Check the indentation",
        "why": "缩进层级多得不正常，程序已停止读取，通常是缩进整体错位造成的。",
        "fix": "检查缩进：顶层字段不缩进，子字段和列表项统一缩进两个空格。",
    },
    "front-matter-not-mapping": {
        "code": "E011",
        "zh": "front matter 必须是“字段: 值”的形式，每行一个字段",
        "en": "the front matter must be \"key: value\" lines, one field per line",
        "why": "front matter 必须是一行一个“字段: 值”，这里却是一段文字或一个列表。",
        "fix": "把内容改成“字段名: 值”的形式，例如 title: 标题；正文写在第二个“---”之后。",
    },
    "duplicate-key": {
        "code": "E012",
        "zh": "字段“{key}”重复出现（第 {first} 行已写过）。请删掉其中一个，只保留正确的值",
        "en": "field \"{key}\" appears twice (already on line {first}). Delete one and keep the right value",
        "why": "同一个字段写了两次，程序不知道该用哪一个。",
        "fix": "删掉其中一行，只保留正确的值。",
    },
    # -- fields -------------------------------------------------------------
    "required": {
        "code": "E013",
        "zh": "缺少必填字段“{key}”（{label}）。请添加一行，例如：{example}",
        "en": "required field \"{key}\" ({label}) is missing. Add a line such as: {example}",
        "why": "这类记录必须填写这个字段，现在没有写。",
        "fix": "照消息里的例子加上这一行；每类记录的必填字段见本页各类记录的字段表（“必填”一栏）。",
    },
    "unknown-key": {
        "code": "E014",
        "zh": "未知字段“{key}”。{suggestion}",
        "en": "unknown field \"{key}\". {suggestion}",
        "why": "这类记录没有这个字段。多半是字段名拼错了，或者把别的类型记录的字段写了进来。",
        "fix": "按提示改成正确的字段名，或删掉这一行。字段名一律用英文小写，见本页各类记录的字段表。",
    },
    "other-kinds-field": {
        "fragment": True,
        "zh": "{kind}没有这个字段，{owners}才有。请删掉这一行；如果这份材料其实是别的类型，请把文件移到那个类型的文件夹",
        "en": "Records of kind \"{kind}\" have no such field; {owners} do. Delete the line, or if this is another kind of record, move the file to that kind's folder",
    },
    "field-owner": {"fragment": True, "zh": "{kind}", "en": "records of kind \"{kind}\""},
    "field-owner-sub": {"fragment": True, "zh": "{kind}（写在“{parent}”下）", "en": "records of kind \"{kind}\" (under \"{parent}\")"},
    "did-you-mean-key": {
        "fragment": True,
        "zh": "是不是要写“{best}”？",
        "en": "did you mean \"{best}\"?",
    },
    "allowed-keys": {
        "fragment": True,
        "zh": "这里可以写的字段有：{allowed}",
        "en": "fields allowed here: {allowed}",
    },
    "type-string": {
        "code": "E015",
        "zh": "“{key}”（{label}）应为一段文字，现在是{got}",
        "en": "\"{key}\" ({label}) must be text, not {got}",
        "why": "这个字段应写一段文字，现在写成了列表、数字、true/false 或子字段。",
        "fix": "写成“字段: 文字”；文字像数字、true/false 或日期时，加英文引号，如 title: \"2021\"。",
    },
    "type-integer": {
        "code": "E016",
        "zh": "“{key}”（{label}）应为整数（如 {example}），现在是“{value}”",
        "en": "\"{key}\" ({label}) must be a whole number (e.g. {example}), not \"{value}\"",
        "why": "这个字段应写一个整数，现在写的不是。",
        "fix": "只写阿拉伯数字，不带单位和小数点，例如 members: 30。",
    },
    "type-number": {
        "code": "E017",
        "zh": "“{key}”（{label}）应为数字（如 2271 或 3.5，不带单位），现在是“{value}”",
        "en": "\"{key}\" ({label}) must be a number (e.g. 2271 or 3.5, without a unit), not \"{value}\"",
        "why": "这个字段应写一个数字，现在写的不是。",
        "fix": "只写数字，不带单位（单位写在 unit 字段里），例如 value: 1200。",
    },
    "type-bool": {
        "code": "E018",
        "zh": "“{key}”（{label}）只能写 true 或 false，现在是“{value}”",
        "en": "\"{key}\" ({label}) must be true or false, not \"{value}\"",
        "why": "这个字段只能写 true（是）或 false（否）。",
        "fix": "写 true 或 false（英文小写，不加引号）；不需要时删掉这一行。",
    },
    "type-list": {
        "code": "E019",
        "zh": "“{key}”（{label}）应为列表，每项另起一行以“- ”开头，现在是{got}",
        "en": "\"{key}\" ({label}) must be a list, one item per line starting with \"- \", not {got}",
        "why": "这个字段应写成列表，现在写成了一个值或子字段。",
        "fix": "写成 [甲, 乙]，或者每项另起一行，以“- ”开头并缩进两个空格。见本页“列表”一节。",
    },
    "type-mapping": {
        "code": "E020",
        "zh": "“{key}”（{label}）应包含子字段（{fields}），每个子字段另起一行并缩进，现在是{got}",
        "en": "\"{key}\" ({label}) must hold sub-fields ({fields}), each on its own indented line, not {got}",
        "why": "这个字段应包含子字段，每个子字段一行并缩进。",
        "fix": "照本页完整示例的写法，把子字段逐行写在它下面，缩进两个空格。",
    },
    "too-long": {
        "code": "E021",
        "zh": "“{key}”（{label}）最多 {max} 个字，现在有 {length} 个字。请精简",
        "en": "\"{key}\" ({label}) may have at most {max} characters; it has {length}. Shorten it",
        "why": "文字超过了这个字段允许的长度，会撑乱卡片和页面。",
        "fix": "精简文字；详细内容写进正文。",
    },
    "empty-value": {
        "code": "E022",
        "zh": "“{key}”（{label}）不能为空。请填写内容，或删掉这一行",
        "en": "\"{key}\" ({label}) must not be empty. Fill it in or delete the line",
        "why": "这个字段写了名字却没有值（或列表里有空项），而它不能为空。",
        "fix": "填上内容；不需要时删掉整行（可选字段）。",
    },
    "list-too-short": {
        "code": "E023",
        "zh": "“{key}”（{label}）至少要有 {min} 项",
        "en": "\"{key}\" ({label}) needs at least {min} item(s)",
        "why": "这个列表的项数少于要求。",
        "fix": "至少写消息中所说的项数。",
    },
    "enum": {
        "code": "E024",
        "zh": "“{key}”（{label}）不能写“{value}”。{suggestion}可选值：{allowed}",
        "en": "\"{key}\" ({label}) cannot be \"{value}\". {suggestion}Allowed: {allowed}",
        "why": "这个字段只能从固定的几个值中选一个，现在写的不在其中。",
        "fix": "从消息列出的可选值中选一个，照原样抄写；各字段的可选值见本页“可选值一览”。词表类字段的可选值可在 mkdocs.yml 中修改。",
    },
    "list-comma": {
        "code": "E064",
        "zh": "“{key}”（{label}）的“{value}”里用了{sep}，被当成了一项。列表的各项要用英文逗号“,”隔开，或者每项一行（以“- ”开头）。请写成：{key}: [{fixed}]{note}",
        "en": "\"{key}\" ({label}): \"{value}\" uses {sep} and is read as one item. Separate list items with ASCII commas \",\", or put one per line starting with \"- \". Write: {key}: [{fixed}]{note}",
        "why": "列表的一项里用了中文逗号“，”或顿号“、”，程序把几项当成了一项（列表项只用英文逗号分隔）。这一项不是允许的值或编号，已被丢弃。",
        "fix": "照消息改成用英文逗号分隔的写法，如 categories: [思想建设, 组织建设]，或者每项一行，以“- ”开头。",
    },
    "sep-comma": {"fragment": True, "zh": "中文逗号“，”", "en": "a full-width comma \"，\""},
    "sep-dunhao": {"fragment": True, "zh": "顿号“、”", "en": "an enumeration comma \"、\""},
    "list-comma-allowed": {"fragment": True, "zh": "（这几项都是可选值）", "en": " (each is an allowed value)"},
    "did-you-mean-value": {
        "fragment": True,
        "zh": "是不是要写“{best}”？",
        "en": "Did you mean \"{best}\"? ",
    },
    "below-minimum": {
        "code": "E025",
        "zh": "“{key}”（{label}）不能小于 {min}，现在是 {value}",
        "en": "\"{key}\" ({label}) must be at least {min}, not {value}",
        "why": "数值小于允许的最小值。",
        "fix": "检查数字是否写错（如多了负号）。",
    },
    "out-of-range": {
        "code": "E026",
        "zh": "“{key}”（{label}）应在 {min} 到 {max} 之间，现在是 {value}",
        "en": "\"{key}\" ({label}) must be between {min} and {max}, not {value}",
        "why": "数值超出了允许的范围。",
        "fix": "改成范围内的数值，例如星级 1 到 5、年份 1900 到 2100。",
    },
    "date": {
        "code": "E027",
        "zh": "“{key}”（{label}）不是有效日期：“{value}”。{suggestion}可以写 2021-07-17、2021-07、2021、2021年7月17日 或 2021年7月",
        "en": "\"{key}\" ({label}) is not a valid date: \"{value}\". {suggestion}Dates are written 2021-07-17, 2021-07, 2021, 2021年7月17日 or 2021年7月",
        "why": "写的不是一个有效日期，或者日期的写法不被识别。",
        "fix": "改成 2021-07-17、2021-07、2021、2021年7月17日 或 2021年7月 这几种写法之一。见本页“日期”一节。",
    },
    "date-write": {"fragment": True, "zh": "请写成 {fixed}。", "en": "Write {fixed}. "},
    "period-order": {
        "code": "E028",
        "zh": "“{key}”（{label}）的结束时间 {end} 早于开始时间 {start}。请检查 start 和 end 是否写反",
        "en": "\"{key}\" ({label}) ends ({end}) before it starts ({start}). Check whether start and end are swapped",
        "why": "时间段的结束时间早于开始时间，多半是 start 和 end 写反了。",
        "fix": "交换 start 和 end 的值，或者改正其中写错的日期。",
    },
    "date-or-period": {
        "code": "E029",
        "zh": "“{key}”（{label}）应为日期（如 2021-07-17）或时间段（start: 2021-07 与 end: 2021-09 两个子字段），现在是{got}",
        "en": "\"{key}\" ({label}) must be a date (e.g. 2021-07-17) or a period (sub-fields start: 2021-07 and end: 2021-09), not {got}",
        "why": "这个字段应写一个日期，或者写一个时间段（start 和 end 两个子字段）。",
        "fix": "写成 date: 2021-07-17，或者写成两行缩进的 start: 2021-07 和 end: 2021-09。",
    },
    "id-format": {
        "code": "E030",
        "zh": "编号“{value}”不合规：只能用字母（可用汉字）、数字、“-”和“_”，各段之间用“/”，不能有空格。{hint}",
        "en": "id \"{value}\" is not valid: use letters (Chinese allowed), digits, \"-\" and \"_\", with \"/\" between segments and no spaces. {hint}",
        "why": "编号（id，默认取文件名）里有空格或不允许的符号。编号会出现在网址里，也用于引用。",
        "fix": "把文件名（或 id:）改成只含字母、汉字、数字、“-”和“_”的形式，例如 hebei-2021-flood。",
    },
    "id-format-hint-file": {
        "fragment": True,
        "zh": "请重命名文件（如把空格换成“-”），或在 front matter 中写 id: 一个合规的编号",
        "en": "Rename the file (e.g. replace spaces with \"-\"), or set id: to a valid id in the front matter",
    },
    "id-duplicate": {
        "code": "E031",
        "zh": "编号“{id}”与 {other} 重复（编号不区分大小写，全库唯一）。请修改其中一个文件的 id 或文件名",
        "en": "id \"{id}\" is also used by {other} (ids are unique across the knowledge base, ignoring case). Change the id or file name of one of them",
        "why": "两条记录的编号相同（不区分大小写），引用时无法区分。",
        "fix": "修改其中一条记录的文件名或 id:，并同步修改引用了它的记录。",
    },
    "file-missing": {
        "code": "E032",
        "zh": "“{key}”（{label}）指向的文件“{value}”不存在。请检查路径和文件名（路径相对本文件，或以“/”开头从 content/ 算起）",
        "en": "\"{key}\" ({label}) points to \"{value}\", which does not exist. Check the path (relative to this file, or starting with \"/\" from content/)",
        "why": "字段里写的图片或文件找不到。",
        "fix": "检查路径和文件名（包括扩展名、大小写）；路径从本文件所在的文件夹算起，如 ../assets/covers/x.jpg，或以 / 开头从 content/ 算起。",
    },
    "file-outside": {
        "code": "E033",
        "zh": "“{key}”（{label}）的路径“{value}”跑到了 content/ 文件夹之外。请把文件放进 content/（如 content/assets/）再引用",
        "en": "\"{key}\" ({label}) path \"{value}\" leaves the content/ folder. Put the file inside content/ (e.g. content/assets/) and refer to it there",
        "why": "图片或文件的路径指向了 content/ 文件夹之外，网站不会包含它。",
        "fix": "把文件复制到 content/assets/ 下，再写它的路径。",
    },
    "file-type": {
        "code": "E034",
        "zh": "“{key}”（{label}）的“{value}”不是图片。支持的格式：{allowed}",
        "en": "\"{key}\" ({label}) \"{value}\" is not an image. Supported formats: {allowed}",
        "why": "这个字段只能放图片，写的文件不是支持的图片格式。",
        "fix": "换成 PNG、JPG、GIF、SVG、WebP 或 AVIF 图片；其他文件（PDF 等）放在讲堂的 media 中。",
    },
    "url": {
        "code": "E035",
        "zh": "“{key}”（{label}）应为以 http:// 或 https:// 开头的网址，现在是“{value}”",
        "en": "\"{key}\" ({label}) must be a web address starting with http:// or https://, not \"{value}\"",
        "why": "网址字段要写完整的网址。",
        "fix": "写以 http:// 或 https:// 开头的完整网址，直接从浏览器地址栏复制。",
    },
    # -- files under content/ ------------------------------------------------
    "stray-file": {
        "code": "E036",
        "zh": "记录文件夹里只能放 .md 记录文件，这个文件不会被读取，也不会发布。{hint}",
        "en": "a record folder holds only .md record files; this file is neither read nor published. {hint}",
        "why": "记录文件夹（branches、brands、sites、lectures、cases）里只能放 .md 记录文件，这个文件不会被读取或发布。",
        "fix": "按消息中的提示处理：改扩展名、转成 Markdown，或把图片和附件移到 content/assets/ 下。",
    },
    "stray-word": {
        "fragment": True,
        "zh": "Word 文件要先转成 Markdown：新建一个 .md 文件，写好 front matter，把文字复制进去，再把 Word 文件移出 content/（以后可用 showcase import 转换）",
        "en": "convert the Word file to Markdown: create a .md file with front matter, copy the text into it, and move the Word file out of content/ (showcase import will do this later)",
    },
    "stray-md-txt": {
        "fragment": True,
        "zh": "文件名多了“.txt”（记事本另存时常见）：请改名为“{name}”",
        "en": "the name has an extra \".txt\" (Notepad adds it): rename it to \"{name}\"",
    },
    "stray-markdown": {
        "fragment": True,
        "zh": "请把扩展名改为 .md，即改名为“{name}”",
        "en": "use the .md extension: rename it to \"{name}\"",
    },
    "stray-other": {
        "fragment": True,
        "zh": "图片和附件请移到 content/assets/ 下，再在记录里引用；其他文件请移出 content/",
        "en": "move images and attachments to content/assets/ and refer to them from the record; move anything else out of content/",
    },
    "path-outside": {
        "code": "E037",
        "zh": "这是一个快捷方式（符号链接），指向 content/ 文件夹之外的“{target}”，不会被读取或发布。请删掉链接，把需要的文件复制进 content/",
        "en": "this is a symbolic link to \"{target}\", outside the content/ folder; it is neither read nor published. Delete the link and copy the file you need into content/",
        "why": "这是一个快捷方式（符号链接），指向 content/ 之外的文件，网站不会读取它。",
        "fix": "删除快捷方式，把需要的文件复制进 content/。",
    },
    "folder-link": {
        "code": "E038",
        "zh": "这是一个指向文件夹“{target}”的快捷方式（符号链接），文件夹链接不会被读取或发布。请删掉链接，把需要的文件复制进 content/",
        "en": "this is a symbolic link to the folder \"{target}\"; folder links are neither read nor published. Delete the link and copy the files you need into content/",
        "why": "这是一个指向文件夹的快捷方式（符号链接），网站不会读取它。",
        "fix": "删除快捷方式，把需要的文件复制进 content/。",
    },
    # -- addresses ------------------------------------------------------------
    "address-dot": {
        "code": "E039",
        "zh": "“{key}”（{label}）的“{value}”以“.”开头，不能用作网址（“.”和“..”会指向别的页面，其他以点开头的名字会被当作隐藏文件）。请去掉开头的点",
        "en": "\"{key}\" ({label}) \"{value}\" starts with \".\" and cannot be an address (\".\" and \"..\" point at other pages; other names starting with a dot are hidden files). Remove the leading dot",
        "why": "这个值会成为网址的一部分，以“.”开头的名字不能用作网址。",
        "fix": "去掉开头的点。",
    },
    "address-too-long": {
        "code": "E040",
        "zh": "“{key}”（{label}）的“{value}”太长，不能用作网址：每段最多 {max} 字节（约 {chars} 个汉字），现在有 {bytes} 字节。请缩短",
        "en": "\"{key}\" ({label}) \"{value}\" is too long for an address: at most {max} bytes (about {chars} Chinese characters) per segment, it has {bytes}. Shorten it",
        "why": "这个值会成为网址的一部分，太长的名字在一些系统上无法保存为文件夹。",
        "fix": "改用更短的名称。",
    },
    "id-too-deep": {
        "code": "E041",
        "zh": "编号“{value}”有 {count} 段，最多 {max} 段（各段之间用“/”分隔）。请用更短的编号或更浅的文件夹",
        "en": "id \"{value}\" has {count} segments; at most {max} are allowed (segments are separated by \"/\"). Use a shorter id or fewer nested folders",
        "why": "编号分段太多（通常是记录放在了很深的子文件夹里）。",
        "fix": "把记录移到浅一些的文件夹，或写一个更短的 id:。",
    },
    "id-reserved": {
        "code": "E042",
        "zh": "编号“{id}”的网址 {url} 已被自动生成的页面占用，本记录的页面会被覆盖。请换一个编号（改文件名或写 id:）",
        "en": "id \"{id}\" has the address {url}, which a generated page takes; this record's page would be overwritten. Choose another id (rename the file or set id:)",
        "why": "这个编号对应的网址已被网站自动生成的页面（如分页 page/2/）占用。",
        "fix": "换一个编号：改文件名，或写 id:。",
    },
    "address-collision": {
        "code": "E043",
        "zh": "{label}“{value}”与 {other_path} 中的“{other}”生成同一个网址 {url}，两者的记录会混在一起。请统一成同一种写法，或改用区别更明显的名称",
        "en": "{label} \"{value}\" and \"{other}\" in {other_path} get the same address {url}, so their records would be mixed. Spell them the same, or use names that differ more",
        "why": "两个写法不同的值（如大小写不同、简繁体不同）会生成同一个网址，它们的记录会混在一起。",
        "fix": "统一成同一种写法，或者改用区别更明显的名称。",
    },
    # -- body -------------------------------------------------------------------
    "body-too-deep": {
        "code": "E044",
        "zh": "正文的列表或引用在这一行嵌套了 {depth} 层，最多 {max} 层，无法生成页面。请减少缩进层级",
        "en": "the body's lists or quotes are nested {depth} levels deep on this line; at most {max} are allowed. Reduce the indentation",
        "why": "正文的列表或引用嵌套层数多得不正常，页面无法生成，通常是缩进整体错位。",
        "fix": "减少正文的缩进层级。",
    },
    # -- references ---------------------------------------------------------
    "ref-missing": {
        "code": "E045",
        "zh": "“{key}”（{label}）引用的{kind}“{id}”不存在。{suggestion}",
        "en": "\"{key}\" ({label}) refers to {kind} \"{id}\", which does not exist. {suggestion}",
        "why": "引用字段里写的编号找不到对应的记录。常见原因：拼错编号、写成了记录的标题、要引用的记录还没建立。",
        "fix": "改成正确的编号（消息会列出相近的编号），或者先建立被引用的记录。编号就是记录的文件名（不含 .md），可用 showcase ids 查找。",
    },
    "closest-ids": {
        "fragment": True,
        "zh": "相近的编号：{ids}",
        "en": "Closest ids: {ids}",
    },
    "ref-title": {
        "fragment": True,
        "zh": "这是 {path} 的标题“{title}”；引用时要写编号，请写编号“{id}”",
        "en": "That is the title \"{title}\" of {path}; a reference takes the id: write \"{id}\"",
    },
    "ref-title-close": {
        "fragment": True,
        "zh": "是不是 {path} 的“{title}”？引用时要写编号，请写编号“{id}”",
        "en": "Did you mean \"{title}\" ({path})? A reference takes the id: write \"{id}\"",
    },
    "no-close-ids": {
        "fragment": True,
        "zh": "请检查拼写，或先建立该记录",
        "en": "Check the spelling, or create that record first",
    },
    "ref-wrong-kind": {
        "code": "E046",
        "zh": "“{key}”（{label}）应引用{kind}，但“{id}”是{actual}（{path}）",
        "en": "\"{key}\" ({label}) must refer to a record of kind \"{kind}\", but \"{id}\" is of kind \"{actual}\" ({path})",
        "why": "引用的记录存在，但类型不对（例如在党组织字段里写了一个品牌的编号）。",
        "fix": "改成正确类型记录的编号。",
    },
    "ref-case": {
        "code": "W001",
        "zh": "“{key}”（{label}）引用的“{id}”大小写与记录编号“{actual}”不一致。请写成“{actual}”",
        "en": "\"{key}\" ({label}) refers to \"{id}\" but the record's id is spelled \"{actual}\". Write \"{actual}\"",
        "why": "引用的编号与记录编号只有大小写不同。现在能找到，但应写一致。",
        "fix": "照消息改成记录编号的原样写法。",
    },
    "ref-self": {
        "code": "E047",
        "zh": "“{key}”（{label}）不能引用本记录自己",
        "en": "\"{key}\" ({label}) cannot refer to this record itself",
        "why": "记录引用了它自己（例如上级组织写成了本组织）。",
        "fix": "改成另一条记录的编号，或删掉这一行。",
    },
    "ref-hidden": {
        "code": "W002",
        "zh": "“{key}”（{label}）引用的“{id}”是{hidden}，公开版中不会显示这个链接",
        "en": "\"{key}\" ({label}) refers to \"{id}\", which is {hidden}; the public build will not show this link",
        "why": "公开记录引用了内部记录或草稿，公开版网站不会显示这个链接。",
        "fix": "如果应当公开，去掉被引用记录的 draft: true 或 visibility: internal；否则可以不改。",
    },
    "link-not-record": {
        "code": "E048",
        "zh": "“{link}”（{label}）指向的文件既不是记录，也不是网站的页面（没有这个文件，或它在 content/ 之外）。{write}",
        "en": "\"{link}\" ({label}) points to neither a record nor a page of the site (there is no such file, or it is outside content/). {write}",
        "why": "正文里的链接指向一个 .md 文件，但它既不是记录，也不是网站的页面。",
        "fix": "链接记录请写 [[编号]]；链接其他网页请写完整网址。",
    },
    "link-write-id": {
        "fragment": True,
        "zh": "链接记录请写 [[{id}]]",
        "en": "To link a record, write [[{id}]]",
    },
    "link-write-any": {
        "fragment": True,
        "zh": "链接记录请写 [[记录编号]] 或 [[记录编号|显示的文字]]；链接其他网页请写完整网址",
        "en": "To link a record, write [[its id]] or [[its id|words shown]]; for other pages write the full address",
    },
    "hidden-internal": {"fragment": True, "zh": "内部记录", "en": "an internal record"},
    "hidden-draft": {"fragment": True, "zh": "草稿", "en": "a draft"},
    "parent-cycle": {
        "code": "E049",
        "zh": "上级组织（parent）形成了循环：{chain}。请检查这些组织的 parent，最上级组织不写 parent",
        "en": "the parent organisations form a cycle: {chain}. Check their parent fields; the topmost organisation has no parent",
        "why": "几个党组织的上级组织（parent）互相指向，形成了循环，无法排出层级。",
        "fix": "检查这些组织的 parent，最上级组织不写 parent。",
    },
    "lecture-number-file": {
        "code": "W009",
        "zh": "文件名“{name}”是第 {file_number} 期，但 number 写的是 {number}。请改文件名或期数，使两者一致",
        "en": "the file name \"{name}\" says session {file_number}, but number is {number}. Rename the file or change the number so that they agree",
        "why": "讲堂文件名里的期数（如 079.md）与 number 写的期数不一致，多半是复制上一期后忘了改。",
        "fix": "改文件名或 number，使两者一致。",
    },
    "lecture-number-duplicate": {
        "code": "E050",
        "zh": "讲堂系列“{series}”的第 {number} 期与 {other} 重复。请修改期数（number）",
        "en": "session {number} of series \"{series}\" is also {other}. Change the number",
        "why": "同一讲堂系列中有两期的期数（number）相同。",
        "fix": "修改其中一期的 number（文件名最好与期数一致，如 072.md）。",
    },
    # -- mkdocs.yml and the plugin's options in it (core/options.py) ------------
    "config-unreadable": {
        "code": "E051",
        "zh": "无法读取这个配置文件：{problem}",
        "en": "cannot read this configuration file: {problem}",
        "why": "网站的配置文件 mkdocs.yml 读取失败（格式错误或无法打开）。",
        "fix": "按消息修改 mkdocs.yml；格式规则与 front matter 相同（英文冒号加空格、空格缩进）。",
    },
    "site-url-missing": {
        "code": "W008",
        "zh": "没有设置网站地址（site_url，如 https://dangjian.example.cn/）：站点地图（sitemap.xml）是空的，"
              "规范链接、订阅（feed.xml）和打印页上的二维码都缺少完整地址。请在 mkdocs.yml 中写上本站的地址",
        "en": "no site address (site_url, e.g. https://dangjian.example.cn/): sitemap.xml is empty and canonical "
              "links, the feed (feed.xml) and the QR codes of printed pages lack full addresses. Set it in mkdocs.yml",
        "why": "mkdocs.yml 没有写网站的正式地址（site_url），站点地图、规范链接、订阅和打印页二维码都缺少地址。",
        "fix": "在 mkdocs.yml 中加一行 site_url: 网站的正式地址（如 https://dangjian.example.cn/）。",
    },
    "dossier-no-brand": {
        "fragment": True,
        "zh": "没有编号为“{id}”的党建品牌（或它不在这个版本中发布：内部记录要加 --internal，草稿要加 --drafts）",
        "en": "there is no brand with id \"{id}\" (or this edition does not publish it: add --internal for an internal record, --drafts for a draft)",
    },
    "home-unknown": {
        "code": "E065",
        "zh": "showcase 插件的 home 下没有“{name}”这一项{hint}。可写的有：{allowed}",
        "en": "the showcase plugin's home has no \"{name}\"{hint}. It takes: {allowed}",
        "why": "mkdocs.yml 中 showcase 插件的 home 下写了一个不存在的项目，多半是拼错了。",
        "fix": "按提示改成可写的项目名。",
    },
    "home-type": {
        "code": "E066",
        "zh": "home 下的“{name}”应为一段文字",
        "en": "home: \"{name}\" must be a string",
        "why": "mkdocs.yml 中 showcase 插件 home 下的这一项应为一段文字。",
        "fix": "写成“项目名: 文字”。",
    },
    "synonyms-type": {
        "code": "E067",
        "zh": "synonyms 的每一项应为“词: [同义词, …]”，如 抗疫: [抗击疫情]；“{name}”不是",
        "en": "each entry of synonyms must be \"word: [synonym, …]\", such as 抗疫: [抗击疫情]; \"{name}\" is not",
        "why": "mkdocs.yml 中 showcase 插件的 synonyms（搜索同义词）写法不对。",
        "fix": "每行写成“词: [同义词, 同义词]”，如 抗疫: [抗击疫情]。",
    },
    "option-unknown": {
        "code": "E052",
        "zh": "showcase 插件没有“{name}”这个选项{hint}。可用的选项有：{allowed}",
        "en": "the showcase plugin has no option \"{name}\"{hint}. Its options are: {allowed}",
        "why": "mkdocs.yml 中 showcase 插件下写了一个不存在的选项，多半是拼错了。",
        "fix": "按提示改成正确的选项名。可用选项见 README 的“Configuration”一节。",
    },
    "option-choice": {
        "code": "E053",
        "zh": "showcase 插件的选项 {name} 写的是“{value}”{hint}，只能是：{allowed}",
        "en": "the showcase plugin's option {name} is \"{value}\"{hint}; it must be one of: {allowed}",
        "why": "mkdocs.yml 中 showcase 插件的某个选项写了不允许的值。",
        "fix": "从消息列出的值中选一个。",
    },
    "option-key-unknown": {
        "code": "E068",
        "why": "mkdocs.yml 中 showcase 插件的某个选项（如 footer、home）下写了一个它不认识的子项，多半是拼错了。",
        "fix": "按提示改成正确的子项名；每个选项可写的子项见 README 的“Configuration”一节。",
        "zh": "showcase 插件的选项 {name} 下没有“{key}”{hint}。可写的有：{allowed}",
        "en": "the showcase plugin's option {name} has no \"{key}\"{hint}. It takes: {allowed}",
    },
    "option-key-type": {
        "code": "E069",
        "why": "mkdocs.yml 中 showcase 插件某个选项的子项（如 footer 的 notice）应是一行文字，却写成了列表、数字或带子项的内容。",
        "fix": "把它改成一行文字；含冒号或 # 的文字请用英文引号括起来。",
        "zh": "showcase 插件的选项 {name} 的 {key} 应为一行文字，现在是{actual}",
        "en": "the showcase plugin's option {name}: {key} must be a line of text, not {actual}",
    },
    "option-type": {
        "code": "E054",
        "zh": "showcase 插件的选项 {name} 应为{type}，现在是{actual}",
        "en": "the showcase plugin's option {name} must be {type}, not {actual}",
        "why": "mkdocs.yml 中 showcase 插件的某个选项类型不对（例如应写 true/false 却写了文字）。",
        "fix": "按消息改成正确类型的值。",
    },
    "options-not-mapping": {
        "code": "E055",
        "zh": "showcase 插件的选项应写成“选项: 值”，现在是{actual}",
        "en": "the showcase plugin's options must be \"option: value\" lines, not {actual}",
        "why": "mkdocs.yml 中 showcase 插件的选项没有写成“选项: 值”的形式。",
        "fix": "在 - showcase: 下缩进，一行写一个“选项: 值”。",
    },
    "vocabulary-unknown": {
        "code": "E056",
        "zh": "showcase 插件的 vocabularies 下没有“{name}”这个词表{hint}。可用的有：{allowed}",
        "en": "the showcase plugin has no vocabulary \"{name}\"{hint}. Its vocabularies are: {allowed}",
        "why": "mkdocs.yml 的 vocabularies 下写了一个不存在的词表。",
        "fix": "只能写 categories、case_categories、lecture_fields；按提示改正拼写。",
    },
    "vocabulary-type": {
        "code": "E057",
        "zh": "词表“{name}”应为一串文字，如 [{example}]",
        "en": "vocabulary \"{name}\" must be a non-empty list of strings, such as [{example}]",
        "why": "mkdocs.yml 中的词表应是一串文字。",
        "fix": "写成 [甲, 乙, 丙] 的形式，至少一项。",
    },
    "vocabulary-address": {
        "code": "E058",
        "zh": "词表“{name}”中的“{value}”不能用作网址（分类页在 /categories/<值>/）：不能以“.”开头，最长 {max} 字节。请改写",
        "en": "vocabulary \"{name}\": \"{value}\" cannot be an address (category pages are at /categories/<value>/): it may not start with \".\" and has at most {max} bytes. Rewrite it",
        "why": "词表中的值会成为分类页的网址，这个值不能用作网址。",
        "fix": "改写这个值：不以“.”开头，不要太长。",
    },
    "did-you-mean": {"fragment": True, "zh": "（是不是“{guess}”？）", "en": " (did you mean \"{guess}\"?)"},
    # -- the build and the check cache (not about one file) ----------------------
    "site-busy": {
        "code": "E059",
        "zh": "另一个生成过程（进程 {pid}）正在写入 {site}，本次生成已取消。请等它结束后再试；如果确认没有别的生成在运行，删除 {lock} 后重试",
        "en": "another build (process {pid}) is writing {site}; this build did not start. Wait for it to finish; if no other build is running, delete {lock} and retry",
        "why": "另一个生成过程正在写入同一个网站文件夹，本次生成没有开始，以免两次生成互相覆盖。",
        "fix": "等另一个生成结束后重试；确认没有别的生成在运行时，删除消息中的锁文件再试。",
    },
    "dirty-visibility": {
        "code": "E060",
        "zh": "不能用 --dirty：{site} 中是{before}，这次生成的是{now}，旧页面会留在网站里。请去掉 --dirty 重新生成",
        "en": "cannot build with --dirty: {site} holds {before} and this build is {now}, so old pages would stay in the site. Build without --dirty",
        "why": "用 --dirty 只更新变化的页面时，旧网站与这次生成的版本（公开版、内部版、是否含草稿）不同，旧页面会混进新网站。",
        "fix": "去掉 --dirty，完整生成一次。",
    },
    "edition-public": {"fragment": True, "zh": "公开版", "en": "the public edition"},
    "edition-internal": {"fragment": True, "zh": "内部版", "en": "the internal edition"},
    "edition-drafts": {"fragment": True, "zh": "{edition}（含草稿）", "en": "{edition} with drafts"},
    "edition-unknown": {"fragment": True, "zh": "来历不明的旧网站（没有生成记录）", "en": "a site of unknown edition (no build stamp)"},
    "build-done": {
        "fragment": True,
        "zh": "网站已生成：{pages} 个页面（{records} 条记录），用时 {seconds} 秒，位于 {site}",
        "en": "site built: {pages} pages ({records} records) in {seconds} s, in {site}",
    },
    "serve-built": {
        "fragment": True,
        "zh": "网站已生成：{pages} 个页面（{records} 条记录），用时 {seconds} 秒",
        "en": "site built: {pages} pages ({records} records) in {seconds} s",
    },
    "strict-abort": {
        "fragment": True,
        "zh": "严格模式（--strict）下有 {warnings} 个警告，网站未生成。请修正上面的警告，或去掉 --strict 再生成",
        "en": "aborted: {warnings} warnings in strict mode (--strict); fix the warnings above, or build without --strict",
    },
    "cache-unwritable": {
        "code": "W003",
        "zh": "警告：无法写入检查缓存 {path}（{reason}），本次检查未使用缓存。可删除或修正该路径（例如 .cache 是一个文件，或没有写权限）",
        "en": "warning: cannot write the check cache {path} ({reason}); this check ran without it. Remove or fix that path (e.g. .cache is a file, or is read-only)",
        "why": "检查缓存无法写入，本次检查照常完成，只是下次不会更快。",
        "fix": "删除或修正消息中的路径（例如 .cache 是一个文件，或没有写权限）。",
    },
    # -- the content health report (showcase report) ----------------------------
    "report-summary": {
        "fragment": True,
        "zh": "内容体检报告（{date}）：共 {records} 条记录（含内部记录和草稿），发现 {findings} 处需要关注",
        "en": "content health report ({date}): {records} records (internal ones and drafts included), {findings} finding(s)",
    },
    "report-no-summary-heading": {"fragment": True, "zh": "缺少摘要", "en": "no summary"},
    "report-no-summary": {
        "fragment": True,
        "zh": "“{title}”没有摘要（summary），卡片和搜索结果只能截取正文第一段。请写一两句话的摘要",
        "en": "\"{title}\" has no summary; cards and search results show the body's first paragraph. Write a summary of a sentence or two",
    },
    "report-no-picture-heading": {"fragment": True, "zh": "缺少封面图片", "en": "no picture"},
    "report-no-picture": {
        "fragment": True,
        "zh": "“{title}”没有图片（{keys}），卡片上只显示文字。请补一张封面",
        "en": "\"{title}\" has no picture ({keys}); its card shows text only. Add a cover",
    },
    "report-orphan-organisation-heading": {"fragment": True, "zh": "没有被引用的党组织", "en": "organisations nothing refers to"},
    "report-orphan-organisation": {
        "fragment": True,
        "zh": "党组织“{title}”没有被任何记录引用（没有下级组织、品牌、示范点、讲堂、案例或结对共建，正文中也没有提到）",
        "en": "organisation \"{title}\" is named by no record (no sub-organisation, brand, site, lecture, case or partner, nor any body)",
    },
    "report-idle-brand-heading": {"fragment": True, "zh": "没有示范点、案例或讲堂的品牌", "en": "brands with no site, case or lecture"},
    "report-idle-brand": {
        "fragment": True,
        "zh": "党建品牌“{title}”还没有示范点、典型案例或讲堂（示范点、案例的 brand 写它的编号，或讲堂系列名与品牌标题相同）",
        "en": "brand \"{title}\" has no site, case or lecture yet (a site or case names it in brand:, or a lecture series bears its title)",
    },
    "report-stale-heading": {"fragment": True, "zh": "长期没有更新的记录", "en": "records not updated for years"},
    "report-stale": {
        "fragment": True,
        "zh": "“{title}”已超过 {years} 年没有更新（“{key}”（{label}）为 {date}）。请核实内容是否仍然准确，核实后写上 updated: 当天日期",
        "en": "\"{title}\" has not been updated for more than {years} years (\"{key}\" ({label}) is {date}). Check it is still accurate, then write updated: with today's date",
    },
    "report-honour-incomplete-heading": {"fragment": True, "zh": "信息不全的荣誉", "en": "honours without year or level"},
    "report-honour-incomplete": {
        "fragment": True,
        "zh": "“{title}”的荣誉“{honour}”缺少{missing}，荣誉榜无法按级别和年份排列",
        "en": "honour \"{honour}\" of \"{title}\" has no {missing}; the honours page cannot place it by level and year",
    },
    "report-series-gap-heading": {"fragment": True, "zh": "期数不连续的讲堂系列", "en": "lecture series with gaps in numbering"},
    "report-series-gap": {
        "fragment": True,
        "zh": "讲堂系列“{series}”第 {before} 期之后是第 {after} 期，缺第 {missing} 期",
        "en": "lecture series \"{series}\" goes from number {before} to {after}: {missing} missing",
    },
    "report-check-first": {
        "fragment": True,
        "zh": "内容检查未通过：有错误的文件未列入报告。请先运行 showcase check 修正错误",
        "en": "the content check failed: files with errors are not in the report. Run showcase check and fix them first",
    },
    "report-hidden-heading": {"fragment": True, "zh": "公开记录引用了不公开的记录", "en": "public records referring to hidden ones"},
}

# Human names of JSON/YAML types, for messages (kinds are named in schema.py).
TYPE_NAMES = {
    "zh": {"str": "文字", "int": "整数", "float": "数字", "bool": "true/false", "list": "列表",
           "dict": "带子字段的内容", "NoneType": "空值", "date": "日期", "datetime": "日期时间"},
    "en": {"str": "text", "int": "an integer", "float": "a number", "bool": "true/false", "list": "a list",
           "dict": "sub-fields", "NoneType": "empty", "date": "a date", "datetime": "a date and time"},
}

LIST_SEP = {"zh": "、", "en": ", "}

# Characters that cannot be seen, or look like an ordinary space, and are never what an author
# meant to type: messages name them (‹零宽空格›) instead of quoting an invisible difference.
# INVISIBLE: format characters (Unicode Cf) an editor does not show; ODD_SPACE: spaces that
# are not the ASCII space (YAML does not take them for one).
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
                       "\ufeff\ufff9-\ufffb]")
ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SHOWN = re.compile(f"{INVISIBLE.pattern}|{ODD_SPACE.pattern}|[\u2028\u2029]")
CHARACTER_NAMES = {
    "\u200b": ("零宽空格", "zero-width space"),
    "\u200c": ("零宽不连字符", "zero-width non-joiner"),
    "\u200d": ("零宽连字符", "zero-width joiner"),
    "\u200e": ("从左到右标记", "left-to-right mark"),
    "\u200f": ("从右到左标记", "right-to-left mark"),
    "\u2060": ("零宽不换行符", "word joiner"),
    "\ufeff": ("BOM 字节顺序标记", "byte order mark"),
    "\u00ad": ("软连字符", "soft hyphen"),
    "\u00a0": ("不换行空格", "no-break space"),
    "\u202f": ("窄不换行空格", "narrow no-break space"),
    "\u3000": ("全角空格", "full-width space"),
    "\u2028": ("行分隔符", "line separator"),
    "\u2029": ("段分隔符", "paragraph separator"),
}


def character_name(char: str, lang: str) -> str:
    """‹零宽空格›: the name of an invisible or odd character, shown where it stands."""
    names = CHARACTER_NAMES.get(char)
    if names is None:
        kind = ("特殊空格", "special space") if ODD_SPACE.match(char) else ("不可见字符", "invisible character")
        names = tuple(f"{k} U+{ord(char):04X}" for k in kind)
    return f"‹{names[0] if lang == 'zh' else names[1]}›"


def show_invisible(text: str, lang: str) -> str:
    return _SHOWN.sub(lambda m: character_name(m.group(), lang), text) if _SHOWN.search(text) else text


class NamedCharacters:
    """A message argument naming each invisible or odd character of a text, once: ‹零宽空格›、‹全角空格›."""

    def __init__(self, text: str):
        self.chars = list(dict.fromkeys(_SHOWN.findall(text)))

    def render(self, lang: str) -> str:
        return LIST_SEP[lang].join(character_name(c, lang) for c in self.chars)

# A comma mistake in free text (tags) is kept as written: the same words, reported as a warning.
CATALOGUE["list-comma-kept"] = {**CATALOGUE["list-comma"], "code": "W010",
                                "why": "自由填写的列表（如标签）的一项里用了中文逗号“，”或顿号“、”，这几项被当成了一项，按原样保留。",
                                "fix": "如果本来是几项，照消息改成用英文逗号分隔；如果确实是一项（如一句带逗号的话），可以不改。"}


CODE_PATTERN = re.compile(r"^[EW]\d{3}$")
CODE_SEVERITY = {"E": ERROR, "W": WARNING}


def message_code(key: str) -> str:
    """The stable code of a message ("required" → "E013"); KeyError for a fragment or unknown key."""
    return CATALOGUE[key]["code"]


def with_code(text: str, key: str) -> str:
    """A message line followed by its code, as every message is printed: "…… [E013]"."""
    return f"{text} [{message_code(key)}]"


def message_keys() -> dict[str, str]:
    """The catalogue key of each message code: "E013" → "required"."""
    return {entry["code"]: key for key, entry in CATALOGUE.items() if "code" in entry}


def find_message(name: str) -> str | None:
    """The catalogue key of a message named by its code (any letter case) or its key."""
    name = name.strip()
    keys = message_keys()
    if name.upper() in keys:
        return keys[name.upper()]
    return name if "code" in CATALOGUE.get(name, {}) else None


# How a message's placeholders read in the guide and `showcase explain` ("…" for the rest).
PLACEHOLDERS = {"key": "字段", "label": "字段名称", "value": "所写的值", "allowed": "可选值",
                "id": "编号", "kind": "记录类型", "example": "示例", "suggestion": "建议",
                "hint": "提示", "name": "选项", "problem": "问题", "hidden": "草稿或内部记录", "min": "最小值", "max": "最大值",
                "start": "开始", "end": "结束", "got": "所写的内容", "other": "另一个文件", "url": "网址",
                "length": "字数", "path": "路径"}


class _Placeholders(dict):
    def __missing__(self, name):
        return f"‹{PLACEHOLDERS.get(name, '…')}›"


def explanation(key: str) -> dict:
    """What the guide and `showcase explain` say of one message."""
    entry = CATALOGUE[key]
    code = entry["code"]
    return {"code": code, "key": key, "severity": SEVERITY_LABEL["zh"][CODE_SEVERITY[code[0]]],
            "zh": string.Formatter().vformat(entry["zh"], (), _Placeholders()),
            "en": string.Formatter().vformat(entry["en"], (), _Placeholders()),
            "why": entry["why"], "fix": entry["fix"]}


def explanations() -> list[dict]:
    """Every message, errors then warnings, in code order."""
    keys = message_keys()
    return [explanation(keys[code]) for code in sorted(keys)]


def explanation_text(key: str) -> str:
    """One message's entry as `showcase explain` prints it (the same words as the guide)."""
    entry = explanation(key)
    return "\n".join([f"{entry['code']}（{entry['severity']}，{entry['key']}）", f"消息：{entry['zh']}",
                      f"Message: {entry['en']}", f"含义：{entry['why']}", f"怎么改：{entry['fix']}",
                      f"编写指南：/guide/#{entry['code']}"])


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, at one line. Rendered only when printed."""

    path: str  # relative to the project, e.g. "content/cases/x.md"
    line: int
    code: str
    args: dict = field(default_factory=dict, compare=False, hash=False)
    severity: str = ERROR

    def __post_init__(self):
        # Fails the tests of any new message without a code, or whose code's letter says
        # another severity than the one it is reported with.
        code = message_code(self.code)
        if CODE_SEVERITY[code[0]] != self.severity:
            raise ValueError(f"{self.code} is reported as {self.severity} but its code is {code}")

    def message(self, lang: str = "zh") -> str:
        args = {k: render_arg(v, lang) for k, v in self.args.items()}
        return CATALOGUE[self.code][lang].format(**args)

    def format(self, lang: str = "zh") -> str:
        label = SEVERITY_LABEL[lang][self.severity]
        sep = "：" if lang == "zh" else ": "
        return with_code(f"{self.path}:{self.line}: {label}{sep}{self.message(lang)}", self.code)

    def as_json(self, lang: str = "zh") -> dict:
        """`code` is the printed code (E013); `key` the catalogue's name of the message (required)."""
        return {"file": self.path, "line": self.line, "severity": self.severity,
                "code": message_code(self.code), "key": self.code, "message": self.message(lang)}

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.severity != ERROR, self.code)


class Text:
    """A message argument that is itself a catalogue entry (rendered in the same language)."""

    def __init__(self, code: str, **args):
        self.code, self.args = code, args

    def render(self, lang: str) -> str:
        args = {k: render_arg(v, lang) for k, v in self.args.items()}
        return CATALOGUE[self.code][lang].format(**args)


class TypeOf:
    """A message argument naming the YAML type of a value."""

    def __init__(self, value: object):
        self.name = type(value).__name__

    def render(self, lang: str) -> str:
        return TYPE_NAMES[lang].get(self.name, self.name)


class Label:
    """A message argument with a Chinese and an English form."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en

    def render(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def render_arg(value: object, lang: str) -> str:
    if hasattr(value, "render"):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        return LIST_SEP[lang].join(render_arg(v, lang) for v in value)
    if not isinstance(value, str):
        return str(value)
    # One problem is one line: a value written over several lines is shown with ↵; a
    # character nobody can see is named where it stands.
    return " ↵ ".join(show_invisible(value, lang).splitlines())


def format_report(problems: list[Problem], lang: str = "zh") -> list[str]:
    return [p.format(lang) for p in sorted(problems, key=Problem.sort_key)]


def summary_line(problems: list[Problem], records: int, lang: str = "zh") -> str:
    errors = sum(p.severity == ERROR for p in problems)
    warnings = len(problems) - errors
    if lang == "zh":
        return f"检查了 {records} 条记录：{errors} 个错误，{warnings} 个警告"
    return f"checked {records} records: {errors} error(s), {warnings} warning(s)"


def bilingual(code: str, **args) -> str:
    """A message that is not about a content file, for a console: Chinese, then English."""
    return with_code(f"{Text(code, **args).render('zh')}\n{Text(code, **args).render('en')}", code)
