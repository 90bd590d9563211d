"""Every key in the README's key tables for the workshop's common keys, step 1 and step 2,
typed through a real pseudo-terminal (bytes as an xterm sends them) and read back from the
screen an xterm-like emulator (pyte) draws.

Pilot presses key *names*; a terminal sends bytes: Alt+P arrives as ESC p, which Textual
reports as ``alt+p`` carrying the printable ``p`` that a focused Input would type. Only a
real terminal shows that. One app start per README table group keeps this quick.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

pytest.importorskip("pyte")

from pty_term import Terminal  # noqa: E402
from readme_tables import table  # noqa: E402

from mpa_tui.domain import Participant, Session, Step  # noqa: E402
from mpa_tui.store import Store  # noqa: E402

pytestmark = pytest.mark.slow


def _session(data_dir: Path, step: Step) -> None:
    st = Store.open(data_dir)
    try:
        st.repo.create(Session(group_name="Mentari", current_step=step, participants=[
            Participant(name="Siti", seat=0), Participant(name="Nani", seat=1)]))
    finally:
        st.close()


def _on_disk(data_dir: Path) -> Session:
    """The one session in ``data_dir`` as a new Store reads it (the app keeps running)."""
    st = Store.open(data_dir, lock=False)
    try:
        return st.repo.load(st.repo.list()[0].id)
    finally:
        st.close()


def _colours(term: Terminal) -> set[tuple[str, str]]:
    return {(c.fg, c.bg) for row in term.screen.buffer.values() for c in row.values()}


def _field(term: Terminal) -> str:
    """The text in the card field (the line between the field's borders)."""
    found = re.search(r"▊  (.*?)\s*▎", term.text())
    assert found, term.text()
    return found.group(1)


def _step2_and_common(term: Terminal, data_dir: Path) -> set[str]:
    """Drive the common table and step 2's table; return the README cells driven."""
    done: set[str] = set()
    term.wait_for("Mentari")
    term.press("enter")
    term.wait_for(r"Jenis: masalah")
    term.type("abc")
    term.wait_for(r"▊  abc")
    for key, kind in (("alt+p", "potensi"), ("alt+k", "kebutuhan"), ("alt+s", "sumber"),
                      ("alt+m", "masalah")):
        term.press(key)
        term.wait_for(rf"Jenis: {kind}")
        assert _field(term) == "abc", f"{key} typed into the card"
    done.add("alt+m, alt+k, alt+p, alt+s")
    term.press("ctrl+t")
    term.wait_for(r"Jenis: kebutuhan")
    term.press("ctrl+t")
    term.wait_for(r"Jenis: masalah")
    done.add("ctrl+t")
    term.press("ctrl+o")
    term.wait_for(r"Warna: ██ merah muda")
    done.add("ctrl+o")
    for key, who in (("ctrl+n", "2/2 Nani"), ("ctrl+b", "1/2 Siti")):
        term.press(key)
        term.wait_for(rf"Giliran: {who}")
    for key, who in (("alt+down", "2/2 Nani"), ("alt+up", "1/2 Siti")):
        term.press(key)
        term.wait_for(rf"Giliran: {who}")
    done |= {"ctrl+n / alt+↓", "ctrl+b / alt+↑"}
    assert _field(term) == "abc"
    term.press("enter")
    term.wait_for(r"Kartu: 1 · masalah 1")
    term.wait_for(r"masalah: abc")
    done.add("Enter")
    term.press("ctrl+g")
    term.wait_for(r"Waktu 09:5\d")
    done.add("ctrl+g")
    term.press("ctrl+r")
    term.wait_for(r"Waktu 10:00 \(berhenti\)")
    done.add("ctrl+r")
    term.press("ctrl+l")
    term.wait_for(r"Ubah isi kartu terakhir")
    term.press("escape")
    done.add("ctrl+l")
    # The common keys, from step 2.
    term.press("ctrl+z")
    term.wait_for(r"Kartu: 0 ·")
    done.add("Ctrl+Z")
    term.press("ctrl+y")
    term.wait_for(r"Kartu: 1 ·")
    done.add("Ctrl+Y")
    term.press("f1")
    term.wait_for(r"Esc atau F1: tutup bantuan")
    term.press("escape")
    done.add("F1")
    term.press("f2")
    term.wait_for(r"Kind: problem")
    term.press("f2")
    term.wait_for(r"Jenis: masalah")
    done.add("F2")
    before = _colours(term)
    term.press("f8")
    deadline = time.monotonic() + 10
    while _colours(term) == before and time.monotonic() < deadline:
        term.pump(0.1)
    assert _colours(term) != before, "F8 changed no colour"
    term.press("f8")
    done.add("F8")
    term.press("f5")
    term.wait_for(r"ditandai\s*(\n.*)?selesai")
    done.add("F5")
    term.press("f3")
    term.wait_for(r"Langkah 1: Duduk melingkar")
    term.press("f4")
    term.wait_for(r"Langkah 2: Tulis kartu")
    term.press("alt+left")
    term.wait_for(r"Langkah 1: Duduk melingkar")
    term.press("alt+right")
    term.wait_for(r"Langkah 2: Tulis kartu")
    done |= {"F3 or Alt+←", "F4 or Alt+→"}
    term.press("f12")
    term.wait_for(r"Pindah ke bagian sesi")
    term.press("escape")
    term.press("alt+g")
    term.wait_for(r"Pindah ke bagian sesi")
    term.press("escape")
    done.add("F12 or Alt+G")
    term.press("alt+c")
    term.wait_for(r"Catatan proses — Langkah 2")
    term.type("Rentenir [red]x[/]")
    term.press("enter")
    term.wait_for(r"\d\d\.\d\d  Rentenir \[red\]x\[/\]")
    assert [n.text for n in _on_disk(data_dir).notes] == ["Rentenir [red]x[/]"]
    term.press("escape")
    term.wait_for(r"Jenis: masalah")
    done.add("Alt+C")
    term.press("ctrl+p")
    term.wait_for(r"Ganti jenis|Jenis langsung")
    term.press("escape")
    done.add("Ctrl+P")
    term.press("f7")
    term.wait_for(r"Sampah sesi ini")
    term.press("escape")
    done.add("F7")
    term.press("f10")
    term.wait_for(r"Nama kelompok")
    term.press("escape")
    done.add("F10")
    term.press("f6")
    term.wait_for(r"Ringkasan — Mentari")
    done.add("F6")
    term.press("f9")
    term.wait_for(r"Sesi baru|sesi")
    done.add("F9")
    term.press("ctrl+q")
    deadline = time.monotonic() + 10
    while term.proc.poll() is None and time.monotonic() < deadline:
        term.pump(0.1)
    assert term.proc.poll() == 0, "Ctrl+Q did not end the app"
    done.add("Ctrl+Q")
    return done


def _step1(term: Terminal) -> set[str]:
    done: set[str] = set()
    term.wait_for("Mentari")
    term.press("enter")
    term.wait_for(r"Langkah 1: Duduk melingkar")
    term.type("Ani")
    term.press("enter")
    term.wait_for(r"3\s+Ani\s+anggota\s+ya")
    done.add("Enter (di kolom nama)")
    term.press("ctrl+n")
    term.wait_for(r"4\s+P01\s+anggota")
    done.add("ctrl+n")
    term.press("up")
    term.press("ctrl+t")
    term.wait_for(r"3\s+Ani\s+anggota\s+tidak")
    term.press("down")
    term.press("ctrl+t")
    term.wait_for(r"4\s+P01\s+anggota\s+tidak")
    term.press("up")
    done |= {"↑ / ↓", "ctrl+t (spasi di daftar)"}
    term.press("ctrl+r")
    term.wait_for(r"3\s+Ani\s+pengurus")
    done.add("ctrl+r")
    term.press("alt+up")
    term.wait_for(r"2\s+Ani\s+pengurus")
    term.press("alt+down")
    term.wait_for(r"3\s+Ani\s+pengurus")
    done.add("alt+↑ / alt+↓")
    term.press("ctrl+g")
    term.wait_for(r"Ani")
    term.press("ctrl+u")
    term.type("Ana")
    term.press("enter")
    term.wait_for(r"3\s+Ana\s+pengurus")
    done.add("ctrl+g (Enter di daftar)")
    term.press("ctrl+b")
    deadline = time.monotonic() + 10
    while "Ana" in term.text().split("Hadir:")[0] and time.monotonic() < deadline:
        term.pump(0.1)
    assert "Ana" not in term.text().split("Hadir:")[0], term.text()
    done.add("ctrl+b (Delete di daftar)")
    term.press("tab")
    term.type("Zul")
    term.press("shift+tab")
    done.add("Tab")
    return done


def test_common_and_step2_keys_through_a_terminal(tmp_path: Path) -> None:
    _session(tmp_path / "data", Step.WRITE)
    term = Terminal(tmp_path / "data")
    try:
        done = _step2_and_common(term, tmp_path / "data")
    finally:
        term.close()
    readme = set(table("Keys on every workshop screen")) | set(
        table("Langkah 2 · Tulis kartu"))
    assert readme - done == set(), "README keys not driven through a terminal"


def test_step1_keys_through_a_terminal(tmp_path: Path) -> None:
    _session(tmp_path / "data", Step.CIRCLE)
    term = Terminal(tmp_path / "data")
    try:
        done = _step1(term)
    finally:
        term.close()
    assert set(table("Langkah 1 · Duduk melingkar")) - done == set()
