"""The `showcase` command's argument parser, speaking Chinese: usage, help headings and the
mistakes argparse reports (unknown option, missing argument, bad choice…), each followed by
argparse's own English words after " / ", as the command's other messages are.

argparse formats its messages in English (through gettext, with no Chinese catalogue), so the
parser translates the formatted message in `error`, by the table below; a message the table
does not know is shown as argparse wrote it.
"""

from __future__ import annotations

import argparse
import re
import sys

# argparse's messages (Python 3.10–3.13), as formatted → the Chinese line. Groups are kept as written.
MESSAGES = [
    (r"unrecognized arguments: (?P<args>.*)", "不认识的参数：{args}"),
    (r"the following arguments are required: (?P<args>.*)", "缺少必须写的参数：{args}"),
    (r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)", "不能写{value}，可选：{choices}"),
    (r"expected one argument", "后面要写一个值"),
    (r"expected at most one argument", "后面最多写一个值"),
    (r"expected at least one argument", "后面至少要写一个值"),
    (r"expected (?P<count>\d+) arguments?", "后面要写 {count} 个值"),
    (r"invalid (?P<type>\w+) value: (?P<value>.*)", "{value} 不是{type}"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "选项 {option} 不明确，可能是：{matches}"),
    (r"not allowed with argument (?P<other>.*)", "不能和 {other} 同时使用"),
    (r"one of the arguments (?P<args>.*) is required", "必须写其中一个：{args}"),
    (r"ignored explicit argument (?P<value>.*)", "这个选项后面不能写值：{value}"),
]
TYPE_NAMES = {"int": "整数", "float": "数", "str": "文字"}
ARGUMENT = re.compile(r"argument (?P<name>.+?): (?P<message>.*)", re.S)


def message_line(message: str) -> str:
    """The line for one of argparse's messages: Chinese / English, or as written when the table
    does not know it (our own messages, such as an ArgumentTypeError's, are Chinese already)."""
    argument = ARGUMENT.fullmatch(message)
    if argument:  # "argument --format: invalid choice: …"
        inner = chinese(argument["message"])
        if inner is None:
            return f"参数 {argument['name']}：{argument['message']}"
        return f"参数 {argument['name']}：{inner} / {message}"
    words = chinese(message)
    return message if words is None else f"{words} / {message}"


def chinese(message: str) -> str | None:
    """The Chinese words for one of argparse's messages, or None when the table does not know it."""
    for pattern, template in MESSAGES:
        found = re.fullmatch(pattern, message, re.S)
        if found:
            words = {key: _quoted(value) for key, value in found.groupdict().items()}
            words["type"] = TYPE_NAMES.get(found.groupdict().get("type", ""), found.groupdict().get("type"))
            return template.format(**words)
    return None


def _quoted(text: str) -> str:
    """'text', 'json' → “text”、“json” (argparse quotes with repr, or not at all since 3.12.8)."""
    items = [item.strip() for item in text.split(", ")]
    return "、".join(f"“{item[1:-1]}”" if len(item) > 1 and item[0] == item[-1] and item[0] in "'\"" else item
                    for item in items)


class HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser that says its headings and mistakes in Chinese (its sub-commands too:
    add_parser makes parsers of the same class)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数 / positional arguments"
        self._optionals.title = "选项 / options"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "显示本说明 / show this help message and exit"

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message_line(message)}\n")
