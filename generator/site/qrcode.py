"""QR codes of page addresses, for print: drawn as inline SVG at build time (segno), no script."""

from __future__ import annotations

import io
from functools import lru_cache

from markupsafe import Markup


MASK = 0


@lru_cache(maxsize=4096)
def qr_svg(address: str) -> Markup:
    """An inline SVG QR code of `address`, 2.2 cm wide in print (showcase.css sizes .sc-qr)."""
    import segno  # only a site with site_url draws any: not imported at every start

    out = io.BytesIO()
    # One mask for every code: choosing the best of eight (segno's default) costs 5× the time
    # (~5 ms a page at build time); any mask gives a valid code that phones read.
    segno.make(address, error="m", mask=MASK).save(out, kind="svg", xmldecl=False, svgns=True, svgclass="sc-qr",
                                        lineclass=None, omitsize=True, border=2, title=f"本页网址：{address}")
    return Markup(out.getvalue().decode("utf-8"))
