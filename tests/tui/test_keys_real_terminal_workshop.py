"""Every key in the README's tables for step 4 (grouping), its suggestions dialog and the
session details form, typed through a real pseudo-terminal on the shipped example session
(nine of its cards put back to "not grouped yet" first), each asserted by what it visibly
does and, for edits, by the session reloaded from disk. One app start drives all three.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("pyte")

from key_drive import (  # noqa: E402
    click,
    covered,
    example_data,  # noqa: F401
    focus_is,
    on_disk,
    open_at,
    slow_keys,
    wait_until,
)
from pty_term import Terminal  # noqa: E402

from mpa_tui.domain import Session, Step, ops  # noqa: E402

pytestmark = pytest.mark.slow


NO_DIALOG = r"\A(?![\s\S]*Saran \d dari)"
"""The suggestions dialog is closed."""


def _unsort_two_categories(session: Session) -> None:
    """The cards of category 1 (7) and 8 (2) back to "not grouped yet"."""
    cats = session.active_categories()
    ops.move_cards(session, [c for cat in (cats[0], cats[7]) for c in cat.card_ids], None)


def _unsorted(term: Terminal) -> int:
    found = re.search(r"Belum dikelompokkan \((\d+)\)", term.text())
    assert found, term.text()
    return int(found.group(1))


def _wait_unsorted(term: Terminal, n: int) -> None:
    wait_until(term, lambda: f"Belum dikelompokkan ({n})" in term.text(),
               f"not {n} cards left to group")


def _chosen(term: Terminal, n: int) -> None:
    wait_until(term, lambda: term.text().count("◆") == n, f"not {n} cards chosen")


def _suggestions(term: Terminal, tmp_path: Path) -> set[str]:
    done: set[str] = set()
    _wait_unsorted(term, 9)
    term.press("s")
    term.wait_for(r"Saran 1 dari 3")
    done.add("s (layar Kelompokkan)")
    term.wait_for(r"✓ Pengurus belum tahu pembagian tugas")
    term.press("space")
    term.wait_for(r"✗ Pengurus belum tahu pembagian tugas")
    term.press("down", "space")
    term.wait_for(r"✗ Kelompok belum punya AD/ART")
    term.press("up", "space")
    term.wait_for(r"✓ Pengurus belum tahu pembagian tugas")
    for mark in ("✗", "✓"):  # a click takes the card out, a second puts it back
        x, y = next((line.index("Rapat anggota"), y)
                    for y, line in enumerate(term.screen.display) if "Rapat anggota" in line)
        click(term, x, y)
        term.wait_for(rf"{mark} Rapat anggota tidak rutin")
    done |= {"↑ ↓", "spasi atau klik kartu"}
    term.press("right")
    term.wait_for(r"Saran 2 dari 3")
    term.press("left")
    term.wait_for(r"Saran 1 dari 3 \(dilewati\)")
    done.add("←")
    term.press("r")
    slow_keys(tmp_path).touch()  # Enter must wait for the letters typed before it
    term.type(" desa")
    term.press("enter")
    term.wait_for(r"Saran 2 dari 3")
    slow_keys(tmp_path).unlink()
    done |= {"r", "Enter"}
    term.press("l")
    term.wait_for(r"Saran 3 dari 3")
    term.press("right")  # the last one: nothing later is left open, the dialog closes
    term.wait_for(NO_DIALOG)
    done.add("→ atau l")
    _wait_unsorted(term, 5)
    term.press("s")
    term.wait_for(r"Saran 1 dari \d")
    term.press("escape")
    term.wait_for(NO_DIALOG)
    _wait_unsorted(term, 5)
    done.add("Esc")
    cats = {c.title: c for c in on_disk(tmp_path).active_categories()}
    assert len(cats["Pengorganisasian kelompok desa"].card_ids) == 4
    term.press("ctrl+z")
    _wait_unsorted(term, 9)
    assert "Pengorganisasian kelompok desa" not in {
        c.title for c in on_disk(tmp_path).active_categories()}
    done.add("ctrl+z (setelah ditutup)")
    return done


def _card_row(term: Terminal, text: str) -> tuple[int, int]:
    """Where a card of the left pane is drawn (column, row)."""
    return next((line.index(text), y) for y, line in enumerate(term.screen.display)
                if text in line[:40])


def _grouping(term: Terminal, tmp_path: Path) -> set[str]:
    done: set[str] = set()
    _wait_unsorted(term, 9)
    term.settle()
    term.press("space")
    _chosen(term, 1)
    term.press("down", "enter")
    _chosen(term, 2)
    x, y = _card_row(term, "Butuh pelatihan pengelolaan")
    click(term, x, y)
    _chosen(term, 3)
    done |= {"↑ ↓", "spasi, Enter atau klik kartu"}
    term.press("escape")
    _chosen(term, 0)
    done.add("Esc")
    term.press("space", "1")
    _wait_unsorted(term, 8)
    term.wait_for(r"1 Pengetahuan manajemen koperasi \(1\)")
    done.add("1 … 9")
    term.press("k")
    term.wait_for(r"Pindahkan 1 kartu ke kategori:")
    term.press("2", "enter")
    _wait_unsorted(term, 7)
    term.wait_for(r"2 Modal usaha dan pinjaman \(7\)")
    done.add("k")
    term.press("b")
    term.wait_for(r"Judul kategori baru \(1 kartu")
    term.type("Kader")
    term.press("enter")
    _wait_unsorted(term, 6)
    term.wait_for(r"Kategori \(9\)")
    term.wait_for(r"Isi «Kader» \(1\)")
    done.add("b")
    term.press("tab")  # the categories, on the new one
    term.press("r")
    term.wait_for(r"Judul kategori:")
    focus_is(term, "Kader")
    term.type(" posyandu")
    term.press("enter")
    term.wait_for(r"Isi «Kader posyandu» \(1\)")
    done.add("r")
    term.press("up")
    term.wait_for(r"Isi «Beban waktu dan urusan")
    term.press("up")
    term.wait_for(r"Isi «Kemasan dan merek produk» \(3\)")
    term.press("tab", "0")  # the category's cards: the highlighted one back
    _wait_unsorted(term, 7)
    term.wait_for(r"Isi «Kemasan dan merek produk» \(2\)")
    term.press("u")
    _wait_unsorted(term, 8)
    term.wait_for(r"Isi «Kemasan dan merek produk» \(1\)")
    done.add("0 atau u")
    term.press("shift+tab", "shift+tab")  # categories, then the cards not grouped
    term.press("space")
    _chosen(term, 1)
    term.press("tab", "enter")  # Enter on the highlighted category: Kemasan
    _wait_unsorted(term, 7)
    term.wait_for(r"Isi «Kemasan dan merek produk» \(2\)")
    done.add("Tab / Shift+Tab")
    term.press("shift+tab", "space")
    _chosen(term, 1)
    x, y = next((line.index("3 Pemasaran"), y) for y, line in enumerate(term.screen.display)
                if "3 Pemasaran" in line)
    click(term, x, y)
    _wait_unsorted(term, 6)
    term.wait_for(r"3 Pemasaran dan penjualan \(6\)")
    done.add("Enter atau klik kategori")
    cats = {c.title: len(c.card_ids) for c in on_disk(tmp_path).active_categories()}
    assert cats["Kader posyandu"] == 1 and cats["Pemasaran dan penjualan"] == 6
    assert cats["Kemasan dan merek produk"] == 2 and cats["Modal usaha dan pinjaman"] == 7
    return done


def _details(term: Terminal, tmp_path: Path) -> set[str]:
    done: set[str] = set()
    term.press("f10")
    term.wait_for(r"Nama kelompok \* Kelompok Perempuan Mentari")
    term.settle()
    focus_is(term, "Kelompok Perempuan Mentari")
    term.press("tab")
    focus_is(term, "Desa Nagrak")
    term.press("shift+tab")
    focus_is(term, "Kelompok Perempuan Mentari")
    done.add("Tab / Shift+Tab")
    term.press("enter")
    focus_is(term, "Desa Nagrak")
    done.add("Enter")
    term.press("ctrl+l")
    term.wait_for(r"Darangdan › desa/kelurahan")
    term.type("Sawi")
    term.wait_for(r"█ Sawit\s")
    term.press("enter")
    term.wait_for(r"Desa Sawit\n[\s\S]*Kode wilayah 32\.14\.06\.\d+ · Sawit")
    term.press("ctrl+l")
    term.wait_for(r"Darangdan › desa/kelurahan")
    term.press("escape")
    term.wait_for(r"Kabupaten Purwakarta › kecamatan")
    term.press("ctrl+o")  # not in the list: the code stops at the regency
    term.wait_for(r"Kode wilayah 32\.14 · Kabupaten Purwakarta")
    done.add("Ctrl+L")
    term.press("shift+tab", "ctrl+u")  # the group's name, typed and saved at once
    slow_keys(tmp_path).touch()
    term.type("Kelompok Mentari Jaya")
    term.press("ctrl+s")
    term.wait_for(r"Langkah 4: Kelompokkan — Kelompok Mentari Jaya  ·  Catatan \d+ \(Alt\+C\)\n")
    slow_keys(tmp_path).unlink()
    saved = on_disk(tmp_path)
    assert (saved.location.village, saved.group_name) == ("Sawit", "Kelompok Mentari Jaya")
    term.press("f10")
    term.wait_for(r"Nama kelompok \* Kelompok Mentari Jaya")
    term.settle()
    term.press("end")
    term.type(" Baru")
    term.wait_for(r"Kelompok Mentari Jaya Baru")
    term.press("escape")
    term.wait_for(r"Langkah 4: Kelompokkan — Kelompok Mentari Jaya  ·  Catatan \d+ \(Alt\+C\)\n")
    assert on_disk(tmp_path).group_name == "Kelompok Mentari Jaya"
    done.add("Esc")
    term.press("f9")
    term.wait_for(r"Beranda — sesi MPA")
    term.settle()
    term.press("n")
    term.wait_for(r"Sesi baru — data sesi")
    term.settle()
    term.type("Kelompok Melati")
    term.wait_for(r"Nama kelompok \* Kelompok Melati")
    term.press("ctrl+s")
    term.wait_for(r"Langkah 1: Duduk melingkar — Kelompok Melati")
    done.add("Ctrl+S")
    return done


def test_grouping_suggestions_and_details_keys(example: Path, tmp_path: Path) -> None:
    for term in open_at(example, tmp_path, Step.GROUP, _unsort_two_categories):
        suggest = _suggestions(term, tmp_path)
        grouping = _grouping(term, tmp_path)
        details = _details(term, tmp_path)
    covered("Saran pengelompokan", suggest)
    covered("4 Kelompokkan", grouping)
    covered("Data sesi", details)
