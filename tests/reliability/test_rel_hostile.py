"""Promise 5 (domain and store): hostile text is stored exactly or refused with a clear
message, and a refused edit changes nothing.

Fixed cases (markup, ANSI/OSC escapes, NUL and other controls, zero-width and RTL
characters, emoji, 10,000 characters, whitespace only, ...) and hypothesis-generated text
over every Unicode category (controls and surrogates included).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from rel_hostile import FIXED, REFUSED_FOR_CARDS, expected_stored
from rel_util import count

from mpa_tui.domain import DomainError, Session, ops
from mpa_tui.i18n import error_text
from mpa_tui.store import Store

pytestmark = pytest.mark.reliability

EXAMPLES = count(1500, 60)


def _clear(exc: Exception) -> None:
    """The refusal reads as a sentence in both languages, not a key or a traceback."""
    texts = {lang: error_text(exc, lang) for lang in ("id", "en")}
    for lang, text in texts.items():
        assert text and not text.startswith("error."), (lang, text)
        assert "Traceback" not in text and "pydantic" not in text.lower(), text
    assert texts["id"] != texts["en"]


EDITS = {
    "card": lambda s, x: ops.add_card(s, x),
    "category_title": lambda s, x: ops.new_category(s, x),
    "participant": lambda s, x: ops.add_participant(s, x),
    "group_name": lambda s, x: setattr(s, "group_name", x),
    "guiding_question": lambda s, x: setattr(s, "guiding_question", x),
    "card_edit": lambda s, x: ops.update(s, "cards", s.cards[0].id, text=x),
    "category_rename": lambda s, x: ops.set_title(s, s.categories[0].id, x),
    "action_plan": lambda s, x: ops.update(s, "action_items", s.action_items[0].id, action=x),
}


def _stored(session: Session, field: str) -> str:
    if field == "card":
        return session.cards[-1].text
    if field == "category_title":
        return session.categories[-1].title
    if field == "participant":
        return session.participants[-1].name
    if field == "card_edit":
        return session.cards[0].text
    if field == "category_rename":
        return session.categories[0].title
    if field == "action_plan":
        return session.action_items[0].action
    return str(getattr(session, field))


def _base_session() -> Session:
    from mpa_tui.domain import ActionItem

    s = Session(group_name="Mentari")
    ops.add_card(s, "Modal kurang")
    ops.new_category(s, "Modal")
    s.action_items.append(ActionItem(action="Pelatihan"))
    return s


def test_fixed_hostile_texts(tmp_path: Path) -> None:
    stored = refused = 0
    with Store.open(tmp_path / "d") as store:
        for field, edit in EDITS.items():
            for name, text in FIXED.items():
                session = _base_session()
                store.repo.create(session)
                before = session.model_dump_json()
                try:
                    edit(session, text)
                except (ValidationError, DomainError) as exc:
                    refused += 1
                    _clear(exc)
                    assert session.model_dump_json() == before, (field, name)
                    continue
                assert field != "card" or name not in REFUSED_FOR_CARDS, f"accepted {name}"
                assert _stored(session, field) == expected_stored(text), (field, name)
                store.repo.save(session)
                stored += 1
                assert _stored(store.repo.load(session.id), field) == expected_stored(text)
        # What was saved is read back exactly by a fresh store, too.
    with Store.open(tmp_path / "d") as store:
        assert store.damage_reports == []
    print(f"\nhostile fixed: {len(FIXED)} texts x {len(EDITS)} fields: {stored} stored exactly, "
          f"{refused} refused with a clear message")


def test_card_refusals_are_the_expected_ones() -> None:
    for name in REFUSED_FOR_CARDS:
        session = Session(group_name="Mentari")
        with pytest.raises((ValidationError, DomainError)):
            ops.add_card(session, FIXED[name])
        assert session.cards == []


ANY_CHAR = st.characters(codec=None, exclude_categories=())
HOSTILE_TEXT = st.lists(st.one_of(st.text(ANY_CHAR, max_size=30), st.sampled_from(
    list(FIXED.values()))), max_size=4).map("".join)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts=st.lists(HOSTILE_TEXT, min_size=1, max_size=5))
def test_generated_texts_round_trip_or_are_refused(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "d") as store:
        session = Session(group_name="Mentari")
        accepted: list[str] = []
        for text in texts:
            before = session.model_dump_json()
            try:
                ops.add_card(session, text)
            except (ValidationError, DomainError) as exc:
                _clear(exc)
                assert session.model_dump_json() == before
                continue
            accepted.append(expected_stored(text))
        store.repo.create(session)
        assert [c.text for c in session.cards] == accepted
        store.close()  # a second, independent reader sees exactly the same texts
        with Store.open(Path(tmp) / "d", lock=False) as again:
            assert [c.text for c in again.repo.load(session.id).cards] == accepted


def test_generated_count_figure() -> None:
    print(f"\nhostile generated: {EXAMPLES} hypothesis examples (up to 5 texts each)")
