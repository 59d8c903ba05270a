"""What the editor's server says to the browser (zh first, en second), as preview/messages.py."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "no-token": {
        "zh": "缺少或错误的编辑口令：请在 showcase serve 打开的页面上编辑（重新启动预览后请刷新页面）",
        "en": "missing or wrong edit token: edit from a page showcase serve opened (reload the page after a restart)",
    },
    "other-origin": {
        "zh": "拒绝来自其他网站的编辑请求",
        "en": "edit requests from another site are refused",
    },
    "not-local": {
        "zh": "只能在运行 showcase serve 的这台电脑上编辑（用 127.0.0.1 或 localhost 打开预览）",
        "en": "editing works only on the computer running showcase serve (open the preview at 127.0.0.1 or localhost)",
    },
    "not-json": {
        "zh": "请求内容不是 JSON 对象（Content-Type: application/json）",
        "en": "the request is not a JSON object (Content-Type: application/json)",
    },
    "too-large": {
        "zh": "内容太大：{size:.1f} MB，上限 {max} MB",
        "en": "too large: {size:.1f} MB, at most {max} MB",
    },
    "no-route": {"zh": "没有这个编辑接口：{path}", "en": "no such editor route: {path}"},
    "no-kind": {
        "zh": "没有“{kind}”这类记录；可用：{kinds}",
        "en": "no kind of record named “{kind}”; kinds: {kinds}",
    },
    "no-record": {"zh": "找不到{kind}“{id}”", "en": "no {kind} “{id}”"},
    "unreadable": {
        "zh": "{path} 的 front matter 有错误，表单无法打开；请先在文本编辑器中修正：{problems}",
        "en": "the front matter of {path} has errors the form cannot show; fix them in a text editor first: {problems}",
    },
    "conflict": {
        "zh": "未保存：打开表单后，{path} 已被修改（其他编辑器或 git pull）。请重新载入表单，再做修改。",
        "en": "not saved: {path} changed since the form was opened (another editor, git pull). "
              "Reload the form and make the change again.",
    },
    "invalid": {
        "zh": "有 {count} 个错误，未保存",
        "en": "{count} error(s): nothing saved",
    },
    "not-kept": {
        "zh": "未保存：无法在不改动文件其余部分的情况下写入 {path}，请在文本编辑器中修改",
        "en": "not saved: {path} cannot be written without changing the rest of the file; edit it in a text editor",
    },
    "bad-values": {
        "zh": "请求中的 {key} 格式不对：应为{shape}",
        "en": "{key} in the request is malformed: expected {shape}",
    },
    "upload-type": {
        "zh": "不接受“{name}”这类文件；可上传：{allowed}",
        "en": "files like “{name}” are not accepted; allowed: {allowed}",
    },
    "upload-empty": {"zh": "文件是空的", "en": "the file is empty"},
    "upload-field": {
        "zh": "{kind}没有名为“{field}”的文件字段",
        "en": "{kind} has no file field named “{field}”",
    },
    "failed": {
        "zh": "编辑器出错：{reason}（详情见终端）",
        "en": "the editor failed: {reason} (details in the terminal)",
    },
}


def say(code: str, lang: str, **args) -> str:
    return MESSAGES[code][lang].format(**args)
