"""Process notes in the bundle: they travel, merge by their edit counts like every entity,
and a bundle or document without names codes who said them and any name in their words."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from notes_fixtures import MARKUP, TRASHED, notes_session
from test_private_exports import WORDS, _all_text, _names_found

from mpa_tui.domain.note import Note, NoteTopic, Speaker
from mpa_tui.domain.notes import add_note, delete_note, edit_note, notes_by_topic
from mpa_tui.domain.privacy import participant_codes
from mpa_tui.domain.session import Session
from mpa_tui.export.bundle import render_bundle
from mpa_tui.export.importer import import_paths
from mpa_tui.export.merge import merge_sessions
from mpa_tui.export.writer import export_session
from mpa_tui.store import Store


def _live(session: Session) -> list[tuple[str, str, str, str | None, str | None, bool]]:
    return [(n.id, n.text, n.created_at.isoformat(), n.speaker, n.participant_id, n.quote)
            for _, notes in notes_by_topic(session) for n in notes]


def _bundle(session: Session, folder: Path, *, with_names: bool) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    result = export_session(session, folder, formats="json", with_names=with_names)
    return next(result.folder.glob("*_sesi.mpa.json"))


def test_a_bundle_with_names_imports_into_a_fresh_store_with_equal_notes(
        tmp_path: Path) -> None:
    session = notes_session()
    path = _bundle(session, tmp_path / "stick", with_names=True)
    with Store.open(tmp_path / "data") as store:
        assert [i.status for i in import_paths(store, [path]).items] == ["added"]
        loaded = store.repo.load(session.id)
    assert [n for n in loaded.notes if n.deleted_at is None] == [
        n for n in session.notes if n.deleted_at is None]
    assert _live(loaded) == _live(session)
    gone = next(n for n in loaded.notes if n.deleted_at is not None)  # a tombstone
    assert gone.text != TRASHED and gone.speaker is Speaker.PARTICIPANT


def test_documents_and_bundle_without_names_show_codes_only(tmp_path: Path) -> None:
    session = notes_session()
    siti = session.participants[0]
    add_note(session, "Siti Aminah dan bu siti bilang modal kurang", NoteTopic.COUNT,
             participant_id=siti.id)
    files = _all_text(export_session(session, tmp_path).folder)
    assert "laporan.docx:word/document.xml" in files and "sesi.mpa.json" in files
    assert [f for f in _names_found(files) if f.split(" in ")[0] in ("siti", "aminah")] == []
    code = participant_codes(session)[siti.id]
    assert f"{code}: {code} dan bu {code} bilang modal kurang" in files["ringkasan.md"]
    assert TRASHED not in "".join(files.values())
    bundle = json.loads(files["sesi.mpa.json"])["session"]
    notes = {n["id"]: n for n in bundle["notes"]}
    assert len(notes) == len(session.notes)  # coded bundles keep notes
    spoken = [n for n in notes.values() if n["participant_id"] == siti.id]
    assert spoken and all(n["speaker"] == "peserta" for n in spoken)  # her id, not her name
    (tmp_path / "named").mkdir()
    named = _all_text(export_session(session, tmp_path / "named", with_names=True).folder)
    assert {"siti", "aminah"} <= {f.split(" in ")[0] for f in _names_found(named)} <= set(WORDS)


def test_a_coded_bundle_merged_back_keeps_the_names_typed_here(tmp_path: Path) -> None:
    session = notes_session()
    path = _bundle(session, tmp_path / "stick", with_names=False)
    with Store.open(tmp_path / "data") as store:
        store.repo.create(session)
        assert [i.status for i in import_paths(store, [path]).items] == ["unchanged"]
        assert _live(store.repo.load(session.id)) == _live(session)


def _laptops() -> tuple[Session, Session, Note]:
    """Two copies of one session, each about to take its own notes."""
    base = notes_session()
    shared = add_note(base, "Dicatat sebelum berpisah", NoteTopic.ACTIONS, speaker=Speaker.GROUP)
    base = Session.model_validate(base.model_dump())
    a = Session.model_validate(base.model_dump())
    b = Session.model_validate(base.model_dump())
    return a, b, shared


def test_two_laptops_notes_merge_and_more_edits_win_over_a_delete(tmp_path: Path) -> None:
    a, b, shared = _laptops()
    mine = add_note(a, "Catatan laptop A", NoteTopic.ACTIONS, speaker=Speaker.FACILITATOR)
    theirs = add_note(b, "Catatan laptop B", NoteTopic.ORDER, quote=True,
                      speaker=Speaker.GROUP)
    edit_note(a, shared.id, text="Diperbaiki di A")
    edit_note(a, shared.id, quote=True)  # two edits here ...
    delete_note(b, shared.id)  # ... one there
    merged = merge_sessions(a, b).session
    texts = {n.text for _, notes in notes_by_topic(merged) for n in notes}
    assert {mine.text, theirs.text, "Diperbaiki di A"} <= texts
    # The same through real bundles into a store holding laptop A's copy.
    path = _bundle(b, tmp_path / "stick", with_names=True)
    with Store.open(tmp_path / "data") as store:
        store.repo.create(a)
        assert [i.status for i in import_paths(store, [path]).items] == ["merged"]
        stored = store.repo.load(a.id)
    assert _live(stored) == _live(merged)


def test_a_delete_with_more_edits_wins_over_an_edit() -> None:
    a, b, shared = _laptops()
    edit_note(a, shared.id, text="Diperbaiki di A")
    edit_note(b, shared.id, text="Diperbaiki di B")
    delete_note(b, shared.id)
    # B's clock is behind: the count of edits decides, not the time.
    for note in b.notes:
        if note.id == shared.id:
            note.updated_at -= timedelta(days=2)
    merged = merge_sessions(a, b).session
    assert shared.id not in {n.id for _, notes in notes_by_topic(merged) for n in notes}
    assert _live(merge_sessions(b, a).session) == _live(merged)  # whichever side is local


def test_markup_in_a_note_travels_as_it_was_typed() -> None:
    session = notes_session()
    data = json.loads(render_bundle(session, with_names=True))
    assert MARKUP in {n["text"] for n in data["session"]["notes"]}
