"""Promise 2: a failing disk (ENOSPC, EIO, EROFS) never damages what is saved.

``os.write``, ``os.fsync`` and ``os.replace`` are replaced in-process by versions that raise
the chosen error when called from mpa_tui's store code (nothing else in the process is
affected). The save must fail with a translated :class:`SaveError`, leave the previous
version on disk byte for byte, leave no temp file behind, and succeed once the fault
clears. Through the TUI (Pilot): the red banner shows the reason, the change stays in
memory, it is retried, and it is saved when the fault clears.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from rel_util import FULL, tree

from mpa_tui.domain import Session, Step, ops
from mpa_tui.i18n import t
from mpa_tui.store import SaveError, Store
from mpa_tui.store.atomic import is_temp_name

pytestmark = pytest.mark.reliability

FUNCS = ("write", "fsync", "replace")
ERRNOS = {"ENOSPC": errno.ENOSPC, "EIO": errno.EIO, "EROFS": errno.EROFS}
KEYS = {"ENOSPC": "disk_full", "EIO": "io_error", "EROFS": "read_only"}


class Fault:
    """A switchable fault in one ``os`` function, only for calls from mpa_tui.store."""

    def __init__(self, func: str, err: int) -> None:
        self.func = func
        self.err = err
        self.active = True
        self.raised = 0
        self.original: Callable[..., Any] = getattr(os, func)

    def __call__(self, *args: Any, **kw: Any) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if self.active and caller.startswith("mpa_tui.store"):
            self.raised += 1
            raise OSError(self.err, os.strerror(self.err))
        return self.original(*args, **kw)


@contextmanager
def fault(monkeypatch: pytest.MonkeyPatch, func: str, err: int) -> Iterator[Fault]:
    f = Fault(func, err)
    monkeypatch.setattr(os, func, f)
    try:
        yield f
    finally:
        monkeypatch.setattr(os, func, f.original)


def _no_temps(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if is_temp_name(p.name)]


@pytest.mark.parametrize("name", list(ERRNOS))
@pytest.mark.parametrize("func", FUNCS)
def test_failed_save_keeps_previous_version(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                            func: str, name: str) -> None:
    session = Session(group_name="Mentari")
    ops.add_card(session, "Modal")
    with Store.open(data_dir) as store:
        store.repo.create(session)
        path = store.repo.path_of(session.id)
        before = path.read_bytes()
        ops.add_card(session, "Pemasaran sulit")
        with fault(monkeypatch, func, ERRNOS[name]) as f, pytest.raises(SaveError) as info:
            store.repo.save(session)
        assert f.raised >= 1
        assert info.value.key == KEYS[name]
        assert info.value.errno == ERRNOS[name]
        message = t(f"store.error.{info.value.key}")
        assert message != f"store.error.{info.value.key}"  # translated
        assert path.read_bytes() == before, "the previous version was touched"
        assert _no_temps(data_dir)
        # The fault clears: the same session object saves (retry), fully.
        store.repo.save(session)
    with Store.open(data_dir) as store:
        assert store.damage_reports == []
        texts = [c.text for c in store.repo.load(session.id).cards]
    assert texts == ["Modal", "Pemasaran sulit"]
    print(f"\nfault {func}/{name}: previous version intact, saved after the fault cleared")


def test_failing_folder_fsync_after_replace_is_old_or_new_never_half(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the folder fsync fails (after the rename): the file is whole (old or new) and
    the save is reported as failed, so the UI keeps retrying."""
    session = Session(group_name="Mentari")
    with Store.open(data_dir) as store:
        store.repo.create(session)
        ops.add_card(session, "Izin usaha")
        calls = {"n": 0}
        real = os.fsync

        def second_fsync_fails(fd: int) -> None:
            calls["n"] += 1
            if calls["n"] >= 2 and sys._getframe(1).f_globals["__name__"].startswith(
                    "mpa_tui.store"):
                raise OSError(errno.EIO, "I/O error")
            real(fd)

        monkeypatch.setattr(os, "fsync", second_fsync_fails)
        with pytest.raises(SaveError):
            store.repo.save(session)
        monkeypatch.setattr(os, "fsync", real)
        store.repo.save(session)
    with Store.open(data_dir) as store:
        assert store.damage_reports == []
        assert [c.text for c in store.repo.load(session.id).cards] == ["Izin usaha"]


@pytest.mark.parametrize("name", list(ERRNOS) if FULL else ["ENOSPC"])
async def test_tui_banner_retry_and_save_when_fault_clears(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    pytest.importorskip("mpa_tui.tui.screens.capture", reason="capture screen not ready")
    from textual.widgets import Input

    from mpa_tui.tui.app import make_app
    from mpa_tui.tui.widgets import SaveBanner

    store = Store.open(data_dir)
    try:
        session = Session(group_name="Mentari", current_step=Step.WRITE)
        store.repo.create(session)
        path = store.repo.path_of(session.id)
        app = make_app(store=store)
        app.RETRY_SECONDS = 0.05  # type: ignore[misc]
        async with app.run_test(size=(80, 24)) as pilot:
            assert app.open_session(session.id)
            await pilot.pause()
            assert app.screen.query_one("#card-text", Input).has_focus
            before = path.read_bytes()
            with fault(monkeypatch, "replace", ERRNOS[name]) as f:
                await pilot.press(*"Modal", "enter")
                await pilot.pause()
                banner = app.screen.query_one(SaveBanner)
                assert banner.has_class("-visible")
                shown = str(banner.render())
                assert t(f"store.error.{KEYS[name]}") in shown
                assert app.controller is not None and app.controller.pending
                assert [c.text for c in app.controller.session.cards] == ["Modal"]
                assert path.read_bytes() == before  # not on disk yet, old file intact
                raised = f.raised
                for _ in range(40):  # the timer retries while the fault lasts
                    await pilot.pause(0.05)
                    if f.raised >= raised + 2:
                        break
                assert f.raised >= raised + 2, "the save was not retried"
                assert banner.has_class("-visible")
                # Leaving the session or quitting would drop the change: both wait.
                screen = app.screen
                await pilot.press("f9")
                await pilot.pause()
                assert app.screen is screen and app.controller is not None
                await pilot.press("ctrl+q")
                await pilot.pause()
                assert app.is_running, "quit while a save was pending, without a warning"
            # The fault cleared: the next retry saves and the banner goes away.
            for _ in range(60):
                await pilot.pause(0.05)
                if not app.controller.pending:
                    break
            assert not app.controller.pending
            assert not app.screen.query_one(SaveBanner).has_class("-visible")
        with Store.open(data_dir, lock=False) as check:
            assert [c.text for c in check.repo.load(session.id).cards] == ["Modal"]
        assert _no_temps(data_dir)
        print(f"\ntui fault {name}: banner shown, {f.raised} failed attempts, saved after clear")
    finally:
        store.close()


def test_fault_tree_untouched_when_every_write_fails(data_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole read-only disk: nothing at all changes in the folder, not even the index."""
    session = Session(group_name="Mentari")
    with Store.open(data_dir) as store:
        store.repo.create(session)
        before = tree(data_dir)
        for func in FUNCS:
            with fault(monkeypatch, func, errno.EROFS):
                ops.add_card(session, f"kartu {func}")
                with pytest.raises(SaveError):
                    store.repo.save(session)
        assert tree(data_dir) == before
