"""Charts drawn on the server as inline SVG: no script, no request outside the site, printable, and the names
and numbers are real text (readable by screen readers, search and the browser's find).

Each function returns safe markup for one <svg> whose viewBox scales to the width of its container; colours
come from the stylesheet's classes so print and high-contrast styles can restyle them.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH = 420
LABEL_WIDTH = 112
ROW = 28


def _number(value) -> str:
    return f"{value:,.0f}" if value is not None else "—"


def _percent(value) -> str:
    return f"{value * 100:.1f}%" if value is not None else "—"


def _svg(chart_id: str, title: str, height: int, body) -> str:
    return format_html(
        '<svg class="chart" font-size="13" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{id}-title" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title>{body}</svg>',
        w=WIDTH,
        h=height,
        id=chart_id,
        title=title,
        body=body,
    )


def _bar_width(value, scale) -> float:
    if not value or not scale:
        return 0.0
    return round(min(value / scale, 1.0) * (WIDTH - LABEL_WIDTH - 70), 1)


def progress_bars(chart_id: str, title: str, items: list[tuple[str, float | None]]) -> str:
    """One bar per (label, fraction done); the track is 100 %, bars past 100 % are capped and say so."""
    rows = []
    for index, (label, fraction) in enumerate(items):
        y = 10 + index * ROW
        rows.append(
            format_html(
                '<text class="chart-label" fill="#1f2328" x="{lx}" y="{ty}" text-anchor="end">{label}</text>'
                '<rect class="chart-track" fill="#e6eaee" x="{x}" y="{y}" width="{tw}" height="18" rx="3"/>'
                '<rect class="chart-done" fill="#0b6b57" x="{x}" y="{y}" width="{w}" height="18" rx="3"/>'
                '<text class="chart-value" fill="#57606a" x="{vx}" y="{ty}">{value}</text>',
                lx=LABEL_WIDTH - 8,
                ty=y + 14,
                label=label,
                x=LABEL_WIDTH,
                y=y,
                tw=_bar_width(1, 1),
                w=_bar_width(fraction, 1),
                vx=LABEL_WIDTH + _bar_width(1, 1) + 6,
                value=_percent(fraction),
            )
        )
    return _svg(chart_id, title, 20 + len(items) * ROW, mark_safe("".join(rows)))  # noqa: S308 (escaped parts)


def paired_bars(chart_id: str, title: str, rows: list[tuple[str, int | None, int]], legend: tuple[str, str]) -> str:
    """Per row (label, target or None, done): a light bar for the target and a dark one for what is done."""
    scale = max([max(target or 0, done) for _, target, done in rows] or [0]) or 1
    parts = [
        format_html(
            '<g class="chart-legend"><rect class="chart-target" fill="#9cc7da" x="{x}" y="4" width="14" height="10"/>'
            '<text x="{tx}" y="13">{target}</text>'
            '<rect class="chart-done" fill="#0b6b57" x="{x2}" y="4" width="14" height="10"/>'
            '<text x="{tx2}" y="13">{done}</text></g>',
            x=LABEL_WIDTH,
            tx=LABEL_WIDTH + 18,
            target=legend[0],
            x2=LABEL_WIDTH + 100,
            tx2=LABEL_WIDTH + 118,
            done=legend[1],
        )
    ]
    for index, (label, target, done) in enumerate(rows):
        y = 24 + index * ROW
        parts.append(
            format_html(
                '<text class="chart-label" fill="#1f2328" x="{lx}" y="{ty}" text-anchor="end">{label}</text>'
                '<rect class="chart-target" fill="#9cc7da" x="{x}" y="{y}" width="{tw}" height="11"/>'
                '<rect class="chart-done" fill="#0b6b57" x="{x}" y="{y2}" width="{w}" height="11"/>'
                '<text class="chart-value" fill="#57606a" x="{vx}" y="{ty}">{value}</text>',
                lx=LABEL_WIDTH - 8,
                ty=y + 17,
                label=label,
                x=LABEL_WIDTH,
                y=y,
                y2=y + 12,
                tw=_bar_width(target or 0, scale),
                w=_bar_width(done, scale),
                vx=LABEL_WIDTH + max(_bar_width(target or 0, scale), _bar_width(done, scale)) + 6,
                value=f"{_number(done)} / {_number(target)}" if target is not None else _number(done),
            )
        )
    return _svg(chart_id, title, 34 + len(rows) * ROW, mark_safe("".join(parts)))  # noqa: S308 (escaped parts)


def line_chart(chart_id: str, title: str, points: list[tuple[str, int]]) -> str:
    """A line over months with the first, last and highest values labelled."""
    height, left, right, top, bottom = 220, 56, 16, 20, 36
    inner_w, inner_h = WIDTH - left - right, height - top - bottom
    if not points:
        return _svg(chart_id, title, 60, mark_safe('<text x="10" y="30">—</text>'))  # noqa: S308 (constant)
    peak = max(value for _, value in points) or 1
    step = inner_w / max(len(points) - 1, 1)
    coords = [
        (round(left + index * step, 1), round(top + inner_h - value / peak * inner_h, 1))
        for index, (_, value) in enumerate(points)
    ]
    polyline = " ".join(f"{x},{y}" for x, y in coords)
    peak_index = max(range(len(points)), key=lambda index: points[index][1])
    parts = [
        format_html(
            '<line class="chart-axis" stroke="#d0d7de" x1="{l}" y1="{b}" x2="{r}" y2="{b}"/>'
            '<line class="chart-axis" stroke="#d0d7de" x1="{l}" y1="{t}" x2="{l}" y2="{b}"/>'
            '<text class="chart-value" fill="#57606a" x="{lx}" y="{ty}" text-anchor="end">{peak}</text>'
            '<text class="chart-value" fill="#57606a" x="{lx}" y="{b}" text-anchor="end">0</text>'
            '<polyline class="chart-line" fill="none" stroke="#0b6b57" stroke-width="2" points="{points}"/>'
            '<text class="chart-label" fill="#1f2328" x="{l}" y="{mb}">{first}</text>'
            '<text class="chart-label" fill="#1f2328" x="{r}" y="{mb}" text-anchor="end">{last}</text>'
            '<circle class="chart-point" fill="#b3261e" cx="{px}" cy="{py}" r="4"/>',
            l=left,
            r=WIDTH - right,
            t=top,
            b=top + inner_h,
            lx=left - 6,
            ty=top + 4,
            peak=_number(peak),
            points=polyline,
            mb=height - 12,
            first=points[0][0],
            last=points[-1][0],
            px=coords[peak_index][0],
            py=coords[peak_index][1],
        )
    ]
    parts.append(
        format_html_join(
            "",
            '<circle class="chart-dot" fill="#0b6b57" cx="{}" cy="{}" r="2"><title>{}：{}</title></circle>',
            ((x, y, label, _number(value)) for (x, y), (label, value) in zip(coords, points, strict=True)),
        )
    )
    return _svg(chart_id, title, height, mark_safe("".join(parts)))  # noqa: S308 (escaped parts)
