"""ringkasan.html: one self-contained page (inline CSS and SVG, no script, no external asset).

Every piece of text goes through :func:`html.escape`, so a card reading ``<script>`` is
shown, never run.
"""

from __future__ import annotations

import html as _html
from typing import TYPE_CHECKING

from mpa_tui.export.model import (
    Block,
    Bullets,
    Chart,
    ExportView,
    Flag,
    Para,
    SubHeading,
    Table,
    cell_text,
)
from mpa_tui.i18n.formats import format_number

if TYPE_CHECKING:  # the session model costs 0.1-0.2 s to import: the report needs none
    from mpa_tui.domain.session import Session

PAGE_SIZES = {"A4": "210mm 297mm", "F4": "215mm 330mm"}
WIDE_COLUMNS = 8
"""A section with a table this wide prints on landscape pages."""
LONG_WORD = 30
_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759")

_CSS = """
@page { size: %(size)s; margin: 18mm 16mm; }
@page wide { size: %(wide)s; margin: 16mm 16mm; }
section.wide { page: wide; }
body { font-family: "Segoe UI", Arial, sans-serif; font-size: 11pt; color: #111;
       max-width: 180mm; margin: 0 auto; line-height: 1.4; }
h1 { font-size: 18pt; margin-bottom: 0; } h2 { font-size: 14pt; border-bottom: 1px solid #888;
  margin-top: 1.4em; page-break-after: avoid; } h3 { font-size: 12pt; page-break-after: avoid; }
.sub { color: #444; margin-top: .2em; }
table { border-collapse: collapse; width: 100%%; margin: .5em 0; page-break-inside: auto; }
th, td { border: 1px solid #999; padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #eee; } tr { page-break-inside: avoid; }
.flag { border-left: 4px solid #c00; background: #fee; padding: 4px 8px; font-weight: bold; }
.pre { white-space: pre-wrap; } svg { max-width: 100%%; height: auto; }
.quote { font-style: italic; }
/* Words stay whole; only a string too long for any line (no spaces) may break. */
li, p, h1, h2, h3, figcaption, .long { overflow-wrap: anywhere; }
td, th { overflow-wrap: break-word; hyphens: manual; }
table { table-layout: auto; }
.with-chart { display: flex; flex-wrap: wrap; gap: 6mm; align-items: flex-start;
  break-inside: avoid; page-break-inside: avoid; }
.with-chart > table { flex: 1 1 85mm; width: auto; }
.with-chart > figure { flex: 1 1 85mm; margin: .5em 0; }
figure { break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: .3em; }
@media print { body { max-width: none; } h2, h3 { break-after: avoid; }
  .with-chart > table, .with-chart > figure { flex-basis: 100%%; }
  .with-chart, figure { break-inside: avoid; page-break-inside: avoid; } }
"""


def _e(value: object) -> str:
    return _html.escape(str(value), quote=True)


def _label_lines(label: str, width: int = 34, most: int = 3) -> list[str]:
    """A chart label on up to three lines of ~34 characters, cut with "…" only past that."""
    lines: list[str] = []
    current = ""
    for word in label.split():
        while len(word) > width:  # a word longer than a line
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    if len(lines) > most:
        lines = [*lines[:most - 1], lines[most - 1][:width - 1] + "…"]
    return lines or [""]


def svg_bar_chart(chart: Chart, lang: str = "id") -> str:
    """A horizontal bar chart as inline SVG (labels and values escaped)."""
    label_w, bar_w, row_h = 220, 330, 16
    n_series = max(len(chart.series), 1)
    group_h = row_h * n_series + 8
    legend_h = 20
    height = legend_h + group_h * len(chart.labels) + 10
    top = chart.max_value or max((v for _, vals in chart.series for v in vals), default=0) or 1
    parts = [f'<svg width="{label_w + bar_w + 60}" '
             f'height="{height}" role="img" aria-label="{_e(chart.title)}">',
             f"<title>{_e(chart.title)}</title>"]
    x = label_w
    for i, (name, _) in enumerate(chart.series):
        colour = _COLOURS[i % len(_COLOURS)]
        parts.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="13" font-size="11">{_e(name)}</text>')
        x += 20 + 7 * len(name)
    wrapped = [_label_lines(label) for label in chart.labels]
    tops = []
    y = legend_h
    for lines in wrapped:
        tops.append(y)
        y += max(group_h, 13 * len(lines) + 8)
    height = y + 10
    parts[0] = (f'<svg width="{label_w + bar_w + 60}" height="{height}" '
                f'viewBox="0 0 {label_w + bar_w + 60} {height}" role="img" '
                f'aria-label="{_e(chart.title)}">')
    for gi, lines in enumerate(wrapped):
        y0 = tops[gi]
        spans = "".join(f'<tspan x="{label_w - 6}" dy="{0 if i == 0 else 13}">{_e(line)}</tspan>'
                        for i, line in enumerate(lines))
        parts.append(f'<text x="{label_w - 6}" y="{y0 + row_h - 3}" font-size="11" '
                     f'text-anchor="end">{spans}</text>')
        for si, (_, values) in enumerate(chart.series):
            value = values[gi] if gi < len(values) else 0
            width = max(0.0, bar_w * value / top)
            y = y0 + si * row_h
            colour = _COLOURS[si % len(_COLOURS)]
            parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{width:.1f}" '
                         f'height="{row_h - 4}" fill="{colour}"/>')
            shown = format_number(value, lang)
            parts.append(f'<text x="{label_w + width + 4:.1f}" y="{y + row_h - 4}" '
                         f'font-size="10">{_e(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _td(text: str) -> str:
    """A cell; one holding a string too long for any column may break inside it."""
    long = any(len(word) > LONG_WORD for word in text.split())
    return f'<td class="pre{" long" if long else ""}">{_e(text)}</td>'


def _chart_after(blocks: list[Block], table: Table) -> Chart | None:
    """The chart drawn from ``table``: the block right after it, when it is a chart."""
    i = next(n for n, b in enumerate(blocks) if b is table)
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return nxt if isinstance(nxt, Chart) else None


def _table_before(blocks: list[Block], chart: Chart) -> Table | None:
    i = next(n for n, b in enumerate(blocks) if b is chart)
    prev = blocks[i - 1] if i > 0 else None
    return prev if isinstance(prev, Table) else None


def render_view_html(view: ExportView) -> str:
    """Render an :class:`ExportView` as a complete HTML document."""
    size = PAGE_SIZES.get(view.paper_size, PAGE_SIZES["A4"])
    across = " ".join(reversed(size.split()))
    out = [
        "<!DOCTYPE html>", f'<html lang="{_e(view.lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(view.title)}</title>",
        f"<style>{_CSS % {'size': size, 'wide': across}}</style></head><body>",
        f"<h1>{_e(view.title)}</h1>",
    ]
    if view.subtitle:
        out.append(f'<p class="sub">{_e(view.subtitle)}</p>')
    for section in view.sections:
        wide = any(isinstance(b, Table) and len(b.headers) >= WIDE_COLUMNS
                   for b in section.blocks)
        cls = ' class="wide"' if wide else ""
        out.append(f'<section id="{_e(section.key)}"{cls}><h2>{_e(section.title)}</h2>')
        for block in section.blocks:
            if isinstance(block, SubHeading):
                out.append(f"<h3>{_e(block.text)}</h3>")
            elif isinstance(block, Para):
                out.append(f'<p class="pre">{_e(block.text)}</p>')
            elif isinstance(block, Flag):
                out.append(f'<p class="flag">{_e(block.text)}</p>')
            elif isinstance(block, Bullets):
                tag = "ol" if block.numbered else "ul"
                items = "".join(f'<li class="pre{" quote" if q else ""}">{_e(i)}</li>'
                                for i, q in block.with_quotes())
                out.append(f"<{tag}>{items}</{tag}>")
            elif isinstance(block, Table):
                head = "".join(f"<th>{_e(h)}</th>" for h in block.headers)
                body = "".join(
                    "<tr>" + "".join(_td(cell_text(v, view.lang)) for v in row) + "</tr>"
                    for row in block.rows
                )
                table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
                chart = _chart_after(section.blocks, block)
                if chart is None:
                    out.append(table)
                else:  # the chart beside (or right under) its table, never a page away
                    out.append(f'<div class="with-chart">{table}<figure>'
                               f"<figcaption>{_e(chart.title)}</figcaption>"
                               f"{svg_bar_chart(chart, view.lang)}</figure></div>")
            elif isinstance(block, Chart) and _table_before(section.blocks, block) is None:
                out.append(f"<figure><figcaption>{_e(block.title)}</figcaption>"
                           f"{svg_bar_chart(block, view.lang)}</figure>")
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_html(session: Session, *, lang: str = "id", with_names: bool = False) -> str:
    """The session summary as a self-contained HTML page."""
    from mpa_tui.export.summary import build_view

    return render_view_html(build_view(session, lang=lang, with_names=with_names))
