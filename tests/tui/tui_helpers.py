"""Helpers shared by the TUI tests (import as ``from tui_helpers import ...``)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from mpa_tui.domain import Location, Session
from mpa_tui.store import Store
from mpa_tui.tui.app import MpaApp, make_app

SIZE = (80, 24)
FROZEN = datetime(2026, 1, 2, 9, 30, 15)
HOSTILE = "[red]x[/] [b [@click=app.quit]"


def frozen_clock() -> datetime:
    """A fixed "now" so the status line reads "Tersimpan 09:30:15"."""
    return FROZEN


def app_for(store: Store, **kw: Any) -> MpaApp:
    """The app on ``store`` with the frozen clock."""
    kw.setdefault("clock", frozen_clock)
    return make_app(store=store, **kw)


def reload(data_dir: Path, session_id: str) -> Session:
    """The session as a NEW Store reads it from disk (read-only open, no lock needed)."""
    st = Store.open(data_dir, lock=False)
    try:
        return st.repo.load(session_id)
    finally:
        st.close()


def make_session(store: Store, name: str = "Mentari", **kw: Any) -> Session:
    """Create and save a session with fixed dates/ids (deterministic snapshots)."""
    kw.setdefault("location", Location(village="Nagrak", subdistrict="Darangdan",
                                       regency="Purwakarta", province="Jawa Barat"))
    kw.setdefault("start_date", date(2023, 6, 8))
    session = Session(group_name=name, **kw)
    store.repo.create(session)
    return session
