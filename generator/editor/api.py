"""The editor's HTTP routes under /__showcase/edit/ (the router; editor-api owns the rest)."""

from __future__ import annotations

import json

from ..preview.site import Response
from ..core.schema import KIND_BY_NAME
from .form import form

PREFIX = "/__showcase/edit/"


def _json(status: int, data) -> Response:
    return Response(status, "application/json; charset=utf-8", json.dumps(data, ensure_ascii=False).encode("utf-8"))


def handle(preview, method, path, headers, body) -> Response | None:
    if method == "GET" and path.startswith(PREFIX + "form/"):
        kind = KIND_BY_NAME.get(path[len(PREFIX + "form/"):])
        if kind is None:
            return _json(404, {"ok": False, "message": "没有这类记录"})
        return _json(200, form(kind, preview.site.settings.vocabularies))
    return None
