"""Each export format: content in the right language, privacy, and safe output."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
import pytest
from export_fixtures import HOSTILE, make_session

from mpa_tui.domain.enums import PaperSize
from mpa_tui.domain.privacy import participant_codes
from mpa_tui.domain.session import Session
from mpa_tui.export.csv import render_cards_csv, render_ranking_csv
from mpa_tui.export.docx import render_docx, render_view_docx
from mpa_tui.export.html import render_html
from mpa_tui.export.markdown import render_markdown
from mpa_tui.export.model import ExportView, Para, Section
from mpa_tui.export.safe import md_escape, neutralise_cell, strip_xml_invalid
from mpa_tui.export.summary import build_view
from mpa_tui.export.xlsx import render_xlsx

HEADINGS = {
    "id": ["Koordinasi", "Asesmen", "Potensi dan sumber", "Jejaring", "Rencana aksi",
           "Evaluasi", "Terminasi", "Kompetensi"],
    "en": ["Coordination", "Assessment", "Resources", "Network", "Action plan", "Evaluation",
           "Termination", "Competencies"],
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_markdown_carries_every_section_in_the_export_language(session: Session, lang: str
                                                               ) -> None:
    text = render_markdown(session, lang=lang)
    for heading in HEADINGS[lang]:
        assert heading in text, heading
    other = "en" if lang == "id" else "id"
    assert "Terminasi" not in text if lang == "en" else "Termination" not in text
    assert HEADINGS[other][0] not in text


def test_names_become_codes_unless_asked(session: Session) -> None:
    for text in (render_markdown(session), render_html(session)):
        assert "Siti Aminah" not in text and "Dewi" not in text
        assert "P01" in text and "P02" in text
    # the person responsible and the resource contact named Siti are replaced by her code
    siti = next(p for p in session.participants if p.name == "Siti Aminah")
    assert f"| {participant_codes(session)[siti.id]} |" in render_markdown(session)
    named = render_markdown(session, with_names=True)
    assert "Siti Aminah" in named and "Dewi" in named


def test_authorship_only_with_names(session: Session) -> None:
    plain = render_markdown(session)
    named = render_markdown(session, with_names=True)
    assert "Modal usaha kurang —" not in plain
    assert "Modal usaha kurang — Siti Aminah" in named


def test_ranking_counts_and_flags(session: Session) -> None:
    text = render_markdown(session, lang="en")
    assert "| 1 | Modal | 2 |" in text  # two cards in Modal, rank 1
    assert "The top priority \"Modal\" has no action yet." in text
    assert "not confirmed" in text


def test_tie_notes_are_shown() -> None:
    s = make_session()
    from mpa_tui.domain import ops

    modal, izin, _ = s.active_categories()  # Modal 2 cards, Perizinan 2: tied at rank 1
    text = render_markdown(s, lang="en")
    assert "| 1 | Modal | 2 | tied (not settled) |" in text
    assert "| 1 | Perizinan | 2 | tied (not settled) |" in text
    assert "Some tied ranks have not been settled" in text
    ops.break_tie(s, [izin.id, modal.id], "Lebih mendesak")
    text = render_markdown(s, lang="en")
    assert "| 1 | Perizinan | 2 | tied, order chosen by the group: Lebih mendesak |" in text
    assert "| 2 | Modal | 2 |" in text


def test_html_escapes_all_user_text(hostile_session: Session) -> None:
    page = render_html(hostile_session)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>" not in page.replace("<body>", "")
    assert "<i>" not in page
    assert "[red]x[/]" in page  # shown literally
    assert "<script" not in page.lower()
    assert not re.search(r"(src|href)=", page)  # no external asset
    assert "<svg" in page and page.count("<svg") == 2  # counts and capacity charts
    assert "size: 210mm 297mm" in page


def test_html_charts_are_well_formed_svg(hostile_session: Session) -> None:
    import xml.etree.ElementTree as ET

    page = render_html(hostile_session)
    charts = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(charts) == 2
    for svg in charts:
        root = ET.fromstring(svg)
        assert root.tag == "svg" and root.find("title") is not None
        assert len(root.findall("rect")) >= 2


def test_html_page_size_follows_setting() -> None:
    page = render_html(make_session(paper=PaperSize.F4))
    assert "size: 215mm 330mm" in page


def test_markdown_escapes_markup(hostile_session: Session) -> None:
    text = render_markdown(hostile_session)
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\\[red\\]" in text
    assert md_escape("a|b") == "a\\|b"


def test_docx_page_size_and_content() -> None:
    from docx import Document

    for paper, (w, h) in ((PaperSize.A4, (210, 297)), (PaperSize.F4, (215, 330))):
        doc = Document(io.BytesIO(render_docx(make_session(paper=paper))))
        sec = doc.sections[0]
        assert round(sec.page_width.mm) == w and round(sec.page_height.mm) == h
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Koordinasi" in text and "Perubahan kapasitas" in text
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "Modal usaha kurang" in text
    assert any(re.fullmatch(r"P\d\d", c) for c in cells) and "Siti Aminah" not in cells


def test_docx_drops_characters_xml_cannot_hold() -> None:
    s = make_session()
    s.cards[0].text = "Modal\ufffe kurang\uffff"  # allowed by the domain, invalid in XML
    view = build_view(s)
    view.sections.append(Section("x", "Bad \x00\x0b chars", [Para("nul\x00 here\x1f")]))
    data = render_view_docx(view)
    from docx import Document

    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Modal kurang" in text and "nul here" in text and "Bad  chars" in text
    assert strip_xml_invalid("a\x00b\tc\nd\ud800") == "ab\tc\nd"


def test_xlsx_sheets_chart_and_no_formulas(hostile_session: Session) -> None:
    data = render_xlsx(hostile_session)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames[:6] == ["Sesi", "Peserta", "Catatan", "Kartu", "Kategori", "Peringkat"]
    values = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    values.append(cell.value)
                    assert cell.data_type == "s", cell.value
                    if cell.value[:1] in ("=", "+", "-", "@"):
                        assert cell.quotePrefix, cell.value
    assert HOSTILE in values and "+SUM(A1:A9)" in values and "=Modal <i>" in values
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert any(n.startswith("xl/charts/chart") for n in names)
        sheets = "".join(z.read(n).decode() for n in names if n.startswith("xl/worksheets/"))
        assert "<f>" not in sheets  # no formula anywhere


def test_csv_bom_separator_and_injection(hostile_session: Session) -> None:
    raw = render_cards_csv(hostile_session)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["No", "Kartu", "Jenis", "Warna", "Kategori"]
    texts = [r[1] for r in rows[1:]]
    assert "'" + HOSTILE in texts and "'+SUM(A1:A9)" in texts and "'-2+3" in texts
    assert "'@import" in texts and "baris\nkedua" in texts
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    ranking = list(csv.reader(io.StringIO(render_ranking_csv(hostile_session)
                                          .decode("utf-8-sig")), delimiter=";"))
    assert ranking[1][:3] == ["1", "'=Modal <i>", "8"]


def test_cards_csv_has_author_only_with_names(session: Session) -> None:
    plain = render_cards_csv(session).decode("utf-8-sig")
    named = render_cards_csv(session, with_names=True).decode("utf-8-sig")
    assert "Siti" not in plain and "Penulis" not in plain
    assert "Siti Aminah" in named


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(1)", "\t=1", "\r=1"])
def test_neutralise_cell(text: str) -> None:
    assert neutralise_cell(text) == "'" + text
    assert neutralise_cell("aman") == "aman"


def test_view_tables_are_plain_data(session: Session) -> None:
    view = build_view(session, lang="en")
    assert isinstance(view, ExportView)
    assert view.table("ranking") is not None and view.chart("capacity") is not None
    cap = view.table("capacity")
    assert cap is not None and cap.rows[0][1:] == [2.0, 4.0, 2.0]


def test_every_enum_label_is_translated() -> None:
    from mpa_tui.domain import enums
    from mpa_tui.i18n import catalogs

    prefixes = {
        enums.Role: "role", enums.CardKind: "kind", enums.CardColour: "colour",
        enums.ResourceScope: "scope", enums.ResourceType: "rtype", enums.ActionStatus: "status",
        enums.StageKind: "stage", enums.ContactChannel: "channel", enums.ChecklistKey: "check",
        enums.Competency: "competency", enums.CountingMode: "mode",
    }
    for lang in ("id", "en"):
        cat = catalogs()[lang]
        for enum, prefix in prefixes.items():
            for member in enum:
                assert f"export.{prefix}.{member.value}" in cat, (lang, prefix, member)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_example_session_renders_every_section(lang: str) -> None:
    from mpa_tui.data import load_example

    s = load_example()
    text = render_markdown(s, lang=lang)
    for heading in HEADINGS[lang]:
        assert f"## {heading}" in text or f"### {heading}" in text, heading
    page = render_html(s, lang=lang)
    assert page.count("<svg") == 2
