"""SessionController without Textual: durable edits, undo/redo, refused edits, failed saves."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from tui_helpers import FROZEN, frozen_clock, make_session, reload

from mpa_tui.domain import DomainError, Session, Step, ops
from mpa_tui.store import SaveError, SessionReadOnlyError, Store, StoreError
from mpa_tui.tui.controller import Change, SessionController


def _controller(store: Store) -> tuple[SessionController, list[Change]]:
    session = make_session(store)
    ctl = SessionController.open(store.repo, session.id, clock=frozen_clock)
    seen: list[Change] = []
    ctl.subscribe(seen.append)
    return ctl, seen


def test_edit_is_on_disk_when_it_returns(store: Store, data_dir: Path) -> None:
    ctl, seen = _controller(store)
    card = ctl.edit(lambda s: ops.add_card(s, "Modal kurang"))
    assert reload(data_dir, ctl.session.id).card(card.id) is not None
    assert ctl.saved_at == FROZEN and not ctl.pending
    assert seen == [Change("edit", replaced=False, saved=True)]


def test_undo_redo_are_saved_and_replace_the_session(store: Store, data_dir: Path) -> None:
    ctl, seen = _controller(store)
    ctl.edit(lambda s: ops.add_card(s, "A"))
    ctl.edit(lambda s: ops.add_card(s, "B"))
    before = ctl.session
    assert ctl.undo() and ctl.session is not before
    assert [c.text for c in reload(data_dir, ctl.session.id).cards] == ["A"]
    assert ctl.undo() and not ctl.undo() and not ctl.can_undo
    assert reload(data_dir, ctl.session.id).cards == []
    assert ctl.redo() and ctl.redo() and not ctl.redo()
    assert [c.text for c in reload(data_dir, ctl.session.id).cards] == ["A", "B"]
    assert [c.kind for c in seen[2:]] == ["undo", "undo", "redo", "redo"]
    assert all(c.replaced for c in seen[2:])
    # a new edit clears the redo history
    ctl.undo()
    ctl.edit(lambda s: ops.add_card(s, "C"))
    assert not ctl.can_redo


def test_undo_keeps_the_current_step(store: Store, data_dir: Path) -> None:
    ctl, _ = _controller(store)
    ctl.edit(lambda s: ops.add_card(s, "A"))
    ctl.edit(lambda s: setattr(s, "current_step", Step.COUNT), undoable=False)
    ctl.undo()
    on_disk = reload(data_dir, ctl.session.id)
    assert on_disk.cards == [] and on_disk.current_step == Step.COUNT


@pytest.mark.parametrize("bad", [
    lambda s: ops.add_card(s, "   "),                       # ValidationError
    lambda s: ops.set_title(s, "nope", "x"),                 # DomainError
])
def test_refused_edit_changes_nothing(store: Store, data_dir: Path, bad) -> None:  # type: ignore[no-untyped-def]
    ctl, seen = _controller(store)
    before = ctl.session.model_dump_json()
    with pytest.raises((ValidationError, DomainError)):
        ctl.edit(bad)
    assert ctl.session.model_dump_json() == before and not ctl.can_undo and seen == []


def test_half_done_edit_is_reverted(store: Store, data_dir: Path) -> None:
    ctl, seen = _controller(store)

    def half(s: Session) -> None:
        ops.add_card(s, "first")
        ops.add_card(s, "")  # refused after a change was made

    with pytest.raises(ValidationError):
        ctl.edit(half)
    assert ctl.session.cards == [] and seen[-1].kind == "reverted" and seen[-1].replaced
    assert reload(data_dir, ctl.session.id).cards == []


def test_failed_save_keeps_change_and_retries(store: Store, data_dir: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    ctl, seen = _controller(store)
    real = store.repo.save
    fail = {"n": 2}

    def flaky(s: Session) -> None:
        if fail["n"]:
            fail["n"] -= 1
            raise SaveError(OSError(5, "I/O error"))
        real(s)

    monkeypatch.setattr(store.repo, "save", flaky)
    ctl.edit(lambda s: ops.add_card(s, "kept"))
    assert ctl.pending and ctl.last_error is not None and ctl.last_error.key == "io_error"
    assert seen[-1] == Change("edit", replaced=False, saved=False)
    assert [c.text for c in ctl.session.cards] == ["kept"]
    assert not ctl.retry_save()
    assert ctl.retry_save() and not ctl.pending and ctl.last_error is None
    assert seen[-1] == Change("saved", replaced=False, saved=True)
    assert [c.text for c in reload(data_dir, ctl.session.id).cards] == ["kept"]


def test_read_only_session_refuses(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    session = make_session(store)
    monkeypatch.setattr(store.repo, "is_read_only", lambda sid: True)
    ctl = SessionController.open(store.repo, session.id)
    with pytest.raises(SessionReadOnlyError):
        ctl.edit(lambda s: ops.add_card(s, "x"))
    assert ctl.session.cards == [] and not ctl.can_undo


def test_undo_history_is_bounded(store: Store) -> None:
    session = make_session(store)
    ctl = SessionController.open(store.repo, session.id, undo_limit=3)
    for i in range(5):
        ctl.edit(lambda s, i=i: ops.add_card(s, f"c{i}"))
    undone = 0
    while ctl.undo():
        undone += 1
    assert undone == 3 and [c.text for c in ctl.session.cards] == ["c0", "c1"]


def test_a_write_the_store_refuses_keeps_nothing(store: Store, data_dir: Path) -> None:
    # A store that refuses outright (not a disk failure to retry: here opened without the
    # lock; likewise a damaged file it must not overwrite) raised out of edit() with the
    # change still in memory: the screen would show a card that is not on disk.
    ctl, seen = _controller(store)
    ctl.edit(lambda s: ops.add_card(s, "A"))
    refusing = Store.open(data_dir, lock=False)
    try:
        ctl.repo = refusing.repo
        with pytest.raises(StoreError) as info:
            ctl.edit(lambda s: ops.add_card(s, "B"))
        assert info.value.key == "not_locked"
        assert [c.text for c in ctl.session.cards] == ["A"] and not ctl.pending
        assert ctl.can_undo and not ctl.can_redo
        assert seen[-1] == Change("reverted", replaced=True, saved=True)
        with pytest.raises(StoreError):
            ctl.undo()
        assert [c.text for c in ctl.session.cards] == ["A"] and ctl.can_undo
    finally:
        refusing.close()
    assert [c.text for c in reload(data_dir, ctl.session.id).cards] == ["A"]


def test_an_undone_edit_does_not_come_back_with_a_bundle_sent_before_the_undo(
        store: Store) -> None:
    """Undo counts as an edit: a bundle exported between the edit and the undo (say, to a
    co-facilitator) must not re-apply the undone edit when it is merged back."""
    from mpa_tui.export.bundle import render_bundle
    from mpa_tui.export.importer import parse_bundle
    from mpa_tui.export.merge import merge_sessions
    from mpa_tui.export.private import restore_private

    s = Session(group_name="KWT Mawar")
    card = ops.add_card(s, "Jalan rusak")
    ctl = SessionController.create(store.repo, s)
    ctl.edit(lambda x: ops.soft_delete(x, "cards", card.id))  # a mistake ...
    data = render_bundle(ctl.session, with_names=True)  # ... sent before it was undone
    sent = parse_bundle(data if isinstance(data, bytes) else data.encode())
    ctl.undo()
    assert ctl.session.cards[0].deleted_at is None
    merged = merge_sessions(ctl.session, restore_private(ctl.session, sent))
    assert merged.session.cards[0].deleted_at is None
