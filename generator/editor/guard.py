"""Who may edit: only the person at this computer, through pages this server rendered.

Every editor request must carry the per-run token the server puts into the pages it renders
(so another page open in the same browser, which cannot read them, cannot send it), come from
this computer, and name this computer as its host (a page whose domain name was pointed at
127.0.0.1, DNS rebinding, would otherwise read the token); a POST must not come from another
site (Origin, Sec-Fetch-Site). The token is given only to pages served under those conditions.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets

TOKEN_HEADER = "X-Showcase-Token"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def is_local(client: str, host_header: str | None) -> bool:
    """A request from this computer to a name of it: a loopback client, and a Host that is
    an IP address or localhost (a domain name could be rebound to 127.0.0.1)."""
    try:
        if not ipaddress.ip_address(client.split("%")[0]).is_loopback:
            return False
    except ValueError:
        return False
    host = _host_name(host_header or "")
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _host_name(host: str) -> str:
    """The name in a Host header, without its port: "[::1]:8000" → "::1"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else ""
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def refusal(method: str, headers, token: str, client: str) -> str | None:
    """Why an editor request is refused (a code of editor/messages.py), or None."""
    if not is_local(client, headers.get("Host")):
        return "not-local"
    given = headers.get(TOKEN_HEADER) or ""
    if not hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8")):
        return "no-token"
    if method != "GET":
        origin = headers.get("Origin")
        if origin is not None and origin != f"http://{headers.get('Host', '')}":
            return "other-origin"
        if headers.get("Sec-Fetch-Site") not in (None, "same-origin", "none"):
            return "other-origin"
    return None
