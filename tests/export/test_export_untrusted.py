"""Bundles built to hurt (issue D1-D5): each is refused with its file's name and reason,
the store is left byte for byte as it was, and the good bundle beside it still goes in."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from export_fixtures import make_session

from mpa_tui.domain import ops
from mpa_tui.domain.session import Session
from mpa_tui.export.bundle import build_bundle, session_checksum
from mpa_tui.export.importer import import_paths
from mpa_tui.store import Store

Doc = dict[str, Any]


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != "lock"}


def _write(folder: Path, name: str, doc: Doc, *, resign: bool = True) -> Path:
    if resign:
        # Python's json writes big integers exactly, as a hostile tool would.
        doc["sha256"] = session_checksum(doc["session"])
    path = folder / name / "sesi.mpa.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return path


def _quote(doc: Doc) -> Doc:
    return {"id": "q1", "text": "kata mereka", "created_at": doc["session"]["created_at"],
            "updated_at": doc["session"]["created_at"]}


def _edit(doc: Doc, case: str) -> None:
    s = doc["session"]
    if case == "seat_2_64":
        s["participants"][0]["seat"] = 2**64
    elif case == "seat_2_63":
        s["participants"][0]["seat"] = 2**63 - 1
    elif case == "hand_votes_negative_huge":
        s["categories"][0]["hand_votes"] = -(2**70)
    elif case == "year_9999":
        s["priority_confirmed_at"] = "9999-12-31T23:59:59Z"
    elif case == "year_1":
        s["cards"][0]["updated_at"] = "0001-01-01T00:00:00+01:00"
    elif case == "date_9999":
        s["start_date"] = "9999-12-31"
    elif case == "lone_surrogate":
        s["cards"][0]["text"] = "\ud800"
    elif case == "no_created_at":
        del s["cards"][0]["created_at"]
    elif case == "no_updated_at":
        del s["participants"][0]["updated_at"]
    elif case == "duplicate_quotes":
        s["evaluation"]["quotes"] = [_quote(doc), _quote(doc)]
    elif case == "too_many_participants":
        p = s["participants"][0]
        s["participants"] = [{**p, "id": f"p{i}", "seat": i} for i in range(201)]


CASES = ["seat_2_64", "seat_2_63", "hand_votes_negative_huge", "year_9999", "year_1",
         "date_9999", "lone_surrogate", "no_created_at", "no_updated_at",
         "duplicate_quotes", "too_many_participants"]


@pytest.fixture
def good() -> Session:
    s = make_session()
    assert s.participants and s.cards and s.categories
    return s


@pytest.mark.parametrize("target", ["new", "existing"])
def test_hostile_bundle_refused_named_and_the_good_one_still_goes_in(
        tmp_path: Path, good: Session, target: str) -> None:
    data = tmp_path / "data"
    other = make_session()  # a second, unrelated session: the good bundle of the batch
    with Store.open(data) as store:
        if target == "existing":
            store.repo.create(good)
    base = build_bundle(good, with_names=True)
    for case in CASES:
        before = _tree(data) if data.exists() else {}
        doc = copy.deepcopy(base)
        _edit(doc, case)
        bad = _write(tmp_path / case, "bad", doc)
        fine = tmp_path / case / "fine.mpa.json"
        fresh = other.model_copy(deep=True, update={"id": f"x{abs(hash(case)) % 10**8}"})
        fine.write_text(json.dumps(build_bundle(fresh, with_names=True)), encoding="utf-8")
        with Store.open(data) as store:
            result = import_paths(store, [bad, fine], lang="en")
        statuses = {i.path.name: i.status for i in result.items}
        assert statuses == {"sesi.mpa.json": "failed", "fine.mpa.json": "added"}, (case, result)
        failed = result.failed[0]
        assert "sesi.mpa.json" in failed.error and "Traceback" not in failed.error, case
        # The store holds the good one and nothing of the bad one.
        after = _tree(data)
        assert {k: v for k, v in after.items() if k in before and "index" not in k} == {
            k: v for k, v in before.items() if "index" not in k}, case
        with Store.open(data) as store:
            for summary in store.repo.list(include_trashed=True):
                store.repo.load(summary.id)  # every stored session still opens


def test_a_bundle_of_another_group_with_a_known_id_is_refused(tmp_path: Path,
                                                             good: Session) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.repo.create(good)
    doc = build_bundle(good, with_names=True)
    doc["session"]["group_name"] = "Kelompok Lain Sama Sekali"
    path = _write(tmp_path, "other", doc)
    before = _tree(data)
    with Store.open(data) as store:
        result = import_paths(store, [path], lang="en")
        assert store.repo.load(good.id).group_name == good.group_name
    assert result.items[0].error_key == "other_group", result.items[0].error
    assert _tree(data) == before


def test_checksum_never_raises_on_broken_text() -> None:
    assert len(session_checksum({"text": "\ud800"})) == 64


def test_reimport_of_the_same_file_is_unchanged(tmp_path: Path, good: Session) -> None:
    data = tmp_path / "data"
    path = _write(tmp_path, "same", build_bundle(good, with_names=True), resign=False)
    with Store.open(data) as store:
        first = import_paths(store, [path])
        second = import_paths(store, [path])
    assert [i.status for i in first.items] == ["added"]
    assert [i.status for i in second.items] == ["unchanged"]


def test_model_bounds_and_cleans() -> None:
    from pydantic import ValidationError

    from mpa_tui.domain.session import Card, Participant

    with pytest.raises(ValidationError):
        Participant(name="Siti", seat=2**64)
    with pytest.raises(ValidationError):
        Session(group_name="G", priority_confirmed_at="9999-12-31T23:59:59Z")
    with pytest.raises(ValidationError):
        Session(group_name="G", start_date="1969-12-31")
    # A laptop with a dead clock battery (BIOS default 2000-01-01 in UTC+7) still saves.
    Session(group_name="G", created_at="2000-01-01T00:00:00+07:00")
    with pytest.raises(ValidationError):
        Card(text="mo\ud800dal")
    with pytest.raises(ValidationError):  # a reference is an id, never a megabyte of text
        Card(text="x", author_id="a" * 65)
    # Bidi overrides make "evil" display as "live": they are removed from user text.
    assert Card(text="\u202eevil\u202c \u2066x\u2069").text == "evil x"


def test_limits_hold_for_edits_too() -> None:
    from mpa_tui.domain import DomainError
    from mpa_tui.domain.session import LIMITS

    s = Session(group_name="G")
    for i in range(LIMITS["participants"]):
        ops.add_participant(s, f"P{i}")
    with pytest.raises(DomainError) as err:
        ops.add_participant(s, "satu lagi")
    assert err.value.key == "too_many"
    Session.model_validate(s.model_dump())  # what the edits made still loads


def test_cli_import_of_an_empty_path_is_a_usage_error(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    from mpa_tui.cli import main

    assert main(["--data-dir", str(tmp_path / "d"), "import", ""]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_a_draft_smuggled_into_a_bundle_reaches_no_screen_with_escapes(
        tmp_path: Path, good: Session) -> None:
    # Bundles never carry step 2's draft, but a hand-made one may: the draft is kept as
    # typed (untrimmed), so it is the one user text no trimming rule would clean.
    doc = build_bundle(good, with_names=True)
    doc["session"]["capture"] = {"text": " ada \x1b]0;pwned\x07[31mmodal\u202e\n ",
                                 "kind": "masalah", "colour": "kuning"}
    path = _write(tmp_path, "draft", doc)
    with Store.open(tmp_path / "data") as store:
        report = import_paths(store, [path])
        assert [i.status for i in report.items] == ["added"]
        text = store.repo.load(good.id).capture.text
    assert text == " ada ]0;pwned[31mmodal  "
