"""Bar charts as PNG images for the Word report, drawn offline with Pillow.

Pillow installs from PyPI as a wheel on Windows and Linux, carries its own FreeType and
a scalable default font, and needs no display; it is imported here only, when a report
with a chart is rendered, so the TUI's start-up never loads it. Labels wrap at spaces
onto up to three lines (a long word is cut with "…" only when it cannot fit), values are
written in the export language's number form.
"""

from __future__ import annotations

import io
from typing import Any

from mpa_tui.export.model import Chart
from mpa_tui.i18n.formats import format_number

COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759")
_MAX_LINES = 3


def _wrap(text: str, font: Any, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width``; at most three, the last cut with "…"."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if font.getlength(trial) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = word
        while font.getlength(current) > width:  # a word longer than the label column
            cut = len(current)
            while cut > 1 and font.getlength(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) > _MAX_LINES:
        last = lines[_MAX_LINES - 1]
        while last and font.getlength(last + "…") > width:
            last = last[:-1]
        lines = [*lines[:_MAX_LINES - 1], last + "…"]
    return lines or [""]


def bar_chart_png(chart: Chart, lang: str, *, width_px: int = 1400) -> tuple[bytes, int, int]:
    """A horizontal bar chart: ``(png bytes, width, height)`` in pixels.

    One group of bars per label, one bar per series, a legend when there are several
    series; the scale runs from 0 to ``chart.max_value`` (or the largest value).
    """
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=22)
    small = ImageFont.load_default(size=20)
    pad = 16
    label_w = int(width_px * 0.36)
    value_w = 80
    bar_area = width_px - label_w - value_w - 2 * pad
    bar_h, gap, line_h = 26, 14, 26
    n_series = max(len(chart.series), 1)
    legend_h = 40 if n_series > 1 else 0
    groups = []
    for label in chart.labels:
        lines = _wrap(label, font, label_w - pad)
        height = max(len(lines) * line_h, n_series * bar_h) + gap
        groups.append((lines, height))
    height_px = pad + legend_h + sum(h for _, h in groups) + pad
    top = chart.max_value or max((v for _, vals in chart.series for v in vals), default=0) or 1
    img = Image.new("RGB", (width_px, height_px), "white")
    draw = ImageDraw.Draw(img)
    x = label_w + pad
    for i, (name, _) in enumerate(chart.series if n_series > 1 else []):
        colour = COLOURS[i % len(COLOURS)]
        draw.rectangle((x, pad + 6, x + 22, pad + 28), fill=colour)
        draw.text((x + 30, pad + 4), name, fill="black", font=font)
        x += 60 + int(font.getlength(name))
    y = pad + legend_h
    axis_x = label_w + pad
    for gi, (lines, group_h) in enumerate(groups):
        for li, line in enumerate(lines):
            draw.text((label_w, y + li * line_h), line, fill="black", font=font, anchor="ra")
        for si, (_, values) in enumerate(chart.series):
            value = values[gi] if gi < len(values) else 0.0
            length = max(0.0, bar_area * value / top)
            by = y + si * bar_h
            draw.rectangle((axis_x, by + 2, axis_x + length, by + bar_h - 3),
                           fill=COLOURS[si % len(COLOURS)])
            draw.text((axis_x + length + 6, by + 1), format_number(value, lang), fill="black",
                      font=small)
        y += group_h
    draw.line((axis_x, pad + legend_h, axis_x, y - gap // 2), fill="#555555", width=2)
    buf = io.BytesIO()
    # Fast compression: a chart of 300 categories took over a second with optimize=True.
    img.save(buf, "PNG", compress_level=3, dpi=(200, 200))
    return buf.getvalue(), width_px, height_px
