"""Every key in the README's tables for the import screen and the report across sessions,
typed through a real pseudo-terminal from the home screen, each asserted by what it visibly
does: sessions added to the list, the table's counts, report files on the "stick".

The stick is a folder the app is told about: the child's drive detection is replaced (the
pty's ``prelude``) by one that reports it while a flag file exists, so Ctrl+R has
something to find.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("pyte")

from key_drive import covered, example_data, wait_until  # noqa: E402,F401
from pty_term import Terminal  # noqa: E402

from mpa_tui.data import load_example  # noqa: E402
from mpa_tui.domain.base import new_id  # noqa: E402
from mpa_tui.export.writer import export_session  # noqa: E402
from mpa_tui.store import Store  # noqa: E402

pytestmark = pytest.mark.slow

FAKE_STICK = """
import pathlib
import mpa_tui.export.drives as drives
_stick, _flag = pathlib.Path({stick!r}), pathlib.Path({flag!r})
drives.find_drives = lambda *a, **k: (
    [drives.Drive(str(_stick), "vfat", "/dev/sdb1", "STICK")] if _flag.exists() else [])
"""


def _bundles(tmp_path: Path, target: Path, *groups: str) -> None:
    """Export copies of the example (not marked as examples) under other group names."""
    target.mkdir()
    with Store.open(tmp_path / f"laptop-{target.name}") as other:
        for group in groups:
            session = load_example().model_copy(
                update={"id": new_id(), "is_example": False, "group_name": group})
            other.repo.create(session)
            export_session(other.repo.load(session.id), target, formats=["json"])


def _cursor_on(term: Terminal) -> str | None:
    """The group of the result row drawn in the one colour the others are not (the
    table's cursor), or None."""
    rows = {}
    for y, line in enumerate(term.screen.display):
        found = re.search(r"Sesi Kelompok (\w+)", line)
        if found:
            rows[found.group(1)] = term.screen.buffer[y][3].bg
    colours = list(rows.values())
    odd = [name for name, bg in rows.items() if colours.count(bg) == 1]
    return odd[0] if len(rows) > 1 and len(odd) == 1 else None


def _import(term: Terminal, stick: Path, folder: Path, flag: Path) -> set[str]:
    done: set[str] = set()
    term.press("i")
    term.wait_for(r"Impor sesi dari flashdisk atau folder")
    term.wait_for(r"Tidak ada flashdisk terpasang")
    flag.touch()
    term.press("ctrl+r")
    term.wait_for(r"Flashdisk terpasang: .*STICK")
    done.add("Ctrl+R")
    term.press("ctrl+s")
    term.wait_for(r"Impor dari flashdisk .*STICK")
    term.press("y")
    term.wait_for(r"Impor: 3 sesi baru, 0 digabungkan, 0 tidak berubah, 0 gagal\.")
    # The cursor is still in the path field: ↑/↓ move through the results from there.
    wait_until(term, lambda: _cursor_on(term) == "Anggrek", "no result row has the cursor")
    term.press("down")
    wait_until(term, lambda: _cursor_on(term) == "Mawar", "↓ did not move in the results")
    term.press("up")
    wait_until(term, lambda: _cursor_on(term) == "Anggrek", "↑ did not move in the results")
    done.add("↑ ↓")
    term.type(str(folder))
    term.wait_for(folder.name)
    term.press("enter")
    term.wait_for(r"Impor: 1 sesi baru, 0 digabungkan")
    done.add("Enter (di kolom) / Ctrl+S")
    term.press("ctrl+s")  # the same folder again: nothing new
    term.wait_for(r"Impor: 0 sesi baru, 0 digabungkan, 1 tidak berubah")
    term.press("escape")
    term.wait_for(r"Beranda — sesi MPA")
    for group in ("Kelompok Anggrek", "Kelompok Kenanga", "Kelompok Melati"):
        term.wait_for(group)
    done.add("Esc")
    return done


def _report(term: Terminal, stick: Path, flag: Path) -> set[str]:
    done: set[str] = set()
    term.settle()
    term.press("l")
    term.wait_for(r"Laporan lintas sesi")
    term.wait_for(r"4 sesi, 1 desa, 8 masalah\. \(sesi contoh tidak dihitung")
    term.type("kelompok anggrek")  # the whole name, any case
    term.press("enter")
    term.wait_for(r"1 sesi, 1 desa, 8 masalah")
    term.press("ctrl+u", "ctrl+t")
    term.wait_for(r"4 sesi, 1 desa, 8 masalah")
    done.add("Enter (di saringan) / Ctrl+T")
    term.press("ctrl+e")
    term.wait_for(r"5 sesi, 1 desa, 8 masalah\. \(sesi contoh ikut dihitung")
    term.press("ctrl+e")
    term.wait_for(r"4 sesi, 1 desa, 8 masalah\. \(sesi contoh tidak dihitung")
    done.add("Ctrl+E")
    flag.unlink()
    term.press("ctrl+r")
    term.wait_for(r"Tidak ada flashdisk terpasang")
    flag.touch()
    term.press("ctrl+r")
    term.wait_for(r"Flashdisk terpasang: .*STICK")
    done.add("Ctrl+R")
    before = set(stick.rglob("*"))
    term.press("ctrl+s")
    term.wait_for(r"\?")  # asks before writing to the stick
    term.press("y")
    wait_until(term, lambda: any(p.suffix == ".xlsx" for p in set(stick.rglob("*")) - before),
               "Ctrl+S wrote no report to the stick")
    done.add("Ctrl+S")
    term.settle()
    term.press("escape")
    term.wait_for(r"Beranda — sesi MPA")
    done.add("Esc")
    return done


def test_import_and_report_keys(example: Path, tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(example, data)
    stick, folder, flag = tmp_path / "STICK", tmp_path / "folder", tmp_path / "plugged"
    _bundles(tmp_path, stick, "Kelompok Anggrek", "Kelompok Melati", "Kelompok Mawar")
    _bundles(tmp_path, folder, "Kelompok Kenanga")
    term = Terminal(data, prelude=FAKE_STICK.format(stick=str(stick), flag=str(flag)))
    try:
        term.wait_for(r"Beranda — sesi MPA")
        term.settle()
        imported = _import(term, stick, folder, flag)
        report = _report(term, stick, flag)
    finally:
        term.close()
    covered("Impor sesi", imported)
    covered("Laporan lintas sesi", report)
