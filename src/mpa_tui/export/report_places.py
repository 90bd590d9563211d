"""The report's places: villages and kecamatan counted by Kemendagri code, not by typed name.

West Java alone has nine villages called Nagrak: a village is its code, shown with its
official names. Sessions whose village has no code (typed before codes existed, or not
in the list) are counted by their typed names and also listed on their own, so the
district office sees which counts it cannot fully trust.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mpa_tui.domain import places
from mpa_tui.domain.identity import group_key
from mpa_tui.domain.privacy import NameCoder
from mpa_tui.domain.session import Session
from mpa_tui.export.model import Table
from mpa_tui.i18n import t

Row = list[str | int | float]


@dataclass
class _Place:
    name: str
    subdistrict: str
    regency: str
    code: str
    sessions: int = 0
    groups: set[tuple[str, ...]] = field(default_factory=set)
    villages: set[str] = field(default_factory=set)
    cards: int = 0
    top: Counter[str] = field(default_factory=Counter)


def _official(code: str) -> dict[str, str]:
    try:
        return places.official_names(code)
    except places.PlacesUnavailable:  # the list is missing: the typed names still count
        return {}


class PlaceTally:
    """Sessions counted per village and per kecamatan (by code where there is one)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.villages: dict[str, _Place] = {}
        self.subdistricts: dict[str, _Place] = {}
        self.uncoded: list[Row] = []

    def add(self, s: Session, *, cards: int, top: str) -> str:
        """Count one session; return its village's key (for "in how many villages")."""
        loc = s.location
        names = _official(loc.region_code) if loc.region_code else {}
        village = names.get("village") or loc.village.strip() or "-"
        sub = names.get("subdistrict") or loc.subdistrict.strip()
        regency = names.get("regency") or loc.regency.strip()
        vkey = places.village_key(loc) if "village" in names else \
            "?" + "/".join(places.key(x) for x in (loc.regency, loc.subdistrict, loc.village))
        coded = loc.region_code.count(".") == 3 and "village" in names
        group = group_key(s)
        v = self.villages.setdefault(vkey, _Place(village, sub, regency,
                                                  loc.region_code if coded else ""))
        v.sessions += 1
        v.groups.add(group)
        v.cards += cards
        if top:
            v.top[top] += 1
        sub_code = loc.region_code[:8] if "subdistrict" in names else ""
        skey = sub_code or "?" + "/".join(places.key(x) for x in (loc.regency, loc.subdistrict))
        k = self.subdistricts.setdefault(skey, _Place(sub or "-", "", regency, sub_code))
        k.sessions += 1
        k.groups.add(group)
        k.villages.add(vkey)
        if not coded:
            why = t("export.report.not_listed" if loc.region_code else "export.report.no_code",
                    self.lang)
            self.uncoded.append([
                s.start_date.isoformat() if s.start_date else "", NameCoder(s).code(s.group_name),
                loc.village, loc.subdistrict, loc.regency, why])
        return vkey

    def _code_text(self, code: str) -> str:
        return code or t("export.report.no_code", self.lang)

    def villages_table(self) -> Table:
        """One row per village: coded villages first (by kabupaten, kecamatan, desa)."""
        tr = lambda k: t(k, self.lang)  # noqa: E731 - short local alias
        ordered = sorted(self.villages.values(), key=lambda p: (
            not p.code, p.regency.casefold(), p.subdistrict.casefold(), p.name.casefold()))
        rows: list[Row] = []
        for p in ordered:
            top = p.top.most_common(1)[0][0] if p.top else ""
            rows.append([p.name, p.sessions, len(p.groups), p.cards, top, p.subdistrict,
                         p.regency, self._code_text(p.code)])
        return Table("villages", [
            tr("export.report.col.village"), tr("export.report.col.sessions"),
            tr("export.report.col.groups"), tr("export.report.col.cards"),
            tr("export.report.col.top"), tr("export.report.col.subdistrict"),
            tr("export.report.col.regency"), tr("export.report.col.code")], rows)

    def subdistricts_table(self) -> Table:
        """One row per kecamatan (by code where there is one)."""
        tr = lambda k: t(k, self.lang)  # noqa: E731
        ordered = sorted(self.subdistricts.values(), key=lambda p: (
            not p.code, p.regency.casefold(), p.name.casefold()))
        rows: list[Row] = [[p.name, p.regency, self._code_text(p.code), p.sessions,
                            len(p.villages), len(p.groups)] for p in ordered]
        return Table("subdistricts", [
            tr("export.report.col.subdistrict"), tr("export.report.col.regency"),
            tr("export.report.col.code"), tr("export.report.col.sessions"),
            tr("export.report.col.villages"), tr("export.report.col.groups")], rows)

    def uncoded_table(self) -> Table:
        """The sessions whose village has no official code."""
        tr = lambda k: t(k, self.lang)  # noqa: E731
        return Table("uncoded", [
            tr("export.report.col.date"), tr("export.report.col.group"),
            tr("export.report.col.village"), tr("export.report.col.subdistrict"),
            tr("export.report.col.regency"), tr("export.report.col.code")], self.uncoded)
