"""The session workbook as an officer prints it: whose it is, every section, page set-up."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import openpyxl
import pytest

from mpa_tui.data import load_example
from mpa_tui.domain.enums import PaperSize
from mpa_tui.export.summary import build_view, cards_table
from mpa_tui.export.xlsx import render_view_xlsx

SHEETS = {
    "id": ["Sesi", "Peserta", "Catatan", "Kartu", "Kategori", "Peringkat", "Urutan prioritas",
           "Potensi dan sumber", "Jejaring", "Rencana aksi", "Tahapan", "Evaluasi & terminasi",
           "Kompetensi"],
    "en": ["Session", "Participants", "Notes", "Cards", "Categories", "Ranking", "Priority order",
           "Resources", "Network", "Action plan", "Stages", "Evaluation & termination",
           "Competencies"],
}


def _book(lang: str = "id", paper: PaperSize = PaperSize.A4) -> Any:
    s = load_example()
    s.settings.paper_size = paper
    view = build_view(s, lang=lang, exported_at=datetime(2024, 2, 3, 4, 5, tzinfo=UTC))
    data = render_view_xlsx(view, cards_table(s, lang=lang))
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_sheet_for_each_section_after_the_identity_sheet(lang: str) -> None:
    wb = _book(lang)
    assert wb.sheetnames == SHEETS[lang]
    first = {str(r[0]): r[1] for r in wb.worksheets[0].iter_rows(values_only=True) if r[0]}
    if lang == "id":
        assert first["Kelompok"] == "Kelompok Perempuan Mentari"
        assert first["Desa"] == "Nagrak" and first["Tanggal"] == "8–9 Juni 2023"
        assert "3 Februari 2024" in first["Diekspor pada"]
        assert first["Data peserta"].startswith("nama peserta disamarkan")
    participants = [c for r in wb["Peserta" if lang == "id" else "Participants"].iter_rows(
        values_only=True) for c in r if c]
    assert any("P01" in str(c) for c in participants)


@pytest.mark.parametrize(("paper", "code"), [(PaperSize.A4, 9), (PaperSize.F4, 14)])
def test_every_sheet_prints_one_page_wide_with_header_and_footer(paper: PaperSize,
                                                                 code: int) -> None:
    wb = _book(paper=paper)
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == code, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth in (1, None) and ws.page_setup.fitToHeight == 0
        assert "Kelompok Perempuan Mentari" in ws.oddHeader.left.text
        assert ws.oddHeader.right.text == "Nagrak"
        assert ws.oddFooter.center.text == "Halaman &P dari &N"
    plan = wb["Rencana aksi"]
    assert plan.page_setup.orientation == "landscape"
    assert plan.print_title_rows == "$1:$1" and plan.freeze_panes == "A2"
    assert wb["Kartu"].print_title_rows == "$1:$1"
    assert wb["Peringkat"].page_setup.orientation == "portrait"


def test_numbers_are_numbers_with_display_formats_and_text_wraps() -> None:
    wb = _book()
    cap = wb["Kompetensi"]
    numbers = [c for r in cap.iter_rows() for c in r if isinstance(c.value, float)]
    assert numbers and all(c.number_format in ("#,##0.0#", "#,##0") for c in numbers)
    assert any(c.value == 2.3 and c.number_format == "#,##0.0#" for c in numbers)
    counts = wb["Kategori"]
    ints = [c for r in counts.iter_rows(min_row=2) for c in r[1:4] if c.value is not None
            and not isinstance(c.value, str)]
    assert ints and all(c.number_format == "#,##0" for c in ints)
    cards = wb["Kartu"]
    assert all(c.alignment.wrap_text for c in cards["B"][1:])
    assert len(counts._charts) == 1 and len(cap._charts) == 1
    widths = [cards.column_dimensions[c].width for c in "ABCDE"]
    assert sum(widths) <= 150
