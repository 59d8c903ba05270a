"""`showcase import`: a Word report (.docx) or a text file (.txt) becomes a draft record.

Word goes to HTML through mammoth, HTML to Markdown through markdownify; we only
pick the title, shift the headings under the page's own title, extract the
images and escape what Python-Markdown would read as markup. The draft is
checked with the real checker before anything is written, and nothing is ever
overwritten.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import hashlib
import html
import mimetypes
import os
import posixpath
import re
from dataclasses import dataclass, field

from ..core.dates import parse_date
from ..core.fields import ID_PATTERN, IMAGE_EXTENSIONS
from ..core.loader import decode
from ..core.messages import format_report
from ..core.project import Project, load_project
from ..core.schema import KIND_BY_NAME, Kind, KindSchema
from ..core.settings import Settings
from .ids import dated_id, id_refusal
from .messages import FILE_TEXT, Refused, say
from .precheck import errors_if_written
from .values import date_value, missing_lines, option_value, yaml_line

TITLE_MAX = 80  # the schema's limit on title
# The option that supplies each required field a document cannot (title and dates come from the text).
FIELD_OPTION = {"level": "level", "owner": "owner", "branch": "branch", "branches": "branch",
                "series": "series", "number": "number", "speakers": "speaker", "category": "category"}

# Dates as written in reports: 2021年7月17日, 2020年3月, 2021-07-17.
_DATE_IN_TEXT = re.compile(r"(?<!\d)(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}-\d{1,2}-\d{1,2})(?!\d)")
_HEADING = re.compile(r"^h([1-6])$")
_LIST_BREAK = "<!-- -->"  # keeps two lists apart; not a paragraph
_SKIPPED = "showcase-skipped:"  # src of an image we could not keep, replaced by a note
MAX_DATES_LISTED = 12


@dataclass
class Imported:
    path: str  # project-relative path of the record written
    record_id: str
    id_from_name: bool
    images_dir: str | None
    images: int
    skipped: list = field(default_factory=list)  # content types of images not kept


# -- reading the document --------------------------------------------------------

@dataclass
class _Document:
    soup: object  # BeautifulSoup of the body (title taken out)
    title: str
    title_cut: bool
    images: dict = field(default_factory=dict)  # file name -> bytes
    skipped: list = field(default_factory=list)


def read_document(path: str, lang: str = "zh") -> _Document:
    if not os.path.isfile(path):
        raise Refused(say("not-found", lang, path=path))
    ext = os.path.splitext(path)[1].lower()
    if ext == ".doc":
        raise Refused(say("old-doc", lang, path=path))
    if ext == ".docx":
        document = _read_docx(path, lang)
    elif ext == ".txt":
        document = _read_txt(path, lang)
    else:
        raise Refused(say("unsupported-type", lang, path=path))
    if not document.title:
        raise Refused(say("empty", lang, path=path))
    return document


def _read_docx(path: str, lang: str) -> _Document:
    import mammoth  # only where a Word file is imported

    images: dict[str, bytes] = {}
    names: dict[str, str] = {}  # content hash -> file name: an image used twice is kept once
    skipped: list[str] = []

    def keep(image) -> dict:
        with image.open() as fh:
            data = fh.read()
        ext = mimetypes.guess_extension(image.content_type or "") or ""
        ext = ".jpg" if ext in (".jpe", ".jpeg") else ext
        if ext not in IMAGE_EXTENSIONS:  # EMF, WMF, TIFF…: browsers cannot show them
            skipped.append(image.content_type or "?")
            return {"src": _SKIPPED + (image.content_type or "?")}
        digest = hashlib.sha256(data).hexdigest()
        if digest not in names:
            names[digest] = f"image{len(images) + 1}{ext}"
            images[names[digest]] = data
        return {"src": names[digest]}

    try:
        with open(path, "rb") as fh:
            result = mammoth.convert_to_html(fh, convert_image=mammoth.images.img_element(keep))
    except Exception as exc:  # a damaged or renamed file fails anywhere inside the converter
        raise Refused(say("docx-unreadable", lang, path=path, reason=f"{type(exc).__name__}: {exc}"))
    return _document(result.value, images, skipped)


def _read_txt(path: str, lang: str) -> _Document:
    with open(path, "rb") as fh:
        raw = fh.read()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's "Unicode"
        raw = raw.decode("utf-16").encode("utf-8")
    text, problems = decode(raw, path)
    if problems and problems[0].code == "encoding-gbk":  # the loader names GBK; here we convert it
        text, problems = decode(raw.decode("gbk").encode("utf-8"), path)
    if text is None:
        raise Refused(say("txt-encoding", lang, path=path))
    paragraphs = "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.split("\n") if line.strip())
    return _document(paragraphs, {}, [])


def _document(body_html: str, images: dict, skipped: list) -> _Document:
    """Take the title out of the HTML and put the headings under it."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body_html, "html.parser")
    first = (next((h for h in soup.find_all(_HEADING) if h.get_text(strip=True)), None)
             or next((p for p in soup.find_all("p") if p.get_text(strip=True)), None))
    title, cut = "", False
    if first is not None:
        title = " ".join(first.get_text().split())
        if len(title) > TITLE_MAX:  # a long first paragraph is no title: keep it in the body
            title, cut = title[:TITLE_MAX].strip(), True
        else:
            first.decompose()
    headings = soup.find_all(_HEADING)
    if headings:  # the page shows the title as its one h1: the body's top level becomes h2
        shift = 2 - min(int(h.name[1]) for h in headings)
        for heading in headings:
            heading.name = f"h{min(6, max(2, int(heading.name[1]) + shift))}"
    return _Document(soup, title, cut, images, skipped)


def _markdown(document: _Document, image_prefix: str, image_folder: str) -> str:
    from bs4 import NavigableString

    for img in document.soup.find_all("img"):
        src = img.get("src", "")
        if src.startswith(_SKIPPED):
            note = FILE_TEXT["image-skipped"].format(type=src[len(_SKIPPED):], folder=image_folder)
            img.replace_with(NavigableString(note))
        else:
            img["src"] = image_prefix + src
            img["alt"] = re.sub(r"[\[\]\n]", " ", img.get("alt", "")).strip()
    text = _converter().convert_soup(document.soup)
    text = re.sub(r"(?m)^[\u3000\xa0]+", "", text)  # paragraph indents typed as full-width spaces
    text = re.sub(r"[ \t]+\n", lambda m: "  \n" if m.group(0).startswith("  ") else "\n", text)
    return _separate_lists(re.sub(r"\n{3,}", "\n\n", text).strip()) + "\n"


def _separate_lists(text: str) -> str:
    """Python-Markdown merges a bulleted list and a numbered list that follow each other."""
    blocks, kinds = text.split("\n\n"), []
    out = []
    for block in blocks:
        kind = "ul" if block.startswith("- ") else "ol" if re.match(r"\d+\. ", block) else None
        if kind and kinds and kinds[-1] and kinds[-1] != kind:
            out.append(_LIST_BREAK)
        out.append(block)
        kinds.append(kind)
    return "\n\n".join(out)


def _converter():
    from markdownify import MarkdownConverter

    class PythonMarkdown(MarkdownConverter):
        """Escape what Python-Markdown (MkDocs) would read as markup, and only in its own way."""

        def escape(self, text, parent_tags):
            text = super().escape(text, parent_tags)  # * and _
            text = text.replace("&", "&amp;").replace("<", "&lt;")  # text, not HTML
            text = re.sub(r"([\[\]`])", r"\\\1", text)  # links, [[wiki links]], code
            if "td" in parent_tags or "th" in parent_tags:
                text = text.replace("|", r"\|")
            # A line starting "#", ">", "-", "+" or "2. " would become a heading, quote or list.
            text = re.sub(r"(?m)^(\s*)([#>+-])", r"\1\\\2", text)
            return re.sub(r"(?m)^(\s*\d+)([.)])(?=\s)", r"\1\\\2", text)

    return PythonMarkdown(heading_style="ATX", bullets="-", table_infer_header=True)


def dates_in(body: str) -> list[tuple[str, list[int]]]:
    """Each date written in the body, as written, with the paragraphs (1-based) it is in."""
    found: dict[str, list[int]] = {}
    blocks = [b for b in body.split("\n\n") if b.strip() and b != _LIST_BREAK]
    for number, block in enumerate(blocks, 1):
        for match in _DATE_IN_TEXT.finditer(block):
            written = re.sub(r"\s+", "", match.group(0))
            if parse_date(written) is None:
                continue
            places = found.setdefault(written, [])
            if number not in places:
                places.append(number)
    return list(found.items())


# -- ids ---------------------------------------------------------------------------

def choose_id(project: Project, kind: KindSchema, source_path: str, record_id: str | None,
              today: _dt.date, lang: str) -> tuple[str, bool]:
    """The id asked for, or one from the file name (ASCII only) or the date; (id, from_name)."""
    example = dated_id(project, kind, today)
    from_name = record_id is None
    if from_name:
        stem = os.path.splitext(os.path.basename(source_path))[0].lower()
        record_id = stem if stem.isascii() and ID_PATTERN.match(stem) else example
    record_id = record_id.strip()
    refusal = id_refusal(project, kind, record_id, lang, format_hint=say("id-hint", lang, example=example),
                         retry=say("retry-id-option", lang, example=example))
    if refusal:
        raise Refused(refusal)
    return record_id, from_name


# -- front matter ------------------------------------------------------------------

def front_matter(kind: KindSchema, document: _Document, body: str, source_name: str,
                 values: dict, project: Project, lang: str) -> str:
    """The draft's front matter; refuses, listing what to add, when a required value is missing."""
    lines = [FILE_TEXT["header"].format(source=source_name)]
    if document.title_cut:
        lines.append(FILE_TEXT["title-cut"].format(max=TITLE_MAX))
    lines += [yaml_line("title", document.title), "draft: true"]
    found = dates_in(body)
    missing = []
    for field_ in kind.fields:
        if field_.key == kind.date_key:
            given = values.get("date")
            if given:
                lines.append(yaml_line(field_.key, option_value(field_, given, "--date", lang)))
            elif found and field_.required:
                lines.append(yaml_line(field_.key, date_value(found[0][0])) + FILE_TEXT["date-from-text"])
            elif found:
                lines.append(FILE_TEXT["date-optional"].format(key=field_.key, value=found[0][0], label=field_.zh))
            elif field_.required:
                missing.append(field_)
        elif field_.required and field_.key != "title":
            given = values.get(FIELD_OPTION[field_.key])
            if given:
                lines.append(yaml_line(field_.key, option_value(field_, given, f"--{FIELD_OPTION[field_.key]}", lang)))
            else:
                missing.append(field_)
    if missing:
        name = Kind(kind.name).render(lang)
        options = {**FIELD_OPTION, kind.date_key: "date"}
        raise Refused("\n".join([say("missing-options", lang, kind=name)] + missing_lines(missing, options, project, lang)))
    if found:
        lines.append(FILE_TEXT["dates-head"].format(key=kind.date_key))
        for written, paragraphs in found[:MAX_DATES_LISTED]:
            lines.append(FILE_TEXT["date-line"].format(date=written, paragraphs="、".join(map(str, paragraphs))))
        if len(found) > MAX_DATES_LISTED:
            lines.append(FILE_TEXT["dates-more"].format(count=len(found) - MAX_DATES_LISTED))
    lines.append(FILE_TEXT["more-fields"])
    return "---\n" + "\n".join(lines) + "\n---\n"


# -- the command -----------------------------------------------------------------

def kind_options(kind: KindSchema) -> list[str]:
    """The options that make sense for a kind: its required fields' and --date."""
    return [FIELD_OPTION[f.key] for f in kind.fields
            if f.required and f.key not in ("title", kind.date_key)] + ["date"]


def _check_draft(text: str, kind: KindSchema, src_uri: str, project: Project, lang: str) -> None:
    """The checker's verdict on the draft, as if it were written: refuse on any error."""
    errors = errors_if_written(text, kind, src_uri, project)
    if errors:
        raise Refused("\n".join([say("draft-invalid", lang)] + format_report(errors, lang)))


def import_document(source_path: str, kind_name: str, settings: Settings, record_id: str | None = None,
                    values: dict | None = None, lang: str = "zh", today: _dt.date | None = None) -> Imported:
    """Write `source_path` as a draft record of `kind_name`; raise Refused (writing nothing) if it cannot."""
    kind = KIND_BY_NAME[kind_name]
    values = {k: v for k, v in (values or {}).items() if v}
    allowed = kind_options(kind)
    for option in values:
        if option not in allowed:
            raise Refused(say("option-not-for-kind", lang, option=f"--{option}", kind=Kind(kind.name).render(lang),
                              allowed=" ".join(f"--{o}" for o in allowed)))
    document = read_document(source_path, lang)
    project = load_project(settings, build_index=False)
    record_id, from_name = choose_id(project, kind, source_path, record_id, today or _dt.date.today(), lang)

    src_uri = f"{kind.folder}/{record_id}.md"
    assets_uri = f"assets/{kind.folder}/{record_id}"
    assets_dir = os.path.join(settings.content_root, *assets_uri.split("/"))
    if document.images and os.path.isdir(assets_dir) and os.listdir(assets_dir):
        raise Refused(say("assets-exist", lang, path=settings.display_path(assets_uri) + "/"))
    prefix = posixpath.relpath(assets_uri, posixpath.dirname(src_uri)) + "/"
    body = _markdown(document, prefix, settings.display_path(assets_uri))
    text = front_matter(kind, document, body, os.path.basename(source_path), values, project, lang)
    text += "\n" + body
    _check_draft(text, kind, src_uri, project, lang)

    if document.images:  # first, so the record never links to images not there yet
        os.makedirs(assets_dir, exist_ok=True)
        for name, data in document.images.items():
            with open(os.path.join(assets_dir, name), "xb") as fh:  # "x": never overwrite, even in a race
                fh.write(data)
    target = os.path.join(settings.content_root, *src_uri.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return Imported(settings.display_path(src_uri), record_id, from_name,
                    settings.display_path(assets_uri) + "/" if document.images else None,
                    len(document.images), document.skipped)


def report(result: Imported, lang: str = "zh") -> list[str]:
    """What the command prints after writing."""
    lines = []
    if result.id_from_name:
        lines.append(say("id-from-name", lang, id=result.record_id))
    lines.append(say("written", lang, path=result.path, id=result.record_id))
    if result.images:
        lines.append(say("images-written", lang, count=result.images, path=result.images_dir))
    if result.skipped:
        lines.append(say("images-skipped", lang, count=len(result.skipped), types="、".join(sorted(set(result.skipped)))))
    lines.append(say("next-steps", lang))
    return lines
