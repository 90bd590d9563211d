"""What every section of the export view needs: the session, the language, the names policy,
and the ranking and order computed once per view (:mod:`mpa_tui.export.summary`)."""

from __future__ import annotations

from datetime import date, datetime

from mpa_tui.domain.enums import CardKind
from mpa_tui.domain.order import final_order
from mpa_tui.domain.privacy import participant_codes
from mpa_tui.domain.rules import rank_categories
from mpa_tui.domain.session import Session
from mpa_tui.i18n import UNTITLED, t
from mpa_tui.i18n.formats import format_day, format_day_range


class Ctx:
    """What every section builder needs: the session, the language and the names policy."""

    def __init__(self, session: Session, lang: str, with_names: bool,
                 exported_at: datetime | None = None) -> None:
        self.s = session
        self.exported_at = exported_at
        self.lang = lang
        self.with_names = with_names
        self.codes = participant_codes(session)
        self.names = {p.id: p.name for p in session.participants}
        # Computed once per view: every section shows the same ranking and order.
        self.ranked = rank_categories(session)
        self.order = final_order(session, self.ranked)
        self.cat_titles = {
            c.id: (c.title or self.tr(UNTITLED)) for c in session.categories
        }

    def tr(self, key: str, **kw: object) -> str:
        return t(key, self.lang, **kw)

    def person(self, participant_id: str | None) -> str:
        if participant_id is None:
            return ""
        if self.with_names:
            return self.names.get(participant_id, "")
        return self.codes.get(participant_id, "")

    def d(self, value: date | None) -> str:
        return format_day(value, self.lang)

    def days(self, start: date | None, end: date | None) -> str:
        return format_day_range(start, end, self.lang)

    def yes_no(self, value: bool | None) -> str:
        if value is None:
            return "-"
        return self.tr("export.yes") if value else self.tr("export.no")

    def card_line(self, card_id: str) -> str | None:
        """A live card as one line: its kind unless a problem, its writer with names."""
        card = self.s.card(card_id)
        if card is None or card.deleted_at is not None:
            return None
        text = card.text
        if card.kind is not CardKind.PROBLEM:
            text = f"[{self.tr(f'export.kind.{card.kind.value}')}] {text}"
        if self.with_names and card.author_id:
            text = f"{text} — {self.person(card.author_id)}"
        return text
