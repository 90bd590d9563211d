"""laporan.docx: the report for Word, A4 or F4 (215 x 330 mm) as the session's setting says.

python-docx is imported lazily (it is slow to import) and supplies the package, styles
and page setup; the body is built as one WordprocessingML string and parsed once, which
is several times faster than adding paragraphs and cells one object at a time.
Characters XML cannot hold are dropped instead of crashing the export.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from mpa_tui.domain.session import Session
from mpa_tui.export.model import Bullets, Chart, ExportView, Flag, Para, SubHeading, Table
from mpa_tui.export.safe import strip_xml_invalid
from mpa_tui.export.summary import build_view

PAGE_MM = {"A4": (210, 297), "F4": (215, 330)}
MARGIN_MM = 20
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TWIPS_PER_MM = 56.6929


def _runs(text: object, rpr: str = "") -> str:
    """Runs for one piece of text; line breaks become ``<w:br/>``."""
    lines = strip_xml_invalid(str(text)).split("\n")
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{rpr}{inner}</w:r>"


def _p(text: object, style: str | None = None, rpr: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{_runs(text, rpr)}</w:p>"


def _table(block: Table, usable_twips: int) -> str:
    n = max(len(block.headers), 1)
    col = usable_twips // n
    grid = "".join(f'<w:gridCol w:w="{col}"/>' for _ in range(n))

    def row(cells: list[Any], bold: bool) -> str:
        rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
        padded = list(cells[:n]) + [""] * (n - len(cells))
        tcs = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{col}" w:type="dxa"/></w:tcPr>'
                      f"<w:p>{_runs(c, rpr)}</w:p></w:tc>" for c in padded)
        head = "<w:trPr><w:tblHeader/></w:trPr>" if bold else ""
        return f"<w:tr>{head}{tcs}</w:tr>"

    rows = row(list(block.headers), True) + "".join(row(list(r), False) for r in block.rows)
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>'
            "<w:p/>")


def body_xml(view: ExportView, usable_twips: int) -> str:
    """The document body (without the section properties) as WordprocessingML."""
    out = [_p(view.title, "Title")]
    if view.subtitle:
        out.append(_p(view.subtitle))
    for section in view.sections:
        out.append(_p(section.title, "Heading1"))
        for block in section.blocks:
            if isinstance(block, SubHeading):
                out.append(_p(block.text, "Heading2"))
            elif isinstance(block, Para):
                out.append(_p(block.text))
            elif isinstance(block, Flag):
                out.append(_p(block.text, rpr='<w:rPr><w:b/><w:color w:val="B00000"/></w:rPr>'))
            elif isinstance(block, Bullets):
                style = "ListNumber" if block.numbered else "ListBullet"
                out.extend(_p(item, style) for item in block.items)
            elif isinstance(block, Table):
                out.append(_table(block, usable_twips))
            elif isinstance(block, Chart):
                continue  # Word gets the numbers as a table; the HTML and XLSX carry charts
    return "".join(out)


def render_view_docx(view: ExportView) -> bytes:
    """Render an :class:`ExportView` as a .docx file and return its bytes."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.shared import Mm, Pt

    doc: Any = Document()
    width, height = PAGE_MM.get(view.paper_size, PAGE_MM["A4"])
    for sec in doc.sections:
        sec.page_width, sec.page_height = Mm(width), Mm(height)
        sec.left_margin = sec.right_margin = Mm(MARGIN_MM)
        sec.top_margin = sec.bottom_margin = Mm(MARGIN_MM)
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = strip_xml_invalid(view.title)[:200]
    doc.core_properties.author = "mpa-tui"
    usable = int((width - 2 * MARGIN_MM) * _TWIPS_PER_MM)
    fragment = parse_xml(f'<w:body xmlns:w="{_W}">{body_xml(view, usable)}</w:body>')
    body = doc.element.body
    anchor = body.sectPr
    for child in list(fragment):
        if anchor is not None:
            anchor.addprevious(child)
        else:
            body.append(child)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def render_docx(session: Session, *, lang: str = "id", with_names: bool = False) -> bytes:
    """The session report as .docx bytes."""
    return render_view_docx(build_view(session, lang=lang, with_names=with_names))
