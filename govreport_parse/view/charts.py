"""Small inline SVG bar charts for the dataset index (no JavaScript needed).

>>> svg = bar_chart([Bar("2018", 142.0, "a.html", "张店区 2018: 142")], title="requests_received")
>>> svg.count('class="bar"'), 'href="a.html"' in svg
(1, True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ._util import attr, esc, fmt_number

__all__ = ["Bar", "bar_chart", "nice_ticks"]


# Above this many bars the value labels would overlap; the tooltips still carry the values.
_MAX_VALUE_LABELS = 16


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its axis label, value, the page it links to and its tooltip."""

    label: str
    value: float
    href: str | None = None
    tip: str = ""


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 up to at least ``top``.

    >>> nice_ticks(142)
    [0, 50, 100, 150]
    >>> nice_ticks(0)
    [0, 1]
    """
    if top <= 0 or not math.isfinite(top):
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    n = math.ceil(top / step - 1e-9)
    return [int(i * step) if float(i * step).is_integer() else i * step for i in range(n + 1)]


def bar_chart(
    bars: Sequence[Bar], *, title: str, y_label: str = "", width: int = 420, height: int = 230
) -> str:
    """An SVG bar chart with a y axis (ticks, grid, ``y_label``) and one label under each bar.

    Negative values are drawn as zero-height bars and still listed in the tooltip.
    """
    left, right, top_pad, bottom = 56, 8, 18, 70
    plot_w = max(width - left - right, 10)
    plot_h = max(height - top_pad - bottom, 10)
    top = max((b.value for b in bars if math.isfinite(b.value)), default=0.0)
    ticks = nice_ticks(top)
    scale = plot_h / ticks[-1]
    parts = [
        f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}"{attr("aria-label", title)}><title>{esc(title)}</title>'
    ]
    for t in ticks:
        y = top_pad + plot_h - t * scale
        parts.append(
            f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{esc(fmt_number(t))}</text>'
        )
    parts.append(f'<line class="axis" x1="{left}" x2="{left}" y1="{top_pad}" y2="{top_pad + plot_h}"/>')
    if y_label:
        mid = top_pad + plot_h / 2
        parts.append(
            f'<text class="axis-label" x="12" y="{mid:.1f}" text-anchor="middle"'
            f' transform="rotate(-90 12 {mid:.1f})">{esc(y_label)}</text>'
        )
    parts.append(
        f'<line class="axis" x1="{left}" x2="{left + plot_w}"'
        f' y1="{top_pad + plot_h}" y2="{top_pad + plot_h}"/>'
    )
    slot = plot_w / max(len(bars), 1)
    bar_w = max(min(slot * 0.7, 40), 2)
    for i, b in enumerate(bars):
        value = b.value if math.isfinite(b.value) and b.value > 0 else 0.0
        h = value * scale
        x = left + i * slot + (slot - bar_w) / 2
        y = top_pad + plot_h - h
        rect = (
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
            f"<title>{esc(b.tip or f'{b.label}: {fmt_number(b.value)}')}</title></rect>"
        )
        parts.append(f"<a{attr('href', b.href)}>{rect}</a>" if b.href else rect)
        if len(bars) <= _MAX_VALUE_LABELS:
            parts.append(
                f'<text class="value" x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">'
                f"{esc(fmt_number(b.value))}</text>"
            )
        cx = left + i * slot + slot / 2
        ly = top_pad + plot_h + 14
        parts.append(
            f'<text x="{cx:.1f}" y="{ly}" text-anchor="end" transform="rotate(-35 {cx:.1f} {ly})">'
            f"{esc(b.label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
