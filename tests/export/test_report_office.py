"""The district report as an officer reads it: totals first, then the tables."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl

from mpa_tui.domain import ops
from mpa_tui.domain.cycle import ActionItem
from mpa_tui.domain.enums import ActionStatus, Sex
from mpa_tui.domain.session import Location, Session
from mpa_tui.export.report import build_report, render_report_files
from mpa_tui.export.report_run import ReportFilters, run_report
from mpa_tui.export.writer import verify_sums
from mpa_tui.export.xlsx import NUMBER_DEC, NUMBER_INT
from mpa_tui.store import Store


def _session(group: str, village: str, day: int, women: int, men: int,
             statuses: tuple[ActionStatus, ...] = ()) -> Session:
    s = Session(group_name=group, location=Location(village=village),
                start_date=date(2023, 6, day))
    for i in range(women + men):
        p = ops.add_participant(s, f"Warga {day}-{i}")
        p.sex = Sex.FEMALE if i < women else Sex.MALE
    cat = ops.new_category(s, "Modal usaha")
    ops.move_cards(s, [ops.add_card(s, "kurang modal").id], cat.id)
    s.action_items.extend(ActionItem(action=f"aksi {k}", status=st)
                          for k, st in enumerate(statuses))
    return s


def sessions() -> list[Session]:
    return [
        # Mentari met twice (3 women, then 2 of them again): 3 women, not 5.
        _session("Mentari", "Nagrak", 8, 3, 1, (ActionStatus.DONE, ActionStatus.PLANNED)),
        _session("Mentari", "Nagrak", 9, 2, 2, (ActionStatus.DONE,)),
        _session("Melati", "Cibodas", 10, 4, 0, (ActionStatus.DROPPED,)),
    ]


def test_totals_count_women_once_per_group_and_actions_by_status() -> None:
    report = build_report(sessions(), lang="id")
    assert report.totals is not None
    got = {str(r[0]): r[1] for r in report.totals.rows}
    assert got["Sesi"] == 3 and got["Kelompok"] == 2 and got["Desa"] == 2
    assert got["Perempuan terjangkau (dihitung sekali per kelompok)"] == 3 + 4
    assert got["Aksi tindak lanjut"] == 4
    assert got["Aksi tindak lanjut: selesai"] == 2
    assert got["Aksi tindak lanjut: direncanakan"] == 1
    assert got["Aksi tindak lanjut: dibatalkan"] == 1
    assert got["Aksi tindak lanjut: berjalan"] == 0


def test_html_shows_totals_first_and_the_title_once() -> None:
    html = render_report_files(build_report(sessions(), lang="en"), lang="en")[
        "laporan.html"].decode("utf-8")
    assert html.count("MPA report across sessions</h") == 1
    first = html.index("<h2>")
    assert html[first:].startswith("<h2>Totals</h2>")
    assert html.index("Women reached") < html.index("Recurring problems</h2>")


def _workbook(lang: str) -> openpyxl.Workbook:
    files = render_report_files(build_report(sessions(), lang=lang), lang=lang)
    return openpyxl.load_workbook(io.BytesIO(files["laporan.xlsx"]))


def test_workbook_sheets_in_the_reports_language_with_labels_and_actions() -> None:
    wb = _workbook("id")
    assert wb.sheetnames == ["Ringkasan", "Masalah yang berulang", "Ringkasan per desa",
                             "Ringkasan per kecamatan", "Sesi tanpa kode desa", "Sesi",
                             "Rencana aksi", "Kategori", "Peringkat"]
    first = wb["Ringkasan"]
    texts = [c.value for row in first.iter_rows() for c in row if c.value is not None]
    assert texts.count("Laporan lintas sesi MPA") == 1  # the title once
    assert texts[-2:] == ["Aksi tindak lanjut: dibatalkan", 1]
    actions = list(wb["Rencana aksi"].iter_rows(values_only=True))
    assert actions[0][:2] == ("ID sesi", "Sesi (tanggal · kelompok · desa)")
    assert actions[1][1] == "8 Juni 2023 · Mentari · Nagrak"
    assert {r[5] for r in actions[1:]} == {"selesai", "direncanakan", "dibatalkan"}
    ses = wb["Sesi"]
    assert ses.cell(2, 5).value == "8 Juni 2023"
    assert not ses.cell(2, 5).alignment.wrap_text  # dates never wrap
    assert ses.column_dimensions["E"].width >= len("10 Juni 2023")
    assert ses.cell(2, 6).number_format == NUMBER_INT and ses.cell(2, 6).value == 4
    assert all(c.number_format == NUMBER_INT for row in first.iter_rows() for c in row
               if isinstance(c.value, int))
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth in (1, None) and ws.page_setup.fitToHeight == 0
        assert "Halaman &P dari &N" in ws.oddFooter.center.text
        assert ws.oddHeader.left.text == "Laporan lintas sesi MPA"
        assert ws.oddHeader.right.text == "semua sesi"  # which sessions, on every page
    assert wb["Sesi"].print_title_rows == "$1:$1" and wb["Sesi"].freeze_panes == "A2"
    assert wb["Masalah yang berulang"].cell(2, 4).number_format in (NUMBER_INT, NUMBER_DEC)


def test_workbook_in_english() -> None:
    wb = _workbook("en")
    assert wb.sheetnames[0] == "Totals" and "Action plan" in wb.sheetnames
    assert wb["Sessions"].cell(2, 5).value == "8 June 2023"


def test_report_folder_has_sha256sums_that_check(tmp_path: Path) -> None:
    target = tmp_path / "stick"
    target.mkdir()
    with Store.open(tmp_path / "data") as store:
        for s in sessions():
            store.repo.create(s)
        run = run_report(store, ReportFilters(), lang="id", target=target)
    assert run.folder is not None
    listed = (run.folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    names = {line.split("  ", 1)[1] for line in listed}
    assert names == {p.name for p in run.folder.iterdir()} - {"SHA256SUMS"}
    assert {"laporan.xlsx", "laporan.html", "sessions.csv"} <= names
    checked = verify_sums(run.folder)
    assert checked and all(checked.values())
    (run.folder / "laporan.html").write_bytes(b"changed")
    assert verify_sums(run.folder)["laporan.html"] is False


def test_dates_a_person_reads_are_in_the_reports_language() -> None:
    report = build_report(sessions(), lang="id")
    assert report.uncoded is not None
    assert [r[0] for r in report.uncoded.rows] == ["8 Juni 2023", "9 Juni 2023",
                                                   "10 Juni 2023"]
    html = render_report_files(report, lang="id")["laporan.html"].decode("utf-8")
    assert "10 Juni 2023" in html and "2023-06-10" not in html


def test_workbook_charts_the_top_recurring_problems() -> None:
    wb = _workbook("id")
    charts = wb["Masalah yang berulang"]._charts
    assert len(charts) == 1
    assert all(not ws._charts for ws in wb.worksheets if ws.title != "Masalah yang berulang")
