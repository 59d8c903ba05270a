"""The editor's HTTP routes under /__showcase/edit/ (docs: EDITOR-CONTRACT, README "showcase serve").

`handle` answers a request whose path starts with PREFIX (None for any other path): the guard
first (guard.py: token, this computer, same origin), then the route. A save or an upload is
applied to the preview at once, so the page the browser opens next shows it.
"""

from __future__ import annotations

import json
import traceback
from urllib.parse import parse_qs, unquote, urlsplit

from ..preview.site import Response
from ..preview.watch import Changes
from .form import form
from .guard import refusal
from .messages import say
from .store import MAX_UPLOAD_BYTES, Refusal, Store, version_of

PREFIX = "/__showcase/edit/"
MAX_JSON_BYTES = 2 * 1024 * 1024


def _json(status: int, data) -> Response:
    return Response(status, "application/json; charset=utf-8", json.dumps(data, ensure_ascii=False).encode("utf-8"))


def max_body(path: str) -> int:
    """The most a request to `path` may send (checked before it is read)."""
    return MAX_UPLOAD_BYTES if urlsplit(path).path.startswith(PREFIX + "upload/") else MAX_JSON_BYTES


def handle(preview, method: str, path: str, headers, body: bytes, client: str = "127.0.0.1") -> Response | None:
    parts = urlsplit(path)
    if not parts.path.startswith(PREFIX):
        return None
    lang = preview.lang
    refused = refusal(method, headers, preview.token, client)
    if refused:
        return _json(403, {"ok": False, "message": say(refused, lang)})
    # The route's words, decoded once each: "%2F" inside an id is its "/" (lecture series), never a folder of ours.
    route = [unquote(p, errors="strict") if _decodable(p) else "\x00" for p in parts.path[len(PREFIX):].split("/")]
    query = parse_qs(parts.query, keep_blank_values=True)
    try:
        with preview.lock:
            return _route(preview, method, route, query, headers, body)
    except Refusal as exc:
        return _json(exc.status, exc.payload)
    except Exception as exc:  # noqa: BLE001 - a bug of ours: said, and the server goes on
        traceback.print_exc(file=preview.out)
        return _json(500, {"ok": False, "message": say("failed", lang, reason=f"{type(exc).__name__}: {exc}")})


def _decodable(part: str) -> bool:
    try:
        unquote(part, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def _route(preview, method: str, route: list, query: dict, headers, body: bytes) -> Response:
    store = Store(preview.site.live.project, preview.lang)
    lang = preview.lang
    name, args = route[0], route[1:]
    if method == "POST" and name != "upload" and not _is_json(headers):
        raise store.refuse(403, "not-json")
    if name == "record" and len(args) >= 2:
        kind, record_id = store.kind(args[0]), "/".join(args[1:])
        if method == "GET":
            return _json(200, store.read(kind, record_id))
        if method == "POST":
            saved = store.save(kind, record_id, _request(store, body))
            if saved.written:
                preview.apply(Changes(records={saved.src_uri}))
            raw = store.file_bytes(saved.src_uri)
            return _json(200, {"ok": True, "version": version_of(raw), "url": store.record_url(kind, saved.src_uri)})
    if name == "new" and len(args) == 1 and method == "POST":
        kind = store.kind(args[0])
        saved = store.create(kind, _request(store, body))
        preview.apply(Changes(records={saved.src_uri}, rescan=True))
        record = preview.site.live.project.record_at(saved.src_uri)
        return _json(201, {"ok": True, "id": record.id if record else saved.src_uri.split("/", 1)[1][:-3],
                           "path": store.settings.display_path(saved.src_uri),
                           "url": Store(preview.site.live.project, lang).record_url(kind, saved.src_uri)})
    if name == "form" and len(args) == 1 and method == "GET":
        return _json(200, form(store.kind(args[0]), store.settings.vocabularies))
    if name == "suggest-id" and len(args) == 1 and method == "GET":
        return _json(200, {"id": store.suggest_from_query(store.kind(args[0]), query)})
    if name == "records" and not args and method == "GET":
        return _json(200, store.records(query.get("kind", [""])[0]))
    if name == "assets" and not args and method == "GET":
        return _json(200, store.assets())
    if name == "upload" and len(args) == 1 and method == "POST":
        kind = store.kind(args[0])
        field_key = query.get("field", [""])[0] or None
        answer, src_uri = store.upload(kind, query.get("name", [""])[0], body, field_key)
        preview.apply(Changes(others={src_uri}))
        return _json(201, answer)
    if name == "render" and len(args) == 1 and method == "POST":
        kind = store.kind(args[0])
        request = _request(store, body)
        text, record_id = request.get("body"), request.get("id") or ""
        if not isinstance(text, str) or not isinstance(record_id, str):
            raise store.refuse(400, "bad-values", key="body", shape="文本" if lang == "zh" else "text")
        return _json(200, {"html": preview.site.render_body(text, kind, record_id)})
    raise store.refuse(404, "no-route", path=PREFIX + "/".join(route))


def _is_json(headers) -> bool:
    return (headers.get("Content-Type") or "").split(";")[0].strip().lower() == "application/json"


def _request(store: Store, body: bytes) -> dict:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise store.refuse(400, "not-json") from exc
    if not isinstance(data, dict):
        raise store.refuse(400, "not-json")
    return data
