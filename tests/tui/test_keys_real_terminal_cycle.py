"""Every key in the README's tables for the screens around the workshop (resources,
network, action plan, engagement, evaluation, capacity) and the form dialog they share,
typed through a real pseudo-terminal on the shipped example session. Each key is asserted
by what it visibly does and, for edits, by the session reloaded from disk.

Two app starts share the six screens (F12 moves between them), which keeps this quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyte")

from key_drive import (  # noqa: E402
    covered,
    example_data,  # noqa: F401
    focus_is,
    goto_cycle,
    on_disk,
    open_at,
    slow_keys,
    wait_until,
)
from pty_term import Terminal  # noqa: E402

from mpa_tui.domain import Step  # noqa: E402
from mpa_tui.domain.cycle import AssessmentPhase, Competency  # noqa: E402

pytestmark = pytest.mark.slow

HOSTILE = "Bidan [red]Ani[/]"
"""A name that must stay text (never markup) on its way through the form."""


def _resources(term: Terminal, tmp_path: Path) -> set[str]:
    done: set[str] = set()
    goto_cycle(term, "resources", "Potensi & sistem sumber")
    term.wait_for(r"Kartu baru: Potensi .* 2 potensi, 2 sumber")
    term.type("Ibu bidan desa")
    term.press("enter")
    term.wait_for(r"3 potensi, 2 sumber")
    term.wait_for(r"\[P\] Ibu bidan desa")
    done.add("ketik + Enter")
    term.press("ctrl+t")
    term.wait_for(r"Kartu baru: Sumber .* 3 potensi, 2 sumber")
    done.add("Ctrl+T")
    term.press("tab")  # the card list, on the newest card
    term.press("enter")
    term.wait_for(r"Sistem sumber baru[\s\S]*Nama \* Ibu bidan desa")
    term.press("ctrl+s")
    term.wait_for(r"\[Int\] Ibu bidan desa")
    done.add("Enter pada kartu")
    term.press("tab")  # the resource list, on the new resource
    term.wait_for(r"Masalah prioritas: -")
    term.press("enter")
    term.wait_for(r"Ubah sistem sumber[\s\S]*Nama \* Ibu bidan desa")
    term.press("escape")
    term.wait_for(r"\A(?![\s\S]*Ubah sistem sumber)")
    done.add("Enter pada sumber")
    term.press("ctrl+l")
    term.wait_for(r"Masalah prioritas yang dapat dibantu oleh: Ibu bidan desa")
    term.settle()  # the list takes the focus once drawn
    term.press("space", "enter")
    term.wait_for(r"Masalah prioritas: 1\. Pengetahuan manajemen koperasi\n")
    done.add("Ctrl+L")
    saved = next(r for r in on_disk(tmp_path).resources if r.name == "Ibu bidan desa")
    assert len(saved.linked_category_ids) == 1
    term.press("delete")
    wait_until(term, lambda: "[Int] Ibu bidan desa" not in term.text(),
               "Del left the resource")
    term.press("shift+tab")  # the card list
    term.press("delete")
    term.wait_for(r"2 potensi, 2 sumber")
    done.add("Del")
    term.press("tab")
    done.add("Tab")  # Tab moved field -> cards -> resources above
    session = on_disk(tmp_path)
    assert "Ibu bidan desa" not in {r.name for r in session.resources if not r.deleted_at}
    assert "Ibu bidan desa" not in {c.text for c in session.active_cards()}
    return done


def _form(term: Terminal, tmp_path: Path) -> set[str]:
    """The form dialog's keys, on the resources screen's "new resource" form."""
    done: set[str] = set()
    term.press("ctrl+n")
    term.wait_for(r"Sistem sumber baru")
    term.press("ctrl+s")
    term.wait_for(r"Wajib diisi; tidak boleh kosong\.")
    assert "Sistem sumber baru" in term.text()  # refused, not saved
    term.type(HOSTILE)
    term.press("enter")  # to the scope choice
    term.wait_for(r"Internal/eksternal Eksternal\s+▼")
    term.press("space")
    term.wait_for(r"Internal/eksternal Eksternal\s+▲")
    term.press("up", "enter")
    term.wait_for(r"Internal/eksternal Internal \(kelompok\)\s+▼")
    term.press("enter")  # Enter on a choice moves on
    term.wait_for(r"Jenis Lainnya\s+▼")
    term.press("down")
    term.wait_for(r"Jenis Lainnya\s+▲")
    term.press("escape")
    term.wait_for(r"Jenis Lainnya\s+▼")
    assert "Sistem sumber baru" in term.text()  # Esc closed the list, not the form
    done |= {"Spasi atau ↓ (pada pilihan)"}
    term.settle()  # the closed list hands the focus back to its choice
    term.press("tab")
    term.type("0812")
    term.wait_for(r"Kontak 0812")
    term.press("tab", "shift+tab")
    focus_is(term, "Kontak 0812")
    done.add("Tab / Shift+Tab")
    term.press("enter")  # to the last field
    term.type("Posyandu")
    term.press("enter")  # on the last field: save
    term.wait_for(r"\[Int\] Bidan \[red\]Ani\[/\]")
    done.add("Enter")
    term.press("ctrl+n")
    term.wait_for(r"Sistem sumber baru")
    term.type("Tidak jadi")
    term.press("escape")
    term.wait_for(r"\A(?![\s\S]*Sistem sumber baru)")
    done.add("Esc")
    term.press("ctrl+n")
    term.wait_for(r"Sistem sumber baru")
    slow_keys(tmp_path).touch()  # Ctrl+S must wait for the letters typed before it
    term.type("Koperasi Maju")
    term.press("ctrl+s")
    term.wait_for(r"\[Eks\] Koperasi Maju")
    slow_keys(tmp_path).unlink()
    done.add("Ctrl+S")
    names = {r.name: r for r in on_disk(tmp_path).resources if not r.deleted_at}
    assert "Tidak jadi" not in names
    assert names[HOSTILE].contact == "0812" and names[HOSTILE].can_help_with == "Posyandu"
    assert "Koperasi Maju" in names
    return done


def _network(term: Terminal, tmp_path: Path) -> set[str]:
    done: set[str] = set()
    goto_cycle(term, "network", "Jejaring")
    term.wait_for(r"\n Tujuan: Menghubungkan Kelompok Mentari")
    term.press("down")
    term.wait_for(r"\n Tujuan: Menyerahkan model")
    term.press("up")
    term.wait_for(r"\n Tujuan: Menghubungkan Kelompok Mentari")
    done.add("↑ ↓")
    term.press("enter")
    term.wait_for(r"Ubah jejaring[\s\S]*Mitra \* DK UPP")
    term.settle()
    term.press("enter")  # date -> partner
    term.press("end")
    term.type(" Purwakarta")
    term.wait_for(r"Mitra \* DK UPP Kabupaten Purwakarta Purwakarta")
    term.press("ctrl+s")
    term.wait_for(r"DK UPP Kabupaten Purwakarta Purwakarta ·")
    done.add("Enter")
    for key, name in (("n", "N"), ("ctrl+n", "CtrlN")):
        term.press(key)
        term.wait_for(r"█ Jejaring baru")
        term.settle()
        term.press("enter")  # date (today) -> partner
        term.type(f"Puskesmas {name}")
        term.wait_for(rf"Mitra \* Puskesmas {name}")
        term.press("ctrl+s")
        term.wait_for(rf"Puskesmas {name}\n")
    done.add("Ctrl+N atau N")
    term.press("delete")  # the new link is highlighted
    wait_until(term, lambda: "Puskesmas CtrlN" not in term.text(), "Del left the link")
    done.add("Del")
    partners = [x.partner for x in on_disk(tmp_path).network_links if not x.deleted_at]
    assert partners == ["DK UPP Kabupaten Purwakarta Purwakarta", "Pemerintah Desa Nagrak",
                        "Puskesmas N"]
    return done


def test_resources_form_and_network_keys(example: Path, tmp_path: Path) -> None:
    for term in open_at(example, tmp_path, Step.ORDER):
        resources = _resources(term, tmp_path)
        form = _form(term, tmp_path)
        resources.add("Ctrl+N")  # it opened the form above
        network = _network(term, tmp_path)
    covered("Potensi & sistem sumber", resources)
    covered("Form dialog", form)
    covered("Jejaring", network)


def _actions(term: Terminal, tmp_path: Path) -> set[str]:
    done: set[str] = set()
    goto_cycle(term, "actions", "Rencana aksi")
    term.wait_for(r"Pilih prioritas lalu Enter")  # the first heading is highlighted
    term.press("down")
    term.wait_for(r"Status: Selesai · ")
    term.press("up")
    term.wait_for(r"Pilih prioritas lalu Enter")
    term.press("down")
    done.add("↑ ↓")
    term.press("s")
    term.wait_for(r"Status: Dibatalkan · ")
    term.wait_for(r"× Pelatihan manajemen koperasi")
    done.add("S")
    term.press("enter")
    term.wait_for(r"Ubah aksi[\s\S]*Aksi \* Pelatihan manajemen")
    term.press("escape")
    term.wait_for(r"\A(?![\s\S]*Ubah aksi)")
    done.add("Enter pada aksi")
    term.press("up", "enter")
    term.wait_for(r"█ Aksi baru[\s\S]*Prioritas 1\. Pengetahuan manajemen koperasi")
    term.settle()
    term.type("Belajar buku kas")
    term.wait_for(r"Aksi \* Belajar buku kas")
    term.press("ctrl+s")
    term.wait_for(r"○ Belajar buku kas")
    for key in ("n", "ctrl+n"):
        term.press(key)
        term.wait_for(r"█ Aksi baru[\s\S]*Prioritas 1\. Pengetahuan")
        term.press("escape")
        term.wait_for(r"\A(?![\s\S]*█ Aksi baru)")
    done.add("Enter pada prioritas, Ctrl+N atau N")
    term.press("delete")  # the new action is highlighted
    wait_until(term, lambda: "Belajar buku kas" not in term.text(), "Del left the action")
    done.add("Del")
    items = [a for a in on_disk(tmp_path).action_items if not a.deleted_at]
    assert items[0].status.value == "dibatalkan"
    assert "Belajar buku kas" not in {a.action for a in items}
    return done


def _stages(term: Terminal, tmp_path: Path) -> set[str]:
    done: set[str] = set()
    goto_cycle(term, "stages", "Pendampingan")
    term.wait_for(r"Koordinasi · Telepon dan WhatsApp ·.*\n?2 kontak")
    term.press("k")
    term.wait_for(r"Siapa yang dihubungi")
    term.settle()
    term.type("Bu Bidan")
    term.wait_for(r"Nama \* Bu Bidan")
    term.press("ctrl+s")
    term.wait_for(r"Koordinasi · Telepon dan WhatsApp ·.*\n?3 kontak")
    done.add("K")
    term.press("x")
    term.wait_for(r"Koordinasi · Telepon dan WhatsApp ·.*\n?2 kontak")
    done.add("X")
    term.press("enter")
    term.wait_for(r"Ubah tahap pendampingan")
    term.press("escape")
    term.wait_for(r"\A(?![\s\S]*Ubah tahap)")
    done.add("Enter")
    term.press("ctrl+n")
    term.wait_for(r"Tahap pendampingan baru")
    term.press("escape")
    term.wait_for(r"\A(?![\s\S]*Tahap pendampingan baru)")
    term.press("n")
    term.wait_for(r"Tahap pendampingan baru")
    term.settle()
    term.type("2023-09-01")
    term.press("enter", "enter")  # date -> end date -> place
    term.type("Balai desa")
    term.wait_for(r"Balai desa")
    term.press("ctrl+s")
    term.wait_for(r"1 September 2023 .*Balai desa")
    done.add("Ctrl+N atau N")
    term.press("delete")
    wait_until(term, lambda: "Balai desa" not in term.text(), "Del left the record")
    done.add("Del")
    stages = [s for s in on_disk(tmp_path).stages if not s.deleted_at]
    assert len(stages[0].contacts) == 2 and "Balai desa" not in {s.place for s in stages}
    return done


def _evaluation(term: Terminal, tmp_path: Path) -> set[str]:
    done: set[str] = set()
    goto_cycle(term, "evaluation", "Evaluasi & terminasi")
    term.wait_for(r"Berjalan lancar Ya\s+▼")
    term.press("enter")
    term.wait_for(r"Berjalan lancar Ya\s+▲")
    term.press("down", "enter")
    term.wait_for(r"Berjalan lancar Tidak\s+▼")
    done.add("Enter pada pilihan")

    def smooth() -> Any:
        return on_disk(tmp_path).evaluation.checklist[0]

    wait_until(term, lambda: smooth().achieved is False, "the answer was not saved")
    term.press("tab", "end")
    term.type(" Q")
    term.press("enter")
    wait_until(term, lambda: smooth().note.endswith("lancar. Q"),
               "Enter did not save the note")
    done.add("Enter pada isian teks")
    term.press("shift+tab", "enter")  # back on the choice: Enter opens it
    term.wait_for(r"Berjalan lancar Tidak\s+▲")
    term.press("escape")
    term.wait_for(r"Berjalan lancar Tidak\s+▼")
    done.add("Tab / Shift+Tab")
    term.press(*["tab"] * 9)  # past the checklist: the first list's "add" field
    term.type("Kader posyandu ikut")
    term.press("enter")
    term.wait_for(r"• Kader posyandu ikut")
    done.add("ketik + Enter")
    term.press("shift+tab")  # the list of supporting factors, on its first item
    term.press("delete")
    wait_until(term, lambda: "Semangat para anggota" not in term.text(), "Del left the item")
    done.add("Del pada butir")
    term.press(*["tab"] * 8)  # past the other lists: the quotes
    term.press("enter")
    term.wait_for(r"Ubah kutipan")
    term.press("escape")
    done.add("Enter pada kutipan")
    factors = on_disk(tmp_path).evaluation.supporting_factors
    assert factors[-1] == "Kader posyandu ikut" and not factors[0].startswith("Semangat")
    return done


def _capacity(term: Terminal, tmp_path: Path) -> set[str]:
    done: set[str] = set()
    goto_cycle(term, "capacity", "Kapasitas")
    first = r"Menggali kebutuhan dan masalah     "
    second = r"Menggali sistem sumber dan potensi "
    term.press("5")
    term.wait_for(first + r"█████ 5    ████░ 4")
    term.press("right", "1")
    term.wait_for(first + r"█████ 5    █░░░░ 1")
    term.press("down", "3")
    term.wait_for(second + r"█░░░░ 1    ███░░ 3")
    term.press("left", "2")
    term.wait_for(second + r"██░░░ 2    ███░░ 3")
    done |= {"↑ ↓", "← →", "1-5"}
    term.press("0")
    term.wait_for(second + r"·····      ███░░ 3")
    term.press("up", "delete")
    term.wait_for(first + r"·····      █░░░░ 1")
    done.add("0 atau Del")
    term.press("p")
    term.wait_for(r"Penilai: Rata-rata peserta  \(2/17\)")
    term.press("P")
    term.wait_for(r"Penilai: Kelompok \(bersama\)  \(1/17\)")
    done.add("P / Shift+P")
    group = {(r.competency, r.phase): r.score for r in on_disk(tmp_path).capacity
             if r.participant_id is None and not r.anonymous and r.deleted_at is None}
    for competency, after in zip(list(Competency)[:2], (1, 3), strict=True):
        assert (competency, AssessmentPhase.BEFORE) not in group  # cleared
        assert group[(competency, AssessmentPhase.AFTER)] == after
    return done


def test_actions_stages_evaluation_capacity_keys(example: Path, tmp_path: Path) -> None:
    for term in open_at(example, tmp_path, Step.ORDER):
        actions = _actions(term, tmp_path)
        stages = _stages(term, tmp_path)
        evaluation = _evaluation(term, tmp_path)
        capacity = _capacity(term, tmp_path)
    covered("Rencana aksi", actions)
    covered("Pendampingan", stages)
    covered("Evaluasi & terminasi", evaluation)
    covered("Kapasitas", capacity)
