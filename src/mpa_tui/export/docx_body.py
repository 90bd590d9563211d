"""The Word report's body as WordprocessingML text: paragraphs, tables, charts, sections.

Tables have fixed column widths from ``docx_layout``, a header row that repeats on
every page and rows that never split across pages. A table too wide for a portrait
page starts a landscape section; one too wide for that becomes records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from mpa_tui.export.docx_layout import plan_table
from mpa_tui.export.model import (
    Block,
    Bullets,
    Chart,
    Flag,
    Para,
    SubHeading,
    Table,
    cell_text,
)
from mpa_tui.export.safe import strip_xml_invalid


def runs_xml(text: object, rpr: str = "") -> str:
    """Runs for one piece of text; line breaks become ``<w:br/>``."""
    lines = strip_xml_invalid(str(text)).split("\n")
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{rpr}{inner}</w:r>"


def p_xml(text: object, style: str | None = None, rpr: str = "", *, keep_next: bool = False,
          extra_ppr: str = "") -> str:
    """One paragraph, optionally styled and kept on the page of the next one."""
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        "<w:keepNext/>" if keep_next else "") + extra_ppr
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs_xml(text, rpr)}</w:p>"


def _size_rpr(size_pt: float, bold: bool = False) -> str:
    half = int(size_pt * 2)
    bold_xml = "<w:b/>" if bold else ""
    return f'<w:rPr>{bold_xml}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'


def table_xml(headers: Sequence[str], rows: Sequence[Sequence[object]], widths: list[int],
              lang: str, size_pt: float, *, label_column: bool = False,
              keep_with_next: bool = False) -> str:
    """A fixed-layout table: header row repeated, rows kept whole, numbers right-aligned.

    Args:
        headers: Header cells (none: no header row).
        rows: Body rows.
        widths: Column widths in twips.
        lang: Language of the numbers' form.
        size_pt: Font size.
        label_column: Shade and bold the first column (field/value tables).
        keep_with_next: Keep the whole table on the page of what follows (its chart).
    """
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    n = len(widths)
    keep = "<w:keepNext/>" if keep_with_next else ""
    cell_ppr = f'<w:pPr>{keep}<w:spacing w:before="0" w:after="0"/>{{jc}}</w:pPr>'

    def cell(value: object, width: int, *, bold: bool, shade: bool) -> str:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        jc = '<w:jc w:val="right"/>' if number else ""
        fill = '<w:shd w:val="clear" w:color="auto" w:fill="E7E7E7"/>' if shade else ""
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{fill}</w:tcPr>'
                f'<w:p>{cell_ppr.format(jc=jc)}'
                f"{runs_xml(cell_text(value, lang), _size_rpr(size_pt, bold))}</w:p></w:tc>")

    def row(cells: Sequence[object], *, head: bool) -> str:
        padded = list(cells[:n]) + [""] * (n - len(cells))
        trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if head else "") + "</w:trPr>"
        tcs = "".join(
            cell(v, widths[i], bold=head or (label_column and i == 0),
                 shade=head or (label_column and i == 0))
            for i, v in enumerate(padded))
        return f"<w:tr>{trpr}{tcs}</w:tr>"

    body = (row(list(headers), head=True) if headers else "") + "".join(
        row(list(r), head=False) for r in rows)
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
            f'<w:p><w:pPr>{keep}<w:spacing w:before="0" w:after="120"/></w:pPr></w:p>')


@dataclass
class Body:
    """The body being built: chunks of XML, each on portrait or landscape pages."""

    portrait: int
    landscape: int
    size_pt: float
    lang: str
    charts: dict[str, tuple[str, int, int]]
    _chunks: list[tuple[bool, list[str]]] = field(default_factory=list)
    _headings: list[str] = field(default_factory=list)

    def heading(self, xml: str) -> None:
        """A heading: it goes on the page (portrait or landscape) of what follows it."""
        self._headings.append(xml)

    def add(self, xml: str, *, landscape: bool = False) -> None:
        """Append XML to the current chunk, starting a new one when the orientation changes."""
        if not self._chunks or self._chunks[-1][0] != landscape:
            self._chunks.append((landscape, []))
        self._chunks[-1][1].extend(self._headings)
        self._headings.clear()
        self._chunks[-1][1].append(xml)

    def chunks(self) -> list[tuple[bool, str]]:
        """``(landscape, xml)`` for each run of pages in one orientation."""
        if self._headings:
            self.add("", landscape=self._chunks[-1][0] if self._chunks else False)
        return [(land, "".join(parts)) for land, parts in self._chunks] or [(False, "")]

    def table(self, table: Table, *, keep_with_next: bool = False) -> None:
        """A table laid out from its content: portrait, landscape or as records."""
        layout = plan_table(table.headers, table.rows, size_pt=self.size_pt,
                            portrait=self.portrait, landscape=self.landscape)
        if not layout.records:
            self.add(table_xml(table.headers, table.rows, layout.widths, self.lang,
                               self.size_pt, keep_with_next=keep_with_next),
                     landscape=layout.landscape)
            return
        for row in table.rows:
            first = cell_text(row[0], self.lang) if row else ""
            self.add(p_xml(f"{table.headers[0]}: {first}", rpr="<w:rPr><w:b/></w:rPr>",
                           keep_next=True))
            fields = [[h, row[i] if i < len(row) else ""]
                      for i, h in enumerate(table.headers) if i > 0]
            self.add(table_xml([], fields, layout.widths, self.lang, self.size_pt,
                               label_column=True))

    def chart(self, chart: Chart) -> None:
        """The chart's title kept with its image."""
        drawing = self.charts.get(chart.key)
        if drawing is None:
            return
        self.add(p_xml(chart.title, rpr="<w:rPr><w:b/></w:rPr>", keep_next=True))
        self.add(f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{drawing[0]}</w:r></w:p>')


def section_blocks(body: Body, blocks: Sequence[Block]) -> None:
    """Append a view section's blocks to the body."""
    for i, block in enumerate(blocks):
        if isinstance(block, SubHeading):
            body.heading(p_xml(block.text, "Heading3"))
        elif isinstance(block, Para):
            body.add(p_xml(block.text))
        elif isinstance(block, Flag):
            body.add(p_xml(block.text, rpr='<w:rPr><w:b/><w:color w:val="B00000"/></w:rPr>'))
        elif isinstance(block, Bullets):
            style = "ListNumber" if block.numbered else "ListBullet"
            for item, quote in block.with_quotes():
                body.add(p_xml(item, style, "<w:rPr><w:i/></w:rPr>" if quote else ""))
        elif isinstance(block, Table):
            # A short table stays on the page of the chart drawn from it.
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            body.table(block, keep_with_next=isinstance(nxt, Chart) and len(block.rows) <= 15)
        elif isinstance(block, Chart):
            body.chart(block)
