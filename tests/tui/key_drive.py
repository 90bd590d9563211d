"""Shared by the real-terminal key tests: the example data folder, a start at one step,
and waits that end with a failure."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pty_term import Terminal
from readme_tables import table

from mpa_tui.data import install_example
from mpa_tui.domain import Session, Step
from mpa_tui.store import Store


@pytest.fixture(scope="module", name="example")
def example_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder holding the example session (what ``mpa demo`` saves)."""
    data = tmp_path_factory.mktemp("example") / "data"
    with Store.open(data) as st:
        install_example(st.repo)
    return data


SLOW_KEYS = """
import pathlib, time
from textual.widgets import Input
_flag, _on_key = pathlib.Path({flag!r}), Input._on_key
async def _slow_on_key(self, event):
    if _flag.exists():
        time.sleep(0.03)
    return await _on_key(self, event)
Input._on_key = _slow_on_key
"""
"""A prelude: while the file ``flag`` exists a text field takes 30 ms per key, as on a
slow laptop (what is typed must still reach it before a key typed after it acts)."""


def open_at(example: Path, tmp_path: Path, step: Step,
            edit: Callable[[object], None] | None = None,
            lang: str = "id") -> Iterator[Terminal]:
    """One start of the app on a copy of ``example``, the session opened at ``step``
    (``edit`` changes the session first), in the UI language ``lang``; iterate once, the
    app is stopped after. ``slow_keys(tmp_path)`` is the flag file of :data:`SLOW_KEYS`."""
    data = tmp_path / "data"
    shutil.copytree(example, data)
    with Store.open(data) as st:
        session = st.repo.load(st.repo.list()[0].id)
        session.current_step = step
        if edit:
            edit(session)
        st.repo.save(session)
    term = Terminal(data, lang=lang, prelude=SLOW_KEYS.format(flag=str(slow_keys(tmp_path))))
    try:
        term.wait_for("Mentari")
        term.press("enter")
        term.wait_for(rf"(Langkah|Step) {int(step)}:")
        yield term
    finally:
        term.close()


def look(term: Terminal) -> tuple[str, frozenset[tuple[str, str]]]:
    """The screen's text and the colours it uses."""
    colours = {(c.fg, c.bg) for row in term.screen.buffer.values() for c in row.values()}
    return term.text(), frozenset(colours)


def changes(term: Terminal, keys: tuple[str, ...], timeout: float = 10.0) -> None:
    """Press ``keys`` and wait until the screen (text or colours) differs; fail if never."""
    before = look(term)
    term.press(*keys)
    end = time.monotonic() + timeout
    while look(term) == before and time.monotonic() < end:
        term.pump(0.05)
    assert look(term) != before, f"{keys} changed nothing on screen:\n{before[0]}"


def wait_until(term: Terminal, ok: Callable[[], bool], what: str,
               timeout: float = 20.0) -> None:
    """Keep reading the screen until ``ok()``; fail with ``what`` and the screen if never."""
    end = time.monotonic() + timeout
    while not ok() and time.monotonic() < end:
        term.pump(0.05)
    assert ok(), f"{what}:\n{term.text()}"


def covered(prefix: str, done: set[str]) -> None:
    missing = set(table(prefix)) - done
    assert missing == set(), f"README keys of {prefix!r} not driven: {missing}"




def on_disk(tmp_path: Path) -> Session:
    """The one session of ``open_at``'s data folder as a new reader sees it on disk."""
    st = Store.open(tmp_path / "data", lock=False)
    try:
        return st.repo.load(st.repo.list()[0].id)
    finally:
        st.close()


CYCLE = ("resources", "network", "actions", "stages", "evaluation", "capacity")
"""The F12 chooser's entries around the workshop, in its order (export follows them)."""


def goto_cycle(term: Terminal, key: str, title: str) -> None:
    """Open the screen around the workshop ``key`` through F12 and wait for its ``title``."""
    term.press("f12")
    term.wait_for(r"Pindah ke bagian sesi|Go to a part of the session")
    term.press("end", *["up"] * (len(CYCLE) - CYCLE.index(key)), "enter")
    term.wait_for(rf"\n {title} · ")
    term.settle()


def focus_is(term: Terminal, before: str, typed: str = "Q") -> None:
    """Show that the focused text field ends with ``before``: a typed ``Q`` lands after it
    (then is taken back)."""
    term.settle(quiet=0.2)  # a field selects all its text once focused: End after that
    term.press("end")
    term.type(typed)
    term.wait_for(re.escape(before + typed))
    term.press("backspace")
    term.wait_for(re.escape(before) + r"(?!" + re.escape(typed) + ")")


def click(term: Terminal, x: int, y: int) -> None:
    """A left click at column ``x``, row ``y`` (0-based), as an xterm reports it (SGR)."""
    for end in ("M", "m"):
        os.write(term.master, f"\x1b[<0;{x + 1};{y + 1}{end}".encode())
        time.sleep(0.05)


def slow_keys(tmp_path: Path) -> Path:
    """The flag file that makes ``open_at``'s text fields slow while it exists."""
    return tmp_path / "slow-keys"
