"""Text rules for user input and the translatable problems a refusal gives."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from mpa_tui.domain import Card, Participant, Problem, Session, TieBreak, problems_from
from mpa_tui.i18n import error_text, problem_text, t

MARKUP = ["[red]merah[/]", "[/]", "[b", "[@click=app.quit]klik[/]", "modal [bold]kurang"]


def _problems(**fields: object) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        Card(**fields)  # type: ignore[arg-type]
    return problems_from(info.value)


def test_text_is_trimmed() -> None:
    assert Card(text="  Modal kurang \n\t").text == "Modal kurang"


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \n"])
def test_empty_text_is_refused_with_a_key(text: str) -> None:
    assert _problems(text=text) == [Problem("text", "text_empty")]


def test_length_limit_is_1000_after_trimming() -> None:
    assert len(Card(text="a" * 1000).text) == 1000
    assert len(Card(text="  " + "a" * 1000 + "  ").text) == 1000
    (problem,) = _problems(text="a" * 1001)
    assert (problem.key, problem.params) == ("text_too_long", {"max_len": 1000})


@pytest.mark.parametrize(
    "text", ["\x1b[31mmerah", "ab\x1b]0;judul\x07", "nul\x00", "del\x7f", "c1\x9b31m", "\x08"]
)
def test_control_characters_and_escapes_are_refused(text: str) -> None:
    assert [p.key for p in _problems(text=text)] == ["text_control_chars"]


def test_line_breaks_and_tabs_are_kept_in_card_text() -> None:
    assert Card(text="satu\ndua\tTiga").text == "satu\ndua\tTiga"


def test_windows_line_ends_become_line_breaks() -> None:
    assert Card(text="satu\r\ndua\rtiga\r\n").text == "satu\ndua\ntiga"


def test_names_are_single_line() -> None:
    with pytest.raises(ValidationError) as info:
        Participant(name="Euis\nLilis")
    assert [p.key for p in problems_from(info.value)] == ["text_control_chars"]


@pytest.mark.parametrize("text", MARKUP)
def test_markup_is_kept_literally(text: str) -> None:
    assert Card(text=text).text == text
    assert Participant(name=text).name == text
    session = Session(group_name=text)
    assert Session.model_validate_json(session.model_dump_json()).group_name == text


def test_problems_name_the_field_and_map_pydantic_types() -> None:
    with pytest.raises(ValidationError) as info:
        Session.model_validate({
            "group_name": "", "start_date": "kemarin", "language": "fr",
            "settings": {"vote_budget": 0, "counting_mode": "semua"}, "surprise": 1,
        })
    got = {(p.field, p.key) for p in problems_from(info.value)}
    assert got == {
        ("group_name", "text_empty"), ("start_date", "bad_date"),
        ("language", "string_pattern_mismatch"), ("settings.vote_budget", "too_small"),
        ("settings.counting_mode", "bad_choice"), ("surprise", "unknown_field"),
    }


def test_missing_required_field_and_model_level_rule() -> None:
    with pytest.raises(ValidationError) as info:
        Session.model_validate({})
    assert [(p.field, p.key) for p in problems_from(info.value)] == [("group_name", "missing")]
    with pytest.raises(ValidationError) as info:
        Session(group_name="x", start_date=date(2023, 6, 9), end_date=date(2023, 6, 8))
    assert [p.key for p in problems_from(info.value)] == ["end_before_start"]


def test_tie_break_needs_a_reason() -> None:
    with pytest.raises(ValidationError) as info:
        TieBreak(category_ids=["a", "b"], reason="  ")
    assert [p.key for p in problems_from(info.value)] == ["text_empty"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_problem_key_translates(lang: str) -> None:
    generic = t("error.invalid", lang)
    with pytest.raises(ValidationError) as info:
        Card(text="x" * 1001)
    assert "1000" in error_text(info.value, lang)
    keys = ["text_empty", "text_too_long", "text_control_chars", "missing", "bad_date",
            "bad_choice", "too_small", "unknown_field", "end_before_start", "not_a_number",
            "string_pattern_mismatch", "duplicate_id"]
    for key in keys:
        msg = problem_text(Problem("x", key, {"max_len": 9, "ge": 1, "le": 5, "id": "a",
                                              "name": "cards"}), lang)
        assert msg != generic and "{" not in msg, key


def test_session_id_cannot_name_another_path() -> None:
    for bad in ("../x", "a/b", "a b", "a.json", "..", "c:\\x"):
        with pytest.raises(ValidationError):
            Session(id=bad, group_name="x")
    assert Session(id="46a68d7b-88aa-552b-aa76-d06fe4a21b42", group_name="x")
