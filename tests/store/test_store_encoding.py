"""A session file's bytes: the fast encoder writes exactly what pydantic would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpa_tui.data import load_example
from mpa_tui.domain import Card, CardColour, CardKind, Session
from mpa_tui.store.layout import session_json

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() == t and t != "")


def test_example_session_bytes_equal_pydantic() -> None:
    session = load_example()
    assert session_json(session) == session.model_dump_json().encode()


def test_datetime_edge_cases_equal_pydantic() -> None:
    session = load_example()
    for when in (
        datetime(2026, 1, 1, tzinfo=UTC),  # no microseconds
        datetime(2026, 1, 1, 1, 2, 3, 400, tzinfo=timezone(timedelta(hours=7))),  # WIB
        datetime(2026, 1, 1, 1, 2, 3, 999999, tzinfo=UTC),
    ):
        session.updated_at = when
        assert session_json(session) == session.model_dump_json().encode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(_text, max_size=6),
    kinds=st.lists(st.sampled_from(list(CardKind)), min_size=6, max_size=6),
    colours=st.lists(st.sampled_from(list(CardColour)), min_size=6, max_size=6),
    group=_text,
)
def test_any_session_bytes_equal_pydantic_and_round_trip(
    texts: list[str], kinds: list[CardKind], colours: list[CardColour], group: str
) -> None:
    session = Session(group_name=group)
    for text, kind, colour in zip(texts, kinds, colours, strict=False):
        session.cards.append(Card(text=text, kind=kind, colour=colour))
    raw = session_json(session)
    assert raw == session.model_dump_json().encode()
    assert Session.model_validate_json(raw) == session
