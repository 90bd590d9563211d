"""The Word report as an officer opens it: widths, repeated headers, page numbers, charts."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import pytest
from export_fixtures import make_session

from mpa_tui.data import load_example
from mpa_tui.domain.enums import PaperSize
from mpa_tui.export.docx import TABLE_PT, render_docx, text_widths
from mpa_tui.export.docx_layout import CELL_PAD, WORD_CAP, longest_word_twips, plan_table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC)


def _doc(session: Any = None, **kw: Any) -> Any:
    from docx import Document

    data = render_docx(session or load_example(), exported_at=WHEN, **kw)
    return Document(io.BytesIO(data))


def _grid(table: Any) -> list[int]:
    return [int(c.get(f"{W}w")) for c in table._tbl.find(f"{W}tblGrid")]


@pytest.mark.parametrize("paper", [PaperSize.A4, PaperSize.F4])
def test_every_table_fills_the_text_width_and_no_word_is_broken(paper: PaperSize) -> None:
    session = load_example()
    session.settings.paper_size = paper
    doc = _doc(session)
    portrait, landscape = text_widths(paper.value)
    widths = set()
    for table in doc.tables:
        grid = _grid(table)
        widths.add(sum(grid))
        assert sum(grid) in (portrait, landscape)
        for row in table.rows:
            for cell, width in zip(row.cells, grid, strict=False):
                bold = any(r.bold for p in cell.paragraphs for r in p.runs)
                for word in cell.text.split():
                    if len(word) <= WORD_CAP:
                        need = longest_word_twips(word, TABLE_PT, bold=bold) + CELL_PAD
                        assert need <= width, (word, need, width)
    assert landscape in widths  # the 10-column action plan goes on a landscape page
    orientations = {s.orientation for s in doc.sections}
    assert len(orientations) == 2
    assert doc.sections[-1].page_width < doc.sections[-1].page_height  # back to portrait


def test_header_rows_repeat_and_rows_never_split() -> None:
    doc = _doc()
    tables = doc.tables
    assert len(tables) >= 8
    for table in tables:
        rows = table._tbl.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    action = next(t for t in tables if len(_grid(t)) == 10)
    first = action._tbl.findall(f"{W}tr")[0]
    assert first.find(f"{W}trPr/{W}tblHeader") is not None
    assert action.rows[0].cells[0].text == "Prioritas"


def test_page_numbers_header_and_core_properties() -> None:
    doc = _doc()
    footer = doc.sections[0].footer._element.xml
    assert 'w:instr=" PAGE ' in footer and 'w:instr=" NUMPAGES ' in footer
    assert "Halaman " in footer and " dari " in footer
    header = doc.sections[0].header.paragraphs[0].text
    assert "Kelompok Perempuan Mentari" in header and "Nagrak" in header
    props = doc.core_properties
    assert props.title.startswith("Laporan kegiatan") and "Nagrak" in props.title
    assert "Mentari" in props.subject
    assert props.author == "Tim Pengabdian Poltekesos Bandung"
    assert props.created == props.modified == WHEN
    assert "python-docx" not in (props.comments or "") + (props.last_modified_by or "")
    assert props.language == "id-ID"


@pytest.mark.parametrize(("lang", "tag"), [("id", "id-ID"), ("en", "en-GB")])
def test_the_document_language_is_set_on_the_styles(lang: str, tag: str) -> None:
    doc = _doc(lang=lang)
    styles = doc.styles.element
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == tag
    normal = doc.styles["Normal"].element.find(f"{W}rPr/{W}lang")
    assert normal.get(f"{W}val") == tag
    if lang == "en":
        assert doc.sections[0].footer.paragraphs[0].text.startswith("Page ")


def test_the_report_has_its_chapters_and_both_charts() -> None:
    doc = _doc()
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == [
        "Identitas kegiatan", "1. Pendahuluan", "2. Pelaksanaan", "3. Hasil",
        "4. Potensi dan sistem sumber", "5. Jejaring", "6. Rencana tindak lanjut",
        "7. Evaluasi dan terminasi", "8. Perubahan kapasitas", "Lampiran: semua kartu"]
    images = [r for r in doc.part.rels.values() if r.reltype.endswith("/image")]
    assert len(images) == 2
    assert all(r.target_part.blob[:8] == b"\x89PNG\r\n\x1a\n" for r in images)
    assert len(doc.inline_shapes) == 2
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Jumlah per kategori" in text and "Perubahan kapasitas (1-5)" in text
    identity = "\n".join(c.text for r in doc.tables[0].rows for c in r.cells)
    assert "8–9 Juni 2023" in identity and "3 Februari 2024" in identity
    assert "nama peserta disamarkan" in identity
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert "2,3" in cells  # capacity averages in the Indonesian form


def test_a_table_too_wide_for_landscape_becomes_records() -> None:
    headers = [f"Kolom{i}" for i in range(30)]
    rows = [[f"Isianpanjang{i}" for i in range(30)]]
    layout = plan_table(headers, rows, size_pt=TABLE_PT, portrait=9600, landscape=14500)
    assert layout.records and sum(layout.widths) == 9600
    narrow = plan_table(["No", "Kartu"], [[1, "Modal usaha kurang"]], size_pt=TABLE_PT,
                        portrait=9600, landscape=14500)
    assert not narrow.records and not narrow.landscape and sum(narrow.widths) == 9600
    assert narrow.widths[0] < narrow.widths[1]


def test_hostile_content_still_renders() -> None:
    s = make_session(hostile=True)
    doc = _doc(s)
    assert len(doc.tables) >= 5
    portrait, landscape = text_widths("A4")
    assert all(sum(_grid(t)) in (portrait, landscape) for t in doc.tables)


def test_a_chart_of_forty_categories_fits_on_a_page() -> None:
    from mpa_tui.domain import ops

    s = load_example()
    for i in range(40):
        cat = ops.new_category(s, f"Kategori nomor {i} dengan judul yang cukup panjang sekali")
        ops.move_cards(s, [ops.add_card(s, f"kartu {i}").id], cat.id)
    doc = _doc(s)
    _, text_height = text_widths("A4")
    shapes = list(doc.inline_shapes)
    assert len(shapes) == 2
    assert all(shape.height.twips <= text_height * 0.85 for shape in shapes)


def test_a_notice_comes_first_in_the_report_and_the_workbook() -> None:
    import openpyxl
    from docx import Document

    from mpa_tui.export.docx import render_view_docx
    from mpa_tui.export.summary import EXAMPLE_MARK, build_view, cards_table
    from mpa_tui.export.xlsx import render_view_xlsx

    s = load_example()  # an example: its exports say so before anything else
    view = build_view(s, exported_at=WHEN)
    doc = Document(io.BytesIO(render_view_docx(view, cards_table(s))))
    texts = [p.text for p in doc.paragraphs]
    [mark] = [i for i, x in enumerate(texts) if x.startswith(EXAMPLE_MARK + ":")]
    assert mark < texts.index("Identitas kegiatan")
    wb = openpyxl.load_workbook(io.BytesIO(render_view_xlsx(view, cards_table(s))))
    first = [str(r[0]) for r in wb.worksheets[0].iter_rows(values_only=True)]
    assert any(x.startswith(EXAMPLE_MARK + ":") for x in first[:4])


def test_a_section_break_leaves_no_paragraph_to_spill_onto_a_blank_page() -> None:
    """A landscape section starts on its own page; the break before it must not add an
    empty spacer line that, on a full page, spills over and leaves a blank page."""
    from docx import Document

    from mpa_tui.export.docx import render_view_docx
    from mpa_tui.export.summary import build_view, cards_table

    s = load_example()
    doc = Document(io.BytesIO(render_view_docx(build_view(s, exported_at=WHEN),
                                               cards_table(s))))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = list(doc.element.body)
    breaks = [i for i, el in enumerate(body)
              if el.tag == f"{w}p" and el.find(f"{w}pPr/{w}sectPr") is not None]
    assert breaks  # the action plan is on landscape pages
    for i in breaks:
        before = body[i - 1]
        assert not (before.tag == f"{w}p" and not "".join(before.itertext()).strip()), \
            "an empty paragraph right before a section break"
        spacing = body[i].find(f"{w}pPr/{w}spacing")
        assert spacing is not None and spacing.get(f"{w}lineRule") == "exact"
