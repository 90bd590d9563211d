"""A note shown in the notes pane survives kill -9 at once: the app is killed the moment
the note is listed, and a new Store finds it on disk (a real process in a real pty)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyte")

from pty_term import Terminal  # noqa: E402
from tui_helpers import reload  # noqa: E402

from mpa_tui.domain import Participant, Session, Step  # noqa: E402
from mpa_tui.domain.note import NoteTopic, Speaker  # noqa: E402
from mpa_tui.store import Store  # noqa: E402

pytestmark = pytest.mark.slow


def test_a_listed_note_survives_kill_9(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    st = Store.open(data_dir)
    try:
        session = Session(group_name="Mentari", current_step=Step.GROUP,
                          participants=[Participant(name="Siti", seat=0)])
        st.repo.create(session)
    finally:
        st.close()
    term = Terminal(data_dir)
    try:
        term.wait_for("Mentari")
        term.press("enter")
        term.wait_for(r"Langkah 4: Kelompokkan")
        term.press("alt+c")
        term.wait_for(r"Catatan proses — Langkah 4")
        term.press("alt+p")
        term.wait_for(r"Pembicara: Kelompok")
        term.type("Kami gabung kartu modal")
        term.press("enter")
        term.wait_for(r"\d\d[.:]\d\d · Kelompok  Kami gabung kartu modal")
        term.proc.kill()  # SIGKILL, the moment the note is on screen
        term.proc.wait(10)
    finally:
        term.close()
    notes = reload(data_dir, session.id).notes
    assert [(n.text, n.topic, n.speaker) for n in notes] == [
        ("Kami gabung kartu modal", NoteTopic.GROUP, Speaker.GROUP)]
