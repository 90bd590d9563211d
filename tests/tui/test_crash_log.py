"""An unexpected error in the TUI prints one line in the UI language with the path of a
crash log (0600, in the data folder) and exits non-zero; neither the terminal nor the log
carries the card text (a real subprocess in a pseudo-terminal)."""

from __future__ import annotations

import stat
import time
from pathlib import Path

from pty_term import Terminal

from mpa_tui.domain import Participant, Session, Step
from mpa_tui.store import Store
from mpa_tui.tui.crash import crash_report

SECRET = "Rahasia Ibu Siti 0812"
BREAK = """
import mpa_tui.domain.ops as ops
def add_card(session, text, *args, **kw):
    secret = text
    raise RuntimeError("cannot add " + secret)
ops.add_card = add_card
"""


def test_crash_prints_one_line_and_no_card_text(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    st = Store.open(data_dir)
    try:
        st.repo.create(Session(group_name="Mentari", current_step=Step.WRITE,
                               participants=[Participant(name="Siti")]))
    finally:
        st.close()
    term = Terminal(data_dir, prelude=BREAK)
    raw = b""
    try:
        term.wait_for("Mentari")
        term.press("enter")
        term.wait_for("Jenis: masalah")
        term.type(SECRET)
        term.wait_for(SECRET)
        term.press("enter")
        deadline = time.monotonic() + 20
        while term.proc.poll() is None and time.monotonic() < deadline:
            term.pump(0.1)
        term.pump(0.3)
        assert term.proc.poll() == 1, term.text()
        raw = term.raw
    finally:
        term.close()
    # What the terminal shows after the app left its screen (the alternate screen).
    after = raw.rsplit(b"\x1b[?1049l", 1)[-1].decode("utf-8", "replace")
    assert SECRET not in after and "Traceback" not in after, after
    lines = [ln for ln in after.replace("\r", "").splitlines() if ln.strip()]
    assert len(lines) == 1 and "Catatan kesalahan:" in lines[0], lines
    logs = sorted(data_dir.glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in lines[0]
    assert stat.S_IMODE(logs[0].stat().st_mode) == 0o600
    text = logs[0].read_text(encoding="utf-8")
    assert "RuntimeError" in text and "add_card" in text
    assert "Rahasia" not in text and "Siti" not in text


def test_report_has_frames_but_no_message_or_locals() -> None:
    def fail(card_text: str) -> None:
        raise ValueError(f"bad {card_text}")

    try:
        try:
            fail(SECRET)
        except ValueError as exc:
            raise KeyError(SECRET) from exc
    except KeyError as err:
        report = crash_report(err)
    assert "ValueError" in report and "KeyError" in report and "in fail" in report
    assert "Rahasia" not in report
