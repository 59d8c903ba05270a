"""The showcase plugin's options in mkdocs.yml, declared once.

The MkDocs plugin builds its config class from `OPTIONS`, and the `showcase` command reads
mkdocs.yml and checks the same options with the same `check_options`, so `mkdocs build` and
`showcase check` accept and reject exactly the same things, with the same message.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .addresses import SEGMENT_MAX_BYTES, segment_problem, slug
from .messages import Text, TypeOf, with_code
from .schema import DEFAULT_VOCABULARIES

# Options MkDocs itself gives every plugin (it handles them before the plugin sees its options).
MKDOCS_OPTIONS = ("enabled",)


class ConfigError(ValueError):
    """A mistake in mkdocs.yml: one line, Chinese then English."""

    def __init__(self, code: str, **args):
        text = Text(code, **args)
        self.zh, self.en = text.render("zh"), text.render("en")
        super().__init__(with_code(f"mkdocs.yml：{self.zh} / mkdocs.yml: {self.en}", code))


class OptionError(ConfigError):
    """A mistake in the plugin's options."""

    def __init__(self, option: str, code: str, **args):
        self.option = option
        super().__init__(code, **args)


@dataclass(frozen=True)
class Option:
    name: str
    type: type  # of the value: str, bool or dict
    default: object
    zh: str  # what it does, for a reader of mkdocs.yml
    choices: tuple = ()  # the values allowed, when a fixed few
    optional: bool = False  # may be left empty (None: decided elsewhere)
    keys: dict | None = None  # a mapping of these sub-options (name: what it is), each a line of text

    def check(self, value: object) -> object:
        if value is None and self.optional:
            return value
        if self.choices:
            if value not in self.choices:
                raise OptionError(self.name, "option-choice", name=self.name, value=str(value),
                                  allowed=list(self.choices), hint=_nearest(str(value), self.choices))
            return value
        if not isinstance(value, self.type):
            raise OptionError(self.name, "option-type", name=self.name, type=TypeOf(self.type()),
                              actual=TypeOf(value))
        if self.name in _CHECKS:
            return _CHECKS[self.name](value)
        if self.keys is not None:
            return _check_keys(self, value)
        return value


OPTIONS: dict[str, Option] = {option.name: option for option in (
    Option("lang", str, "zh", "检查信息的语言：zh（中文）或 en（英文）", choices=("zh", "en")),
    Option("vocabularies", dict, {}, "受控词表（categories、case_categories、lecture_fields），写了哪个就替换哪个的默认值"),
    Option("visibility", str, "public", "构建哪个版本：public（公开版）或 internal（内部版）；环境变量 SHOWCASE_VISIBILITY 优先",
           choices=("public", "internal")),
    Option("drafts", bool, None, "是否发布草稿；不写时只在 mkdocs serve 预览中发布（SHOWCASE_DRAFTS=1 优先）",
           optional=True),
    Option("search", bool, True, "是否生成搜索索引；关掉可加快预览（SHOWCASE_SEARCH=0 优先）"),
    Option("raw_html", str, "strip", "正文里直接写的 HTML：strip（默认）去掉脚本、内嵌框架、事件属性和 javascript: 等链接，"
           "保留表格、换行、图片等普通标签；allow 原样保留。两种都会去掉 HTML 注释", choices=("strip", "allow")),
    Option("home", dict, {}, "首页横幅：title（标题，默认用 site_name）、subtitle（副标题）、image（横幅图片，"
           "content/ 下的路径，如 assets/banner.jpg）"),
    Option("synonyms", dict, {}, "搜索同义词：词: [同义词, …]，如 抗疫: [抗击疫情]；搜索其中一个词时也找另外几个（双向）"),
    Option("footer", dict, {}, "每页页脚：organiser（主办单位）、notice（提示语，如“内部资料 注意保密”）、"
           "contact（联系方式），都可不写",
           keys={"organiser": "主办单位", "notice": "提示语", "contact": "联系方式"}),
)}

HOME_KEYS = ("title", "subtitle", "image")


def check_options(options: object) -> dict:
    """Every option, checked, with its default where it is not written; OptionError otherwise."""
    if options is None:
        options = {}
    if not isinstance(options, dict):
        raise OptionError("showcase", "options-not-mapping", actual=TypeOf(options))
    for name in options:
        if name not in OPTIONS and name not in MKDOCS_OPTIONS:
            raise OptionError(str(name), "option-unknown", name=str(name), allowed=list(OPTIONS),
                              hint=_nearest(str(name), OPTIONS))
    return {name: option.check(options[name]) if name in options else option.default
            for name, option in OPTIONS.items()}


def _check_keys(option: Option, value: dict) -> dict:
    for key, text in value.items():
        if key not in option.keys:
            raise OptionError(option.name, "option-key-unknown", name=option.name, key=str(key),
                              allowed=list(option.keys), hint=_nearest(str(key), option.keys))
        if not isinstance(text, str):
            raise OptionError(option.name, "option-key-type", name=option.name, key=key, actual=TypeOf(text))
    return value


def _check_vocabularies(vocabularies: dict) -> dict:
    for name, values in vocabularies.items():
        if name not in DEFAULT_VOCABULARIES:
            raise OptionError("vocabularies", "vocabulary-unknown", name=str(name),
                              allowed=list(DEFAULT_VOCABULARIES), hint=_nearest(str(name), DEFAULT_VOCABULARIES))
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            raise OptionError("vocabularies", "vocabulary-type", name=name,
                              example=list(DEFAULT_VOCABULARIES[name][:2]))
        for value in values:  # categories become addresses: /categories/<value>/
            problem = segment_problem(slug(value))
            if problem:
                raise OptionError("vocabularies", "vocabulary-address", name=name, value=value,
                                  max=SEGMENT_MAX_BYTES)
    return vocabularies


def _check_home(home: dict) -> dict:
    for name, value in home.items():
        if name not in HOME_KEYS:
            raise OptionError("home", "home-unknown", name=str(name), allowed=list(HOME_KEYS),
                              hint=_nearest(str(name), HOME_KEYS))
        if not isinstance(value, str):
            raise OptionError("home", "home-type", name=name)
    return home


def _check_synonyms(synonyms: dict) -> dict:
    for word, others in synonyms.items():
        if not isinstance(word, str) or not isinstance(others, list) or not others \
                or not all(isinstance(o, str) and o for o in others):
            raise OptionError("synonyms", "synonyms-type", name=str(word))
    return synonyms


_CHECKS = {"vocabularies": _check_vocabularies, "home": _check_home, "synonyms": _check_synonyms}


def _nearest(written: str, allowed) -> Text | str:
    """“Did you mean …?” for the allowed spelling nearest to what is written, if any is near."""
    found = difflib.get_close_matches(written, list(allowed), n=1, cutoff=0.6)
    if not found:
        found = [a for a in allowed if a.lower() == written.lower()]
    return Text("did-you-mean", guess=found[0]) if found else ""

