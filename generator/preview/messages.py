"""What `showcase serve` says, in the terminal and over the pages (zh first, en second)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "serving": {
        "zh": "预览地址：{url} （保存文件后页面自动刷新；按 Ctrl+C 结束）",
        "en": "previewing at {url} (pages reload when a file is saved; Ctrl+C to stop)",
    },
    "updated": {
        "zh": "已更新：{files}（{seconds:.2f} 秒）",
        "en": "updated: {files} ({seconds:.2f} s)",
    },
    "reloaded": {
        "zh": "已重新载入整个项目（{seconds:.1f} 秒）",
        "en": "reloaded the whole project ({seconds:.1f} s)",
    },
    "all-fixed": {
        "zh": "内容检查通过：没有错误了",
        "en": "content check passed: no errors left",
    },
    "overlay-title": {
        "zh": "内容有 {count} 个错误，网站暂时显示各文件上次没有错误时的内容。修正并保存后，此提示会自动消失。",
        "en": "{count} error(s) in the content; pages show each file as it last was without errors. "
              "This notice goes away by itself once they are fixed and saved.",
    },
    "overlay-close": {"zh": "暂时隐藏", "en": "hide for now"},
    "search-building": {
        "zh": "搜索索引在后台生成中，生成前预览中的搜索不可用",
        "en": "the search index is being built in the background; search works in the preview once it is done",
    },
    "search-ready": {
        "zh": "搜索索引已生成（只含启动时的内容；之后的修改在重新启动预览后才能搜到）",
        "en": "search index ready (it holds the content as it was at start; restart to search later edits)",
    },
    "search-failed": {"zh": "搜索索引生成失败：{reason}", "en": "search index failed: {reason}"},
    "page-failed": {
        "zh": "生成此页面时出错：{reason}（详情见终端）",
        "en": "this page could not be rendered: {reason} (details in the terminal)",
    },
    "reload-failed": {
        "zh": "无法重新载入项目，继续显示之前的内容：{reason}",
        "en": "could not reload the project; still showing what was loaded before: {reason}",
    },
    "no-plugin": {
        "zh": "{path} 没有启用 showcase 插件（plugins: [showcase]），无法预览",
        "en": "{path} does not enable the showcase plugin (plugins: [showcase]); nothing to preview",
    },
}


def say(code: str, lang: str, **args) -> str:
    return MESSAGES[code][lang].format(**args)
