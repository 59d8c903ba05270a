"""`showcase` command line: check content and explain its messages, build the site, export the JSON Schemas and the field reference."""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import unicodedata

from .arguments import ArgumentParser
from .authoring.editor import write_schemas
from .authoring.messages import OPTION_HELP
from .authoring.newrecord import option_help as new_option_help
from .console import PUBLISHED_DIR_ENV, quiet_third_party
from .core.checkcache import CheckCache
from .site.fielddocs import field_reference
from .core.messages import (Text, explanation_text, explanations, find_message, format_report, summary_line,
                            with_code)
from .core.processes import OnTermination, remove_stale, temp_prefix
from .core.project import Visibility, load_project
from .core.report import REPORT_COLUMNS, STALE_YEARS, health_report, report_lines, report_rows
from .core.schema import KINDS, Kind
from .core.options import ConfigError
from .core.settings import config_problems, load_settings
from .site.pages import RESERVED_ADDRESSES
from .startup import VERBOSE_ENV


def main(argv: list[str] | None = None) -> int:
    parser = ArgumentParser(prog="showcase", description="党建品牌展示库 / party-building showcase")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="检查内容 / validate the knowledge base")
    check.add_argument("project_dir", nargs="?", default=".")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--lang", choices=("zh", "en"), default=None)
    check.add_argument("--no-cache", action="store_true",
                       help="re-read every file and refresh the cache (it lives in PROJECT_DIR/.cache/showcase/)")

    schema = commands.add_parser("schema", help="导出 JSON Schema / write one JSON Schema per kind")
    schema.add_argument("project_dir", nargs="?", default=".")
    schema.add_argument("--out", default=None, help="folder to write to (default: PROJECT_DIR/schemas)")

    build = commands.add_parser("build", help="生成网站 / build the site (mkdocs build with the showcase plugin)")
    build.add_argument("project_dir", nargs="?", default=".")
    build.add_argument("--internal", action="store_true", help="内部版：包含 visibility: internal 的记录")
    build.add_argument("--drafts", action="store_true", help="包含草稿")
    build.add_argument("--site-dir", default=None, help="output folder (default: mkdocs.yml's site_dir)")
    build.add_argument("--strict", action="store_true", help="有警告也不生成网站 / abort on warnings too")
    build.add_argument("-v", "--verbose", action="store_true", help="显示 MkDocs 的全部输出 / show MkDocs' own output too")

    explain = commands.add_parser("explain", help="解释检查信息 / explain a message of showcase check")
    explain.add_argument("code", nargs="?", help="代码（如 E013）或消息名（如 required）；不写则列出全部")

    serve = commands.add_parser("serve", help="预览网站，保存即刷新 / preview the site, reloading on every save")
    serve.add_argument("project_dir", nargs="?", default=".")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                       help="监听地址（默认 127.0.0.1:8000，只有本机能访问；端口 0 表示任选一个空闲端口）")

    fields = commands.add_parser("fields", help="字段说明 / write the field reference (Markdown)")
    fields.add_argument("project_dir", nargs="?", default=".")
    fields.add_argument("--out", default=None, help="file to write (default: print)")

    importer = commands.add_parser("import", help="从 Word 或文本导入草稿 / import a .docx or .txt as a draft record")
    importer.add_argument("file", help="Word 文档（.docx）或文本文件（.txt）")
    importer.add_argument("--kind", required=True, choices=[k.name for k in KINDS], help="记录类型")
    importer.add_argument("--id", default=None, help="编号；不写则取文件名（仅限英文字母、数字、-、_）或按日期生成")
    importer.add_argument("--project-dir", default=".")
    for option, help_ in OPTION_HELP.items():
        importer.add_argument(f"--{option}", action="append", help=help_)

    new = commands.add_parser("new", help="新建记录 / write a new record from its kind's template",
                              description="按类型的模板新建一条记录；在终端中不带参数运行会逐项询问。"
                                          " / Write content/<folder>/<ID>.md from the kind's template; "
                                          "without arguments, in a terminal, it asks.")
    new.add_argument("kind", nargs="?", choices=[k.name for k in KINDS], help="记录类型")
    new.add_argument("id", nargs="?", help="编号（文件名）；不写则按党组织和年份生成")
    new.add_argument("--project-dir", default=".")
    for key, help_ in new_option_help().items():
        new.add_argument(f"--{key}", action="append", metavar="值", help=help_)

    ids = commands.add_parser("ids", help="查找编号 / list ids, kinds and titles")
    ids.add_argument("words", nargs="*", help="编号或标题中的词（简体繁体均可）")
    ids.add_argument("--kind", choices=[k.name for k in KINDS], help="只列这一类")
    ids.add_argument("--project-dir", default=".")
    ids.add_argument("--lang", choices=("zh", "en"), default=None)

    export = commands.add_parser("export", help="导出记录 / export the published records (JSON, CSV, Excel)")
    export.add_argument("project_dir", nargs="?", default=".")
    export.add_argument("--format", choices=("json", "csv", "xlsx", "schema", "docx"), default=None,
                        help="json（默认）、csv（UTF-8 带 BOM，Excel 可直接打开）、xlsx、schema（JSON 导出的 JSON Schema），"
                             "或 docx（与 --dossier 同用）")
    export.add_argument("--dossier", metavar="BRAND_ID", default=None,
                        help="导出一个党建品牌的品牌档案（Word，--format docx），与网站 /brands/<编号>/dossier/ 相同")
    export.add_argument("--kind", choices=[k.name for k in KINDS], default=None, help="只导出一类记录")
    export.add_argument("--out", default=None, help="写入的文件（默认：输出到屏幕；xlsx 默认写 <类型文件夹>.xlsx）")
    export.add_argument("--internal", action="store_true", help="内部版：包含 visibility: internal 的记录")
    export.add_argument("--drafts", action="store_true", help="包含草稿")

    report = commands.add_parser("report", help="内容体检报告 / content health report before a review")
    report.add_argument("project_dir", nargs="?", default=".")
    report.add_argument("--format", choices=("text", "json", "csv"), default="text")
    report.add_argument("--stale-years", type=_positive_int, default=STALE_YEARS, metavar="N",
                        help=f"超过 N 年没有更新（updated，或记录的日期）即列出，默认 {STALE_YEARS}")
    report.add_argument("--lang", choices=("zh", "en"), default=None)

    args = parser.parse_args(argv)
    if args.command == "export":
        if args.dossier is not None and args.format not in (None, "docx"):
            parser.error("--dossier 只能导出 Word 文档：--format docx / --dossier writes a Word document: --format docx")
        if args.format == "docx" and args.dossier is None:
            parser.error("--format docx 需要 --dossier <品牌编号> / --format docx needs --dossier <brand id>")
        args.format = args.format or ("docx" if args.dossier is not None else "json")
    commands = {"check": run_check, "schema": run_schema, "fields": run_fields, "build": run_build,
                "import": run_import, "new": run_new, "ids": run_ids, "export": run_export, "report": run_report,
                "serve": run_serve, "explain": run_explain}
    try:
        return commands[args.command](args)
    except ConfigError as exc:  # a mistake in mkdocs.yml: the message says it all
        print(exc, file=sys.stderr)
        return 2


def run_check(args) -> int:
    settings = load_settings(args.project_dir)
    settings.reserved_addresses = RESERVED_ADDRESSES
    lang = args.lang or settings.lang
    cache = CheckCache(os.path.join(settings.project_dir, ".cache", "showcase", "check.marshal"), settings,
                       refresh=args.no_cache)
    project = load_project(settings, cache=cache, build_index=False)
    project.problems[:0] = config_problems(settings)
    if cache.error is not None:
        text = Text("cache-unwritable", path=cache.path, reason=cache.error.strerror or cache.error).render(lang)
        print(with_code(text, "cache-unwritable"), file=sys.stderr)
    if args.format == "json":
        report = {
            "records": len(project.records),
            "errors": len(project.errors),
            "warnings": len(project.problems) - len(project.errors),
            "problems": [p.as_json(lang) for p in project.problems],
        }
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for line in format_report(project.problems, lang):
            print(line)
        print(summary_line(project.problems, len(project.records), lang), file=sys.stderr)
    return 1 if project.errors else 0


def run_schema(args) -> int:
    load_settings(args.project_dir)  # a mistake in mkdocs.yml stops here (exit 2)
    result = write_schemas(args.project_dir, args.out)
    for path in result.paths:
        print(path)
    if result.problem:
        print(result.problem, file=sys.stderr)
        return 1
    return 0


def run_build(args) -> int:
    """`mkdocs build`, with the build's visibility passed the same way as to a plain mkdocs run,
    published atomically: it builds into a sibling temporary folder and swaps that in for the
    site only when everything (pages and search index) succeeded."""
    load_settings(args.project_dir)  # a mistake in the plugin's options: said as every command says it (exit 2)
    os.environ["SHOWCASE_VISIBILITY"] = "internal" if args.internal else "public"
    if args.drafts:
        os.environ["SHOWCASE_DRAFTS"] = "1"
    if args.verbose:
        os.environ[VERBOSE_ENV] = "1"
    quiet_third_party()
    from click import ClickException
    from mkdocs.__main__ import State, _enable_warnings  # MkDocs only where a build is asked for
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .publish import Outputs, build, cache_file
    from .site.output import (REMOVED_AT_ONCE, SiteBusy, SiteLock, keep_spare, publish, remove_replaced,
                              take_spare)

    config_file = os.path.join(args.project_dir, "mkdocs.yml")
    # MkDocs' console output as its own `mkdocs build` sets it up: colours on a terminal only
    state = State()
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        state.stream.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    _enable_warnings()
    try:  # read once (a warning about mkdocs.yml is said once); the build then writes elsewhere
        config = load_config(config_file, site_dir=args.site_dir and os.path.abspath(args.site_dir),
                             **({"strict": True} if args.strict else {}))
    except ConfigurationError as exc:
        print(exc, file=sys.stderr)
        return 1
    site_dir = os.path.abspath(config.site_dir)
    os.environ[PUBLISHED_DIR_ENV] = site_dir
    parent, name = os.path.split(site_dir)
    try:
        lock = SiteLock(site_dir).acquire()
    except SiteBusy as exc:
        print(exc, file=sys.stderr)
        return 1
    built = None

    def clean_up():
        if built is not None:
            shutil.rmtree(built, ignore_errors=True)
        lock.release()

    on_termination = OnTermination(clean_up).install()
    try:
        remove_stale(parent, f".{name}")  # left by a build killed outright
        built = tempfile.mkdtemp(prefix=temp_prefix(f".{name}"), dir=parent)
        outputs = Outputs(cache_file(os.path.dirname(os.path.abspath(config_file)), site_dir), site_dir, built)
        if outputs.recyclable() and take_spare(site_dir, built):  # the site the last build replaced
            files, folders = outputs.prune(f"{built}-pruned")
            if files or folders:  # a folder may hold thousands (the search index's): in the background
                remove_replaced(f"{built}-pruned", f".{name}", REMOVED_AT_ONCE if folders else files)
        shutil.copymode(site_dir, built)  # mkdtemp's folder is private; the site is not
        config["site_dir"] = built
        try:
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config, outputs)  # mkdocs build, reusing the unchanged files of site_dir
            finally:
                config.plugins.on_shutdown()
        except ClickException as exc:  # e.g. our Abort: say why
            exc.show()
            return exc.exit_code or 1
        except SystemExit as exc:
            if exc.code:
                return int(exc.code)
        except Exception:  # mkdocs has printed the reason
            return 1
        publish(built, site_dir)  # the old site is now at `built`
        outputs.save(site_dir)
        old, built = built, None
        keep_spare(old, site_dir, len(outputs.kept) + len(outputs.written))
        return 0
    finally:
        del state
        on_termination.uninstall()
        clean_up()


def run_serve(args) -> int:
    host, sep, port = args.dev_addr.rpartition(":")
    if not sep or not port.isdigit():
        print("-a 应写成 主机:端口，例如 127.0.0.1:8000 / -a takes HOST:PORT, e.g. 127.0.0.1:8000", file=sys.stderr)
        return 2
    quiet_third_party()
    from mkdocs.exceptions import MkDocsException  # MkDocs only where a preview is asked for

    from .preview.server import serve

    try:
        serve(os.path.join(args.project_dir, "mkdocs.yml"), host.strip("[]") or "127.0.0.1", int(port))
    except (MkDocsException, OSError) as exc:  # a wrong mkdocs.yml, a port in use
        print(exc, file=sys.stderr)
        return 1
    return 0


def run_import(args) -> int:
    from .authoring.importer import Refused, import_document, report  # mammoth only where asked for

    settings = load_settings(args.project_dir)
    values = {option: getattr(args, option) for option in OPTION_HELP}
    try:
        result = import_document(args.file, args.kind, settings, args.id, values, settings.lang)
    except Refused as exc:
        print(exc, file=sys.stderr)
        return 1
    for line in report(result, settings.lang):
        print(line)
    return 0


def run_new(args) -> int:
    from .authoring.messages import Refused, say
    from .authoring.newrecord import create_record, interview

    settings = load_settings(args.project_dir)
    settings.reserved_addresses = RESERVED_ADDRESSES
    lang = settings.lang
    project = load_project(settings, build_index=False)
    given = {key: getattr(args, key) for key in new_option_help()}
    try:
        if args.kind is None:
            if not sys.stdin.isatty():
                print(say("kind-needed", lang, kinds="、".join(k.name for k in KINDS)), file=sys.stderr)
                return 2
            try:
                kind, record_id, given = interview(project, lang)
            except (EOFError, KeyboardInterrupt):
                print("\n" + say("cancelled", lang), file=sys.stderr)
                return 1
        else:
            kind, record_id = args.kind, args.id
        created = create_record(project, kind, record_id, given, lang)
    except Refused as exc:
        print(exc, file=sys.stderr)
        return 1
    if created.id_suggested:
        print(say("id-suggested", lang, id=created.record_id))
    print(say("new-written", lang, path=created.path, id=created.record_id))
    return 0


def run_ids(args) -> int:
    from .authoring.ids import matching
    from .authoring.messages import say

    settings = load_settings(args.project_dir)
    lang = args.lang or settings.lang
    project = load_project(settings, build_index=False)
    found = matching(project.records, args.words, args.kind)
    if not found:
        print(say("nothing-found", lang, words=" ".join(args.words)), file=sys.stderr)
        return 1
    width = max(_display_width(r.id) for r in found)
    for record in found:
        marks = (say("draft-mark", lang) if record.draft else "") + (say("internal-mark", lang) if record.internal else "")
        kind = Kind(record.kind).render(lang)
        print(f"{record.id}{' ' * (width - _display_width(record.id))}  {kind}{' ' * (8 - _display_width(kind))}"
              f"  {record.title}{marks}")
    sys.stdout.flush()  # the count follows the list on a terminal
    print(say("count", lang, count=len(found)), file=sys.stderr)
    return 0


def _display_width(text: str) -> int:
    """Columns a terminal gives the text (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def run_explain(args) -> int:
    """The writing guide's entry for one message, or every code with its meaning."""
    if args.code is None:
        for entry in explanations():
            print(f"{entry['code']}  {entry['why']}")
        return 0
    key = find_message(args.code)
    if key is None:
        print(f"没有“{args.code}”这个代码。代码形如 E013（错误）或 W001（警告），印在 showcase check 每行的末尾；"
              f"运行 showcase explain 列出全部 / no message has the code \"{args.code}\"; "
              f"run showcase explain to list them all", file=sys.stderr)
        return 1
    print(explanation_text(key))
    return 0


def run_fields(args) -> int:
    text = field_reference(load_settings(args.project_dir).vocabularies)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数 / a positive integer: {text!r}")
    return int(text)


def run_export(args) -> int:
    """The data a build writes under /data/, as JSON, CSV or an Excel workbook; public by default."""
    from .export.dataschema import data_schema
    from .export.records import ALL_RECORDS, export_data
    from .export.tables import csv_bytes, rows, xlsx_bytes

    settings = load_settings(args.project_dir)
    if args.format == "schema":
        return _emit(json.dumps(data_schema(settings.vocabularies), ensure_ascii=False, indent=2) + "\n", args.out)
    settings.reserved_addresses = RESERVED_ADDRESSES
    project = load_project(settings, Visibility(internal=args.internal, drafts=args.drafts),
                           build_index=args.dossier is not None)
    if project.errors:  # as a build would: nothing is exported from content that fails the check
        for line in format_report(project.errors, settings.lang):
            print(line, file=sys.stderr)
        print(summary_line(project.problems, len(project.records), settings.lang), file=sys.stderr)
        return 1
    if args.dossier is not None:
        return _export_dossier(project, args)
    data = export_data(project.edition, args.kind, settings.site_url)
    if args.format == "json":
        return _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", args.out)
    if args.format == "csv":
        return _emit(csv_bytes(*rows(data, args.kind)), args.out)
    kinds = [k for k in KINDS if args.kind in (None, k.name)]  # xlsx: one sheet per kind
    sheets = [(k.zh, *rows(export_data(project.edition, k.name, settings.site_url), k.name)) for k in kinds]
    out = args.out or f"{kinds[0].folder if args.kind else ALL_RECORDS}.xlsx"
    _emit(xlsx_bytes(sheets), out)
    print(out)
    return 0


def _export_dossier(project, args) -> int:
    """A brand's dossier as a Word document, from what this edition publishes (public by default)."""
    from .export.dossier import brand_dossier, dossier_docx, find_brand

    brand = find_brand(project.edition, args.dossier)
    if brand is None:
        print(Text("dossier-no-brand", id=args.dossier).render(project.settings.lang), file=sys.stderr)
        return 1
    out = args.out or f"{brand.id.replace('/', '-')}-品牌档案.docx"
    _emit(dossier_docx(brand_dossier(project.edition, project.index, brand), project.settings.site_url), out)
    print(out)
    return 0


def _emit(data: str | bytes, out: str | None) -> int:
    """Write to the file `out`, or to standard output."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if out:
        with open(out, "wb") as fh:
            fh.write(raw)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
    return 0


def run_report(args) -> int:
    """Exit status 0 (a report, not a check), or 1 when the content does not pass the check."""
    import datetime

    from .export.tables import csv_bytes

    settings = load_settings(args.project_dir)
    settings.reserved_addresses = RESERVED_ADDRESSES
    lang = args.lang or settings.lang
    project = load_project(settings, build_index=False)
    today = datetime.date.today()
    findings = health_report(project, today, args.stale_years)
    if args.format == "json":
        report = {"date": today.isoformat(), "records": len(project.records), "stale_years": args.stale_years,
                  "errors": len(project.errors), "findings": [f.as_json(lang) for f in findings]}
        _emit(json.dumps(report, ensure_ascii=False, indent=2) + "\n", None)
    elif args.format == "csv":
        _emit(csv_bytes(list(REPORT_COLUMNS[lang]), report_rows(findings, lang)), None)
    else:
        _emit("\n".join(report_lines(findings, len(project.records), today, lang)) + "\n", None)
    if project.errors:
        print(summary_line(project.problems, len(project.records), lang), file=sys.stderr)
        print(Text("report-check-first").render(lang), file=sys.stderr)
        return 1
    return 0


def script() -> None:
    """The `showcase` command (pyproject's console script): main(), and after a build, out at
    once. A build leaves millions of objects, and the interpreter's teardown freed them one by
    one: 0.7 s of CPU and more than a second of wall clock at 10,000 records, a fifth of
    publishing one edit. Everything is written by then (files, caches, the site swapped in);
    what is buffered is flushed, and nothing else waits for the exit (no atexit of ours, the
    search index process done, temporary folders removed)."""
    code = main()
    if sys.argv[1:2] == ["build"]:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code or 0)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    script()
