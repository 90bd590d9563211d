"""…_laporan.docx: the "Laporan kegiatan" for Word, on A4 or F4 (215 x 330 mm) as the session says.

The report follows the structure such reports have: an identity block, Pendahuluan,
Pelaksanaan, Hasil, Potensi dan sistem sumber, Jejaring, Rencana tindak lanjut,
Evaluasi dan terminasi, Perubahan kapasitas and a Lampiran with every card. Tables get
column widths from their content (``docx_layout``); a table too wide for a portrait page
goes into a landscape section or is laid out as records. Charts are PNG images drawn
offline (``charts``). python-docx is imported lazily (it is slow to import) and supplies
the package, styles and page setup; the body is built as WordprocessingML text and
parsed once. Characters XML cannot hold are dropped instead of crashing the export.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from mpa_tui.domain.session import Session
from mpa_tui.export.docx_body import Body, p_xml, section_blocks, table_xml
from mpa_tui.export.docx_layout import TWIPS_PER_MM, plan_table
from mpa_tui.export.model import Chart, ExportView, Table
from mpa_tui.export.safe import strip_xml_invalid
from mpa_tui.export.summary import build_view, cards_table
from mpa_tui.i18n import t

PAGE_MM = {"A4": (210, 297), "F4": (215, 330)}
MARGIN_MM = 20
FONT = "Arial"
BODY_PT = 11
TABLE_PT = 9
LANG_TAGS = {"id": "id-ID", "en": "en-GB"}
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_EMU_PER_TWIP = 635

CHAPTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("conduct", ("stages", "participants", "notes")),
    ("results", ("board", "counts", "ranking", "priority")),
    ("resources", ("resources",)),
    ("network", ("network",)),
    ("plan", ("action_plan",)),
    ("evaluation", ("evaluation", "termination")),
    ("capacity", ("capacity",)),
)
"""Report chapters after the introduction, and which view sections each one holds."""


def text_widths(paper: str) -> tuple[int, int]:
    """The text width of a portrait and of a landscape page, in twips."""
    width, height = PAGE_MM.get(paper, PAGE_MM["A4"])
    return (int((width - 2 * MARGIN_MM) * TWIPS_PER_MM),
            int((height - 2 * MARGIN_MM) * TWIPS_PER_MM))


def _identity(view: ExportView, body: Body, portrait: int) -> None:
    details = view.table("details")
    if details is None:
        return
    rows = [r for r in details.rows if str(r[1]).strip()]
    layout = plan_table(["", ""], rows, size_pt=TABLE_PT, portrait=portrait, landscape=None)
    body.add(p_xml(t("export.doc.identity", view.lang), "Heading1"))
    body.add(table_xml([], rows, layout.widths, view.lang, TABLE_PT, label_column=True))


def build_body(view: ExportView, cards: Table, paper: str,
               charts: dict[str, tuple[str, int, int]]) -> Body:
    """The report's body as chunks of WordprocessingML, each portrait or landscape.

    Args:
        view: The session's export view.
        cards: Every card (the appendix).
        paper: "A4" or "F4".
        charts: For each chart key, an ``<w:drawing>`` element's XML and its size (twips).
    """
    portrait, landscape = text_widths(paper)
    lang = view.lang
    body = Body(portrait=portrait, landscape=landscape, size_pt=TABLE_PT, lang=lang,
                charts=charts)
    body.add(p_xml(t("export.doc.title", lang), "Title"))
    body.add(p_xml(t("export.doc.subtitle", lang, group=view.group), "Subtitle"))
    by_key = {s.key: s for s in view.sections}
    if "notice" in by_key:  # example data or personal data: said before anything else
        section_blocks(body, by_key["notice"].blocks)
    _identity(view, body, portrait)
    body.add(p_xml(f"1. {t('export.doc.ch.intro', lang)}", "Heading1"))
    body.add(p_xml(t("export.doc.intro.purpose", lang, group=view.group)))
    body.add(p_xml(t("export.doc.intro.method", lang)))
    for number, (chapter, keys) in enumerate(CHAPTERS, start=2):
        body.heading(p_xml(f"{number}. {t(f'export.doc.ch.{chapter}', lang)}", "Heading1"))
        sections = [by_key[k] for k in keys if k in by_key]
        for section in sections:
            if len(sections) > 1:
                body.heading(p_xml(section.title, "Heading2"))
            section_blocks(body, section.blocks)
    mapped = {"details", "notice"} | {k for _, keys in CHAPTERS for k in keys}
    for section in (s for s in view.sections if s.key not in mapped):
        body.heading(p_xml(section.title, "Heading1"))
        section_blocks(body, section.blocks)
    body.heading(p_xml(t("export.doc.ch.appendix", lang), "Heading1"))
    if cards.rows:
        body.table(cards)
    else:
        body.add(p_xml(t("export.doc.no_cards", lang)))
    return body


def _chart_drawings(doc: Any, view: ExportView, width_twips: int, height_twips: int
                    ) -> dict[str, tuple[str, int, int]]:
    """Each chart drawn as a PNG, added to the package, as ``<w:drawing>`` XML."""
    from docx.oxml.shape import CT_Inline
    from docx.shared import Emu
    from lxml import etree

    from mpa_tui.export.charts import bar_chart_png

    out: dict[str, tuple[str, int, int]] = {}
    for section in view.sections:
        for block in section.blocks:
            if not isinstance(block, Chart) or not block.labels:
                continue
            png, w_px, h_px = bar_chart_png(block, view.lang)
            rid, _image = doc.part.get_or_add_image(io.BytesIO(png))
            # The text's width, or less when that would make it taller than most of a page
            # (forty categories): an image taller than the page is cut off.
            width = min(width_twips, int(height_twips * 0.8 * w_px / h_px))
            cx = width * _EMU_PER_TWIP
            cy = int(cx * h_px / w_px)
            inline = CT_Inline.new_pic_inline(len(out) + 1, rid, f"{block.key}.png",
                                              Emu(cx), Emu(cy))
            xml = etree.tostring(inline).decode("utf-8")
            out[block.key] = (f"<w:drawing>{xml}</w:drawing>", width_twips,
                              cy // _EMU_PER_TWIP)
    return out


def _set_fonts_and_language(doc: Any, lang: str) -> None:
    """Arial everywhere and the export language on the defaults and every style.

    Word and LibreOffice spell-check by the text's language: without it Indonesian text
    is marked as misspelled English.
    """
    from docx.oxml import parse_xml
    from docx.shared import Pt

    tag = LANG_TAGS.get(lang, "id-ID")
    lang_xml = f'<w:lang xmlns:w="{_W}" w:val="{tag}" w:eastAsia="{tag}" w:bidi="ar-SA"/>'
    styles = doc.styles.element
    defaults = styles.find(f"{{{_W}}}docDefaults/{{{_W}}}rPrDefault/{{{_W}}}rPr")
    targets = [defaults] if defaults is not None else []
    for style in doc.styles:
        if style.type is not None and hasattr(style, "font"):
            targets.append(style.element.get_or_add_rPr())
    for rpr in targets:
        for old in rpr.findall(f"{{{_W}}}lang"):
            rpr.remove(old)
        rpr.append(parse_xml(lang_xml))
        fonts = rpr.find(f"{{{_W}}}rFonts")
        if fonts is not None:
            for attr in list(fonts.attrib):
                if attr.endswith("Theme"):
                    del fonts.attrib[attr]
            for attr in ("ascii", "hAnsi", "cs"):
                fonts.set(f"{{{_W}}}{attr}", FONT)
    doc.styles["Normal"].font.name = FONT
    doc.styles["Normal"].font.size = Pt(BODY_PT)
    settings = doc.settings.element
    for old in settings.findall(f"{{{_W}}}themeFontLang"):
        old.set(f"{{{_W}}}val", tag)


def _header_footer(doc: Any, view: ExportView) -> None:
    """Group and village in the header; "Halaman X dari Y" (PAGE, NUMPAGES) in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    section = doc.sections[0]
    head = section.header.paragraphs[0]
    text = strip_xml_invalid(" · ".join(x for x in (
        t("export.doc.title", view.lang), view.group, view.village) if x))
    head.text = text if len(text) <= 90 else text[:89] + "…"  # one line, even for odd names
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    template = t("export.doc.page", view.lang, page="\x00PAGE\x00", pages="\x00NUMPAGES\x00")
    for part in template.split("\x00"):
        if part in ("PAGE", "NUMPAGES"):
            foot._p.append(parse_xml(
                f'<w:fldSimple xmlns:w="{_W}" w:instr=" {part} \\* MERGEFORMAT ">'
                f'<w:r><w:t>1</w:t></w:r></w:fldSimple>'))
        elif part:
            foot._p.append(parse_xml(
                f'<w:r xmlns:w="{_W}"><w:t xml:space="preserve">{escape(part)}</w:t></w:r>'))


def _core_properties(doc: Any, view: ExportView, when: datetime) -> None:
    props = doc.core_properties
    lang = view.lang
    props.title = strip_xml_invalid(
        f"{t('export.doc.title', lang)}: {view.group}, {view.village}".strip(", "))[:250]
    props.subject = strip_xml_invalid(
        t("export.doc.subject", lang, group=view.group, village=view.village))[:250]
    author = strip_xml_invalid(", ".join(view.facilitators))[:250] or t("export.doc.app", lang)
    props.author = author
    props.last_modified_by = author
    # Word stores UTC ("Z"); python-docx expects a naive UTC time.
    stamp = when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.comments = ""
    props.keywords = "MPA"
    props.category = t("export.doc.title", lang)
    props.language = LANG_TAGS.get(lang, "id-ID")


_TRAILING_SPACER = re.compile(
    r'<w:p><w:pPr><w:spacing w:before="0" w:after="\d+"/></w:pPr></w:p>\s*$')
"""The empty spacer paragraph a table ends with (see docx_body), when it ends a chunk."""
_BREAK_PPR = ('<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
              '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>')
"""A section break paragraph one point high."""


def render_view_docx(view: ExportView, cards: Table | None = None) -> bytes:
    """Render an :class:`ExportView` (and the cards for the appendix) as .docx bytes."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import parse_xml
    from docx.shared import Mm

    doc: Any = Document()
    paper = view.paper_size if view.paper_size in PAGE_MM else "A4"
    width, height = PAGE_MM[paper]
    for sec in doc.sections:
        sec.orientation = WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = Mm(width), Mm(height)
        sec.left_margin = sec.right_margin = Mm(MARGIN_MM)
        sec.top_margin = sec.bottom_margin = Mm(MARGIN_MM)
        sec.header_distance = sec.footer_distance = Mm(10)
    _set_fonts_and_language(doc, view.lang)
    _header_footer(doc, view)
    when = view.exported_at or datetime.now().astimezone()
    _core_properties(doc, view, when)
    portrait, _ = text_widths(paper)
    charts = _chart_drawings(doc, view, portrait, text_widths(paper)[1])
    body = build_body(view, cards if cards is not None else Table("cards", [], []), paper,
                      charts)
    # The body is spliced in as text and the document parsed once: moving a parsed
    # 3,000-row table into python-docx's tree node by node took ~20 s (lxml's namespace
    # fix-up), the text splice takes a fraction of a second.
    from lxml import etree

    final = doc.element.body.sectPr
    chunks = body.chunks()
    parts: list[str] = []
    for i, (landscape, xml) in enumerate(chunks):
        if i < len(chunks) - 1:
            # The section break's own paragraph takes the place of the spacer after the
            # last table and is one point high: on a full page the spacer and a normal
            # break paragraph spilled over and left a blank page before the next section.
            parts.append(_TRAILING_SPACER.sub("", xml))
            copy = parse_xml(final.xml)
            _orient(copy, landscape)
            parts.append(f'<w:p xmlns:w="{_W}"><w:pPr>{_BREAK_PPR}'
                         f'{etree.tostring(copy, encoding="unicode")}</w:pPr></w:p>')
        else:
            parts.append(xml)
        if i == len(chunks) - 1:
            _orient(final, landscape)
    doc_xml = etree.tostring(doc.element, encoding="unicode")
    at = doc_xml.rfind("<w:sectPr")
    doc.part._element = parse_xml(doc_xml[:at] + "".join(parts) + doc_xml[at:])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _orient(sect_pr: Any, landscape: bool) -> None:
    """Turn a section's page to landscape (or back), keeping its size and margins."""
    size = sect_pr.find(f"{{{_W}}}pgSz")
    w, h = int(size.get(f"{{{_W}}}w")), int(size.get(f"{{{_W}}}h"))
    short, long_ = sorted((w, h))
    size.set(f"{{{_W}}}w", str(long_ if landscape else short))
    size.set(f"{{{_W}}}h", str(short if landscape else long_))
    if landscape:
        size.set(f"{{{_W}}}orient", "landscape")
    elif f"{{{_W}}}orient" in size.attrib:
        del size.attrib[f"{{{_W}}}orient"]


def render_docx(session: Session, *, lang: str = "id", with_names: bool = False,
                exported_at: datetime | None = None) -> bytes:
    """The session's "Laporan kegiatan" as .docx bytes."""
    view = build_view(session, lang=lang, with_names=with_names, exported_at=exported_at)
    return render_view_docx(view, cards_table(session, lang=lang, with_names=with_names))
