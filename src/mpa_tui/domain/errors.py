"""Turning validation failures into stable, translatable problems."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic is only needed by a caller that already has its error
    from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with user or file input.

    Attributes:
        field: Dotted path of the offending field ("" for the whole object).
        key: Stable message key, e.g. ``text_empty``; the i18n layer translates it as
            ``error.<key>``.
        params: Values for the message template.
    """

    field: str
    key: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


class DomainError(ValueError):
    """A rule of the method was broken (e.g. duplicate category title)."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


# Pydantic's own error types mapped to our keys, so every message can be translated.
_PYDANTIC_KEYS = {
    "missing": "missing",
    "string_too_short": "text_empty",
    "string_too_long": "text_too_long",
    "too_long": "too_many",
    "int_parsing": "not_a_number",
    "int_type": "not_a_number",
    "float_parsing": "not_a_number",
    "greater_than_equal": "too_small",
    "less_than_equal": "too_large",
    "date_from_datetime_parsing": "bad_date",
    "date_parsing": "bad_date",
    "date_type": "bad_date",
    "datetime_parsing": "bad_date",
    "datetime_type": "bad_date",
    "enum": "bad_choice",
    "literal_error": "bad_choice",
    "extra_forbidden": "unknown_field",
}


def problems_from(error: ValidationError) -> list[Problem]:
    """Convert a pydantic ``ValidationError`` into translatable problems."""
    out: list[Problem] = []
    for item in error.errors(include_url=False):
        typ = str(item.get("type", "invalid"))
        key = _PYDANTIC_KEYS.get(typ, typ)
        ctx = {k: v for k, v in (item.get("ctx") or {}).items() if isinstance(v, str | int)}
        loc = ".".join(str(p) for p in item.get("loc", ()))
        out.append(Problem(field=loc, key=key, params=ctx))
    return out
