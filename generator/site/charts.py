"""Bar charts drawn at build time as inline SVG: readable without JavaScript.

Colours come from CSS classes (site/theme/assets/showcase.css), so charts follow the
light and dark palettes and print in grey.
"""

from __future__ import annotations

from html import escape

ROW = 26  # height of one horizontal bar row
LABEL_WIDTH = 120
BAR_WIDTH = 360


def _value_text(value: float) -> str:
    return f"{value:g}"


def horizontal_bars(title: str, data: list[tuple[str, float]], unit: str = "") -> str:
    """One bar per (label, value), largest scale = widest bar."""
    if not data:
        return f'<p class="sc-muted">{escape(title)}：暂无数据</p>'
    top = max(v for _, v in data) or 1
    height = ROW * len(data) + 8
    width = LABEL_WIDTH + BAR_WIDTH + 60
    rows = []
    for i, (label, value) in enumerate(data):
        y = 4 + i * ROW
        length = max(1.0, BAR_WIDTH * value / top) if value else 0
        rows.append(
            f'<text class="sc-chart__label" x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">{escape(str(label))}</text>'
            f'<rect class="sc-chart__bar sc-chart__bar--{i % 8}" x="{LABEL_WIDTH}" y="{y + 4}" width="{length:.1f}" height="{ROW - 8}" rx="3">'
            f'<title>{escape(str(label))}：{_value_text(value)}{escape(unit)}</title></rect>'
            f'<text class="sc-chart__value" x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 17}">{_value_text(value)}</text>')
    return (f'<svg class="sc-chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
            f'width="100%" style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">'
            f'<title>{escape(title)}</title>{"".join(rows)}</svg>')


def stacked_columns(title: str, columns: list[str], series: list[tuple[str, list[float]]]) -> str:
    """One column per x label, stacked by series; a legend names the series."""
    if not columns:
        return f'<p class="sc-muted">{escape(title)}：暂无数据</p>'
    totals = [sum(values[i] for _, values in series) for i in range(len(columns))]
    top = max(totals) or 1
    plot_h, col_w, gap, left, bottom = 200, 28, 10, 36, 48
    width = left + len(columns) * (col_w + gap) + 10
    height = plot_h + bottom + 24 + ROW * ((len(series) + 3) // 4)
    parts = [f'<line class="sc-chart__axis" x1="{left}" y1="{plot_h + 10}" x2="{width - 5}" y2="{plot_h + 10}"/>']
    for tick in (0, top / 2, top):
        y = plot_h + 10 - plot_h * tick / top
        parts.append(f'<text class="sc-chart__tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:g}</text>')
    for i, column in enumerate(columns):
        x = left + i * (col_w + gap) + gap / 2
        y = plot_h + 10
        for s, (name, values) in enumerate(series):
            h = plot_h * values[i] / top
            if h:
                y -= h
                parts.append(f'<rect class="sc-chart__bar sc-chart__bar--{s % 8}" x="{x:.1f}" y="{y:.1f}" width="{col_w}" '
                             f'height="{h:.1f}"><title>{escape(str(column))} · {escape(name)}：{_value_text(values[i])}</title></rect>')
        parts.append(f'<text class="sc-chart__value" x="{x + col_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{_value_text(totals[i])}</text>')
        parts.append(f'<text class="sc-chart__label" x="{x + col_w / 2:.1f}" y="{plot_h + 28}" text-anchor="middle" '
                     f'transform="rotate(-35 {x + col_w / 2:.1f} {plot_h + 28})">{escape(str(column))}</text>')
    legend_y = plot_h + bottom + 10
    for s, (name, _) in enumerate(series):
        lx = left + (s % 4) * 110
        ly = legend_y + (s // 4) * ROW
        parts.append(f'<rect class="sc-chart__bar sc-chart__bar--{s % 8}" x="{lx}" y="{ly}" width="14" height="14" rx="2"/>'
                     f'<text class="sc-chart__label" x="{lx + 20}" y="{ly + 12}">{escape(name)}</text>')
    return (f'<svg class="sc-chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
            f'width="100%" style="max-width:{max(width, 480)}px" xmlns="http://www.w3.org/2000/svg">'
            f'<title>{escape(title)}</title>{"".join(parts)}</svg>')
