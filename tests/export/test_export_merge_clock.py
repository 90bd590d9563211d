"""Merge order does not trust wall clocks (issue 16): edits are counted per entity, the
clock only breaks ties; a bundle from a laptop whose clock is ahead is flagged."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mpa_tui.domain import Session, ops
from mpa_tui.export.bundle import build_bundle
from mpa_tui.export.importer import import_paths
from mpa_tui.export.merge import merge_sessions
from mpa_tui.store import Store

YEAR = timedelta(days=365)


def _shared() -> tuple[Session, str]:
    s = Session(group_name="Mentari")
    card = ops.add_card(s, "Modal kurang")
    return s, card.id


def test_an_edit_made_on_a_laptop_a_year_behind_still_wins() -> None:
    office, card_id = _shared()
    field = office.model_copy(deep=True)  # the bundle carried to the laptop behind
    card = field.card(card_id)
    assert card is not None
    card.text = "Modal usaha kurang sekali"
    card.updated_at = card.updated_at - YEAR  # that laptop's clock
    merged = merge_sessions(office, field)
    out = merged.session.card(card_id)
    assert out is not None and out.text == "Modal usaha kurang sekali"
    # and the other way round: the result does not depend on who imports whom
    back = merge_sessions(field, office).session.card(card_id)
    assert back is not None and back.text == out.text


def test_a_laptop_a_year_ahead_does_not_win_an_older_edit_count() -> None:
    office, card_id = _shared()
    ahead = office.model_copy(deep=True)
    office_card, ahead_card = office.card(card_id), ahead.card(card_id)
    assert office_card is not None and ahead_card is not None
    office_card.text = "Perubahan satu"
    office_card.text = "Perubahan dua"
    office_card.touch()
    office_card.touch()  # two edits here
    ahead_card.text = "Dari masa depan"
    ahead_card.updated_at = ahead_card.updated_at + YEAR  # one edit, clock a year ahead
    out = merge_sessions(office, ahead).session.card(card_id)
    assert out is not None and out.text == "Perubahan dua"


def test_equal_edit_counts_fall_back_to_the_clock() -> None:
    office, card_id = _shared()
    other = office.model_copy(deep=True)
    a, b = office.card(card_id), other.card(card_id)
    assert a is not None and b is not None
    a.text, b.text = "lama", "baru"
    a.updated_at = datetime(2030, 1, 1, tzinfo=UTC)
    b.updated_at = datetime(2030, 1, 2, tzinfo=UTC)
    out = merge_sessions(office, other).session.card(card_id)
    assert out is not None and out.text == "baru"


def test_a_bundle_from_the_future_is_flagged(tmp_path: Path) -> None:
    s, card_id = _shared()
    card = s.card(card_id)
    assert card is not None
    card.updated_at = datetime.now(UTC) + timedelta(days=30)
    path = tmp_path / "sesi.mpa.json"
    path.write_text(json.dumps(build_bundle(s, with_names=True)), encoding="utf-8")
    with Store.open(tmp_path / "data") as store:
        result = import_paths(store, [path], lang="en")
    item = result.items[0]
    assert item.status == "added"
    assert item.warnings and "future" in item.warnings[0] and "sesi.mpa.json" in item.warnings[0]
    # a normal one is not
    s2, _ = _shared()
    path.write_text(json.dumps(build_bundle(s2, with_names=True)), encoding="utf-8")
    with Store.open(tmp_path / "data") as store:
        assert import_paths(store, [path], lang="en").items[0].warnings == []


def test_the_cli_prints_the_future_warning(tmp_path: Path, capsys: object) -> None:
    import pytest as _pytest

    from mpa_tui.cli import main

    assert isinstance(capsys, _pytest.CaptureFixture)
    s, _ = _shared()
    s.updated_at = datetime.now(UTC) + timedelta(days=400)
    path = tmp_path / "sesi.mpa.json"
    path.write_text(json.dumps(build_bundle(s, with_names=True)), encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "d"), "--lang", "id", "import", str(path)]) == 0
    out = capsys.readouterr()
    assert "di masa depan" in out.err and "Sesi baru" in out.out
