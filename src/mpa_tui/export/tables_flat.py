"""One session as rows of the flat tables (docs/TABLES.md): the per-session work of the report.

Everything that needs the session's own rules happens here, once per session file: its
ranking and final order, its capacity, its place (official names by Kemendagri code), its
group identity, and the coding of names typed into free text. What is left to do across
sessions (counting, ranking the recurring problems, per village and kecamatan) is plain SQL
over these rows (:mod:`mpa_tui.export.report_sql`), so the same tables answer the same
questions on DuckDB here and on Spark SQL or Trino at national scale.

Names never reach a row: group names and free text pass through
:class:`~mpa_tui.domain.privacy.NameCoder`, people are counted, not listed, and the group's
identity is a hash of :func:`~mpa_tui.domain.identity.group_key`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from mpa_tui.domain import places
from mpa_tui.domain.capacity import PHASES, capacity_summary
from mpa_tui.domain.identity import group_key
from mpa_tui.domain.order import final_order
from mpa_tui.domain.privacy import NameCoder
from mpa_tui.domain.rules import normalise_title, rank_categories, tally
from mpa_tui.domain.session import Category, Session
from mpa_tui.export.tables_schema import COLUMNS, Rows, hashed

KNOWN_PLACES: dict[str, dict[str, str]] = {}
"""Official names by region code already looked up (the cache keeps them between runs:
reading the Kemendagri village list costs ~0.15 s, more than flattening ten sessions)."""


def official(code: str) -> dict[str, str]:
    """The official names of every level a region code names ({} when none or no list)."""
    names = KNOWN_PLACES.get(code)
    if names is None:
        try:
            names = places.official_names(code)
        except places.PlacesUnavailable:  # the list is missing: the typed names still count
            return {}
        KNOWN_PLACES[code] = names
    return names


def _place(s: Session) -> dict[str, str]:
    """Where the session took place, as the report counts it (by code where there is one)."""
    loc = s.location
    names = official(loc.region_code) if loc.region_code else {}
    coded = loc.region_code.count(".") == 3 and "village" in names
    sub_code = loc.region_code[:8] if "subdistrict" in names else ""
    return {
        "village_key": places.village_key(loc) if "village" in names else
        "?" + "/".join(places.key(x) for x in (loc.regency, loc.subdistrict, loc.village)),
        "village_name": names.get("village") or loc.village.strip() or "-",
        "village_code": loc.region_code if coded else "",
        "subdistrict_key": sub_code or
        "?" + "/".join(places.key(x) for x in (loc.regency, loc.subdistrict)),
        "subdistrict_name": names.get("subdistrict") or loc.subdistrict.strip(),
        "subdistrict_code": sub_code,
        "regency_name": names.get("regency") or loc.regency.strip(),
        "uncoded_reason": "" if coded else ("not_listed" if loc.region_code else "no_code"),
        "province_code": loc.region_code[:2] if "province" in names else "none",
        "regency_code": loc.region_code[:5] if "regency" in names else "none",
    }


def flatten(s: Session) -> Rows:
    """The rows of every table for one session (none for a trashed one)."""
    out: Rows = {name: [] for name in COLUMNS}
    if s.deleted_at is not None:
        return out
    code = NameCoder(s).code
    cards = s.active_cards()
    cats = s.active_categories()
    tallies = tally(s)
    ranked = rank_categories(s)
    order = final_order(s, ranked)
    circle = s.circle()
    loc = s.location
    where = _place(s)
    key = (s.id, where["province_code"], where["regency_code"])
    when = s.start_date or s.created_at.date()
    out["sessions"].append([
        *key, code(s.group_name), hashed("\x1f".join(group_key(s))), loc.village,
        loc.subdistrict, loc.regency, loc.province,
        s.start_date.isoformat() if s.start_date else "",
        s.end_date.isoformat() if s.end_date else "", when.isoformat(), len(circle),
        len(cards), len(cats), loc.region_code, where["village_key"], where["village_name"],
        where["village_code"], where["subdistrict_key"], where["subdistrict_name"],
        where["subdistrict_code"], where["regency_name"], where["uncoded_reason"],
        normalise_title(loc.village), hashed(normalise_title(s.group_name)), s.is_example])
    # Role, sex and age band per person would point back at her: counts only.
    counts = Counter((k, v) for p in circle for k, v in (
        ("role", p.role.value), ("present", str(int(p.present))),
        ("sex", p.sex.value if p.sex else ""),
        ("age_band", p.age_band.value if p.age_band else "")))
    out["participants"] = [[*key, a, v, n] for (a, v), n in sorted(counts.items())]
    out["cards"] = [[*key, c.id, c.kind.value, c.colour.value, c.category_id or "",
                     code(c.text)] for c in cards]
    out["categories"] = [[*key, c.id, code(c.title), normalise_title(c.title),
                          tallies[c.id].cards, tallies[c.id].votes, tallies[c.id].score]
                         for c in cats]
    first: dict[str, Category] = {}
    for c in s.categories:
        first.setdefault(c.id, c)  # the first, as Session.category() finds it
    pos = {cid: i for i, cid in enumerate(order, start=1)}
    for seq, r in enumerate(ranked, start=1):
        cat = first.get(r.category_id)
        title = code(cat.title).strip() if cat is not None else ""
        out["ranking"].append([*key, r.category_id, seq, r.rank, r.score, int(r.tied),
                               pos.get(r.category_id), title,
                               normalise_title(cat.title) if cat is not None else ""])
    for a in s.action_items:
        if a.deleted_at is None:
            due = a.when.isoformat() if a.when else a.when_text
            out["actions"].append([*key, a.id, a.category_id or "", code(a.action),
                                   code(a.responsible), due, a.status.value])
    data = capacity_summary(s)
    for rater, rows in (("group", data.group), ("participants", data.people)):
        for row in rows:
            for phase, score, n in ((PHASES[0], row.before, row.before_raters),
                                    (PHASES[1], row.after, row.after_raters)):
                if score is not None:
                    out["capacity"].append([*key, rater, row.competency.value, phase.value,
                                            score, n])
    out["stages"] = _stages(s, key, code)
    return out


def _stages(s: Session, key: tuple[str, str, str], code: Any) -> list[list[Any]]:
    """The engagement's stage records (trash left out); contacts are counted, not named."""
    return [[*key, r.id, r.stage.value, r.date.isoformat() if r.date else "",
             r.end_date.isoformat() if r.end_date else "", len(r.contacts), code(r.agreed),
             code(r.findings)]
            for r in s.stages if r.deleted_at is None]
