"""Every key in the README's tables for the home screen, the summary and the export
screen, typed through a real pseudo-terminal on the shipped example session and asserted by
what it visibly does (a session duplicated, trashed and restored, files copied).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyte")

from key_drive import changes, covered, example_data, open_at, wait_until  # noqa: E402,F401
from pty_term import Terminal  # noqa: E402

from mpa_tui.domain import Step  # noqa: E402

pytestmark = pytest.mark.slow


def test_summary_and_export_keys(example: Path, tmp_path: Path) -> None:
    summary: set[str] = set()
    export: set[str] = set()
    for term in open_at(example, tmp_path, Step.ORDER):
        term.press("f6")
        term.wait_for(r"Ringkasan — Kelompok Perempuan Mentari")
        summary.add("F6 (dari layar mana pun)")
        top = r"\n CONTOH / EXAMPLE — Ringkasan MPA"
        term.wait_for(top)
        term.press("down")
        term.wait_for(r"\A(?!(.*\n)* CONTOH / EXAMPLE — Ringkasan MPA)")
        term.press("up")
        term.wait_for(top)
        term.press("pagedown")
        term.wait_for(r"15 peserta, 14 hadir")
        term.press("pageup")
        term.wait_for(top)
        summary.add("↑ / ↓, PgUp / PgDn")
        term.press("n")
        term.wait_for(r"Nama peserta DITAMPILKAN")
        term.press("n")
        term.wait_for(r"Nama peserta disembunyikan")
        summary.add("n")
        term.press("e")
        term.wait_for(r"Ekspor sesi: Kelompok Perempuan Mentari")
        summary.add("e")
        # The export screen, opened from the summary.
        term.settle()
        # The cursor starts in the folder field; two fields back: "names" (language between).
        term.press("shift+tab", "shift+tab", "space")
        term.wait_for(r"▐X▌ Sertakan nama peserta")
        term.press("space")
        term.wait_for(r"▐ ▌ Sertakan nama peserta")
        term.press("shift+tab", "shift+tab", "space")  # past JSON: the CSV format
        term.wait_for(r"▐ ▌ CSV   ▐X▌ JSON")
        export |= {"Tab / Shift+Tab", "Spasi"}
        term.press("ctrl+r")
        term.wait_for(r"Tidak ada flashdisk terpasang")
        export.add("Ctrl+R")  # no stick in a test: the prompt is what it shows
        out = tmp_path / "out"
        out.mkdir()
        term.press("tab", "tab", "tab", "tab", "ctrl+u")  # JSON, names, language, folder
        term.type(str(out))
        term.wait_for(str(out)[-20:])
        term.press("enter")
        wait_until(term, lambda o=out: any(o.rglob("*.html")), "Enter copied no HTML file")
        export.add("Enter (di kolom folder)")
        term.wait_for(r"Aman dicabut")  # the copy has ended
        assert any(out.rglob("*.xlsx")) and not any(out.rglob("*.csv")), "CSV was unticked"
        second = tmp_path / "second"
        second.mkdir()
        term.press("ctrl+u")
        term.type(str(second))
        term.wait_for(str(second)[-20:])
        term.press("ctrl+s")
        wait_until(term, lambda s=second: any(s.rglob("*.html")), "Ctrl+S copied no HTML")
        export.add("Ctrl+S")
        term.press("escape")
        term.settle()
        if "Ekspor sesi" in term.text():
            term.press("escape")
        term.wait_for(r"Ringkasan — Kelompok|Langkah 8")
        export.add("Esc")
    covered("Ringkasan", summary)
    covered("Ekspor ke flashdisk", export)


def _rows(term: Terminal) -> int:
    return len([line for line in term.screen.display if line.startswith(" Kelompok Perempuan")])


SLOW_REPORT = """
import time
import mpa_tui.export.report_run as report_run
_run = report_run.run_report
def _slow(*args, **kw):
    time.sleep(3)  # a big store on a slow laptop
    return _run(*args, **kw)
report_run.run_report = _slow
"""
"""The report's table takes 3 s longer: Esc must close the screen while it is computed."""


def test_home_keys(example: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(example, data)
    done: set[str] = set()
    term = Terminal(data, prelude=SLOW_REPORT)
    try:
        term.wait_for(r"Beranda — sesi MPA[\s\S]*8 Urutkan")
        term.settle()
        term.press("d")
        term.wait_for(r"Sesi baru dibuat dari templat")
        term.wait_for(r"1 Melingkar")
        done.add("D")
        for key, step in (("up", "Langkah 1:"), ("down", "Langkah 8:")):
            term.press("up", "up") if key == "up" else term.press("up", "up", "down")
            term.press("enter")
            term.wait_for(step)
            term.press("f9")
            term.wait_for(r"Beranda — sesi MPA")
            term.settle()
        done |= {"↑ ↓", "Enter"}
        term.press("x")
        term.wait_for(r"Pindahkan sesi .* ke sampah\?")
        term.press("escape")
        term.press("delete")
        term.wait_for(r"Pindahkan sesi .* ke sampah\?")
        term.press("y")
        wait_until(term, lambda: _rows(term) == 1, "the session was not trashed")
        done.add("Del or X")
        term.press("t")
        term.wait_for(r"Sesi di sampah")
        term.press("down", "enter")
        term.settle()
        term.press("escape")
        wait_until(term, lambda: _rows(term) == 2, "the session was not restored")
        done.add("T")
        term.press("e")
        term.wait_for(r"Langkah \d:.*Mentari")
        term.press("f9")
        term.wait_for(r"Beranda — sesi MPA")
        done.add("E")
        term.press("n")
        term.wait_for(r"Nama kelompok")
        term.press("escape")
        term.wait_for(r"Beranda — sesi MPA")
        done.add("N")
        for key, title in (("i", "Impor sesi dari flashdisk"), ("l", "Laporan lintas sesi")):
            term.settle()
            term.press(key)
            term.wait_for(title)  # their own keys: test_keys_real_terminal_transfer.py
            term.press("escape")
            term.wait_for(r"Beranda — sesi MPA", timeout=2 if key == "l" else 20)
            done.add(key.upper())
        term.press("f1")
        term.wait_for(r"Esc atau F1: tutup bantuan")
        term.press("escape")
        term.press("f2")
        term.wait_for(r"Home")
        term.press("f2")
        term.wait_for(r"Beranda — sesi MPA")
        term.settle()
        changes(term, ("ctrl+p",))
        term.press("escape")
        term.settle()
        changes(term, ("f8",))  # the high-contrast theme: other characters' colours too
        term.press("f8")
        term.press("ctrl+q")
        wait_until(term, lambda: term.proc.poll() is not None, "Ctrl+Q did not end the app")
        assert term.proc.poll() == 0
        done.add("F1 / F2 / F8 / Ctrl+P / Ctrl+Q")
    finally:
        term.close()
    covered("Beranda", done)


DRIVEN = {
    "Keys on every workshop screen", "Beranda", "Langkah 1", "Langkah 2", "3 Tempel",
    "5 Beri judul", "6 Hitung", "7 Peringkat", "Peringkat berpasangan", "8 Urutkan",
    "Ringkasan", "Ekspor ke flashdisk", "Form dialog", "Potensi & sistem sumber", "Jejaring",
    "Rencana aksi", "Pendampingan", "Evaluasi & terminasi", "Kapasitas", "4 Kelompokkan",
    "Saran pengelompokan", "Data sesi", "Impor sesi", "Laporan lintas sesi",
}
"""README key tables whose every key a real-terminal test drives (``covered`` checks each)."""

NOT_YET: dict[str, str] = {}
"""Tables still left to Pilot tests, each with why; a new README table must join one list."""


def test_every_readme_key_table_is_driven_or_listed() -> None:
    from readme_tables import key_tables

    for heading in key_tables():
        named = [p for p in (*DRIVEN, *NOT_YET) if heading.startswith(p)]
        assert len(named) == 1, f"README key table {heading!r} is neither driven nor listed"
