"""The Atom feed /feed.xml: the newest cases and lectures an edition publishes, with summaries.

Addresses are absolute when the site's address (mkdocs.yml `site_url`) is known; without it
links are relative to the feed (which sits at the site's root) and ids are URNs made from the
site's name and the record's address, so they stay the same from one build to the next.
"""

from __future__ import annotations

import datetime as _dt
import uuid
import xml.etree.ElementTree as ET

from ..core.dates import PartialDate, Period
from ..core.index import sort_by_date
from ..core.model import Record
from ..core.project import Edition

FEED_PATH = "feed.xml"
FEED_KINDS = ("case", "lecture")
FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(edition: Edition, site_name: str, site_url: str = "", now: _dt.datetime | None = None) -> str:
    """The feed as XML text. `now` dates an empty feed (a feed needs an `updated`)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    entries = feed_records(edition)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "zh-CN"})
    _text(feed, "id", base or _urn(site_name, ""))
    _text(feed, "title", site_name)
    _text(feed, "subtitle", "最新典型案例与讲堂")
    updated = max((_updated(r) for r in entries), default=None)
    _text(feed, "updated", _timestamp(updated) if updated else
          (now or _dt.datetime.now(_dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": base + FEED_PATH})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": base or "./"})
    _text(ET.SubElement(feed, "author"), "name", site_name)
    _text(feed, "generator", "党建品牌展示库")
    for record in entries:
        feed.append(_entry(record, edition, site_name, base))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feed_records(edition: Edition) -> list[Record]:
    """The newest published cases and lectures, at most FEED_SIZE."""
    return sort_by_date(r for r in edition.records() if r.kind in FEED_KINDS)[:FEED_SIZE]


def _entry(record: Record, edition: Edition, site_name: str, base: str) -> ET.Element:
    entry = ET.Element("entry")
    _text(entry, "id", base + record.url if base else _urn(site_name, record.url))
    _text(entry, "title", record.title)
    _text(entry, "updated", _timestamp(_updated(record)))
    if record.date is not None:
        _text(entry, "published", _timestamp(_first_day(record.date)))
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": base + record.url})
    for name in _authors(record, edition) or [site_name]:
        _text(ET.SubElement(entry, "author"), "name", name)
    category = record.values.get("category") or record.values.get("series")
    if category:
        ET.SubElement(entry, "category", {"term": category})
    summary = record.summary_for(edition.resolve_published)
    if summary:
        _text(entry, "summary", summary)
    return entry


def _authors(record: Record, edition: Edition) -> list[str]:
    """A case's organisations (those published), a lecture's speakers."""
    if record.kind == "lecture":
        return [s["name"] for s in record.values.get("speakers", ())]
    return [r.title for r in edition.published(record.values.get("branches", ()))]


def _updated(record: Record) -> _dt.date:
    """When a record last changed, as far as it says: `updated`, else its date (a period's end)."""
    value = record.values.get("updated") or record.date
    if isinstance(value, Period):
        value = value.end or value.start
    return value.first_day if isinstance(value, PartialDate) else _dt.date(1970, 1, 1)


def _first_day(value: PartialDate | Period) -> _dt.date:
    return (value.start if isinstance(value, Period) else value).first_day


def _timestamp(day: _dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _urn(site_name: str, address: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"showcase:{site_name}:{address}").urn


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element
