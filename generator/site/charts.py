"""Bar charts drawn at build time as inline SVG: readable without JavaScript.

Charts are never scaled: an SVG without a viewBox is as wide as the page's column, its text
stays at the stylesheet's size (14 px) on a phone as on a desktop, and bar lengths are
percentages of that width. Every bar has its value printed at its end, so nothing needs
hovering. Colours come from CSS classes (site/theme/assets/showcase.css), so charts follow
the light and dark palettes and print in grey.
"""

from __future__ import annotations

from html import escape

ROW = 28  # height of one bar row, in px
BAR = 16  # height of a bar
FONT = 14  # px: .sc-chart's font size (showcase.css)
NARROWEST = 300  # px: the narrowest column a chart is drawn for (a 360 px phone)
LABEL_MAX = 130  # px: longer labels go above their bar instead of beside it


def _value_text(value: float) -> str:
    return f"{value:,g}" if value < 1e6 else f"{value:,.0f}"


def text_width(text: str) -> float:
    """Width of `text` at FONT px, roughly: a Chinese character is one em, others half."""
    return sum(FONT if ord(c) > 0x2E7F else FONT * 0.6 for c in text)


def _layout(labels: list[str], values: list[str]) -> tuple[float, float, bool]:
    """(label column in px, longest bar in % of the width, labels above bars?) so that label,
    bar and value fit the narrowest column."""
    label_w = max(text_width(label) for label in labels) + 10
    value_w = max(text_width(v) for v in values) + 10
    above = label_w > LABEL_MAX
    left = 0 if above else label_w
    return left, max(20.0, 100 * (NARROWEST - left - value_w) / NARROWEST), above


def _svg(title: str, height: float, parts: list[str]) -> str:
    return (f'<svg class="sc-chart" role="img" aria-label="{escape(title)}" width="100%" height="{height:.0f}" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{"".join(parts)}</svg>')


def horizontal_bars(title: str, data: list[tuple[str, float]], unit: str = "") -> str:
    """One bar per (label, value), the largest value the longest bar."""
    if not data:
        return f'<p class="sc-muted">{escape(title)}：暂无数据</p>'
    return stacked_bars(title, [(str(label), [value]) for label, value in data], [""], unit)


def stacked_bars(title: str, rows: list[tuple[str, list[float]]], series: list[str], unit: str = "",
                 gaps: dict[int, str] | None = None) -> str:
    """One bar per row, in segments per series (a legend names them when there are several),
    the row's total printed at its end. `gaps`: before row i, a line of text (years without records)."""
    if not rows:
        return f'<p class="sc-muted">{escape(title)}：暂无数据</p>'
    gaps = gaps or {}
    totals = [sum(values) for _, values in rows]
    top = max(totals) or 1
    left, longest, above = _layout([label for label, _ in rows], [_value_text(t) for t in totals])
    row_h = ROW + (FONT + 4 if above else 0)
    parts, y = [], 4.0
    for i, ((label, values), total) in enumerate(zip(rows, totals)):
        if i in gaps:
            parts.append(f'<text class="sc-chart__gap" x="0" y="{y + FONT:.0f}">{escape(gaps[i])}</text>')
            y += ROW
        text_y = y + FONT
        bar_y = y + (FONT + 6 if above else (ROW - BAR) / 2)
        anchor = "" if above else ' text-anchor="end"'
        parts.append(f'<text class="sc-chart__label" x="{0 if above else left - 8:.0f}" y="{text_y:.0f}"{anchor}>'
                     f'{escape(label)}</text>')
        parts.append(f'<g transform="translate({left:.0f} 0)">')
        x = 0.0
        for s, (name, value) in enumerate(zip(series, values)):
            if not value:
                continue
            width = max(0.5, longest * value / top)
            tip = f"{label} · {name}" if name else label
            parts.append(f'<rect class="sc-chart__bar sc-chart__bar--{s % 8}" x="{x:.2f}%" y="{bar_y:.0f}" '
                         f'width="{width:.2f}%" height="{BAR}"><title>{escape(tip)}：{_value_text(value)}'
                         f'{escape(unit)}</title></rect>')
            x += width
        parts.append(f'<text class="sc-chart__value" x="{x:.2f}%" dx="6" y="{bar_y + BAR - 3:.0f}">'
                     f'{_value_text(total)}</text></g>')
        y += row_h
    legend = ""
    if len(series) > 1:
        legend = '<ul class="sc-chart-legend">' + "".join(
            f'<li><span class="sc-chart-legend__swatch" style="background: var(--sc-chart-{s % 8})"></span>'
            f'{escape(name)}</li>'
            for s, name in enumerate(series)) + "</ul>"
    return legend + _svg(title, y + 4, parts)
