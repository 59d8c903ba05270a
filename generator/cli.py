"""`showcase` command line: check content, build the site, export the JSON Schemas and the field reference."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile

from .authoring.messages import OPTION_HELP
from .core.checkcache import CheckCache
from .site.fielddocs import field_reference
from .core.messages import Text, format_report, summary_line
from .core.processes import OnTermination, remove_stale, temp_prefix
from .core.project import load_project
from .core.schema import KINDS
from .core.options import ConfigError
from .core.settings import load_settings
from .site.pages import RESERVED_ADDRESSES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="showcase", description="党建品牌展示库 / party-building showcase")
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

    args = parser.parse_args(argv)
    commands = {"check": run_check, "schema": run_schema, "fields": run_fields, "build": run_build,
                "import": run_import, "serve": run_serve}
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
    if cache.error is not None:
        print(Text("cache-unwritable", path=cache.path, reason=cache.error.strerror or cache.error).render(lang),
              file=sys.stderr)
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
    settings = load_settings(args.project_dir)
    out = args.out or os.path.join(args.project_dir, "schemas")
    os.makedirs(out, exist_ok=True)
    for kind in KINDS:
        path = os.path.join(out, f"{kind.name}.schema.json")
        _write_json(path, kind.json_schema(settings.vocabularies))
        print(path)
    relative = os.path.relpath(out, args.project_dir)
    if not relative.startswith(os.pardir):  # schemas inside the project: tell VS Code where they are
        return _write_editor_settings(args.project_dir, relative, settings.content_dir)
    return 0


def _write_json(path: str, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def _write_editor_settings(project_dir: str, schemas: str, content_dir: str) -> int:
    """Map each kind's schema to its folder in .vscode/settings.json (YAML extension's
    yaml.schemas), keeping every other setting of that file."""
    path = os.path.join(project_dir, ".vscode", "settings.json")
    settings = {}
    if os.path.exists(path):
        try:
            with open(path, encoding="utf-8") as fh:
                settings = json.load(fh)
            if not isinstance(settings, dict):
                raise ValueError("not an object")
        except ValueError:  # JSON with comments, or not JSON at all: not ours to rewrite
            print(f"{path}: 不是纯 JSON（可能含注释），未修改；请手工在 yaml.schemas 中登记 {schemas}/ 下的文件 / "
                  f"not plain JSON (comments?), left as it is: map the schemas in {schemas}/ under yaml.schemas by hand",
                  file=sys.stderr)
            return 1
    schemas, content_dir = (p.replace(os.sep, "/") for p in (schemas, content_dir))
    settings["yaml.schemas"] = {f"./{schemas}/{kind.name}.schema.json": [f"{content_dir}/{kind.folder}/**/*.md"]
                                for kind in KINDS}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    _write_json(path, settings)
    print(path)
    return 0


def run_build(args) -> int:
    """`mkdocs build`, with the build's visibility passed the same way as to a plain mkdocs run,
    published atomically: it builds into a sibling temporary folder and swaps that in for the
    site only when everything (pages and search index) succeeded."""
    os.environ["SHOWCASE_VISIBILITY"] = "internal" if args.internal else "public"
    if args.drafts:
        os.environ["SHOWCASE_DRAFTS"] = "1"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from click import ClickException
    from mkdocs.__main__ import cli  # MkDocs only where a build is asked for
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .site.output import SiteBusy, SiteLock, publish

    config_file = os.path.join(args.project_dir, "mkdocs.yml")
    try:
        site_dir = os.path.abspath(args.site_dir or load_config(config_file).site_dir)
    except ConfigurationError as exc:
        print(exc, file=sys.stderr)
        return 1
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
        shutil.copymode(site_dir, built)  # mkdtemp's folder is private; the site is not
        try:
            cli.main(args=["build", "-f", config_file, "-d", built], prog_name="showcase build",
                     standalone_mode=False)
        except ClickException as exc:  # e.g. our Abort: say why (click shows it only when standalone)
            exc.show()
            return exc.exit_code or 1
        except SystemExit as exc:
            if exc.code:
                return int(exc.code)
        except Exception:  # mkdocs has printed the reason
            return 1
        publish(built, site_dir)  # the old site is now at `built`
        return 0
    finally:
        on_termination.uninstall()
        clean_up()


def run_serve(args) -> int:
    host, sep, port = args.dev_addr.rpartition(":")
    if not sep or not port.isdigit():
        print("-a 应写成 主机:端口，例如 127.0.0.1:8000 / -a takes HOST:PORT, e.g. 127.0.0.1:8000", file=sys.stderr)
        return 2
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
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


def run_fields(args) -> int:
    text = field_reference(load_settings(args.project_dir).vocabularies)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
