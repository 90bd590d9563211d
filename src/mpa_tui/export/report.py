"""The report across sessions: which problems recur, where, and how they rank.

Sessions come from the store or from bundles. Category titles are compared in their
normalised form (case, spacing and punctuation ignored). The flat tables use stable
English keys and participant codes, so they load as they are into DuckDB or a sheet.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mpa_tui.domain.capacity import PHASES, capacity_summary
from mpa_tui.domain.order import final_order
from mpa_tui.domain.privacy import NameCoder
from mpa_tui.domain.rules import normalise_title, rank_categories, tally
from mpa_tui.domain.session import Category, Session
from mpa_tui.export.model import Chart, ExportView, Para, Section, Table
from mpa_tui.export.report_fast import csv_bytes, gc_paused, sessions_from_repo, write_sheet
from mpa_tui.export.report_places import PlaceTally
from mpa_tui.i18n import t

Row = list[str | int | float]


@dataclass
class Report:
    """Every table of the report; ``flat`` tables have stable English column keys."""

    sessions: list[Session]
    recurring: Table
    villages: Table
    flat: dict[str, Table] = field(default_factory=dict)
    subdistricts: Table | None = None
    """Sessions per kecamatan, by Kemendagri code where there is one."""
    uncoded: Table | None = None
    """Sessions whose village has no Kemendagri code (their counts rest on typed names)."""


def describe_filters(*, group: str | None, village: str | None, since: date | None,
                     lang: str) -> str:
    """The filters a report was made with, in the report's language ("" when none)."""
    parts = []
    if group:
        parts.append(f"{t('export.report.col.group', lang)}: {group}")
    if village:
        parts.append(f"{t('export.report.col.village', lang)}: {village}")
    if since:
        parts.append(t("export.report.since", lang, date=since.isoformat()))
    return "; ".join(parts)


def filter_sessions(sessions: Iterable[Session], *, group: str | None = None,
                    village: str | None = None, since: date | None = None,
                    include_examples: bool = False) -> list[Session]:
    """Sessions matching every given filter (names compared normalised), trash left out.

    Example sessions (``is_example``) are fictional: they are counted only when asked.
    """
    g = normalise_title(group) if group else None
    v = normalise_title(village) if village else None
    out = []
    for s in sessions:
        if s.deleted_at is not None or (s.is_example and not include_examples):
            continue
        if g and normalise_title(s.group_name) != g:
            continue
        if v and normalise_title(s.location.village) != v:
            continue
        when = s.start_date or s.created_at.date()
        if since and when < since:
            continue
        out.append(s)
    return out


def build_report(sessions: list[Session], *, lang: str = "id") -> Report:
    """Compute the report's tables from already filtered sessions."""
    with gc_paused():
        return _build_report(sessions, lang)


def _build_report(sessions: list[Session], lang: str) -> Report:
    sessions = sorted(sessions, key=lambda s: (s.start_date or s.created_at.date(), s.id))
    flat: dict[str, list[Row]] = defaultdict(list)
    seen_in: dict[str, set[str]] = defaultdict(set)
    villages_of: dict[str, set[str]] = defaultdict(set)
    ranks: dict[str, list[int]] = defaultdict(list)
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    norm = _Normaliser()
    where = PlaceTally(lang)
    for s in sessions:
        facts = _Facts(s)
        _flat_rows(s, facts, norm, flat)
        top = facts.category(facts.order[0]) if facts.order else None
        vill_key = where.add(s, cards=len(facts.cards),
                             top=facts.code(top.title.strip()) if top is not None else "")
        for r in facts.ranked:
            cat = facts.category(r.category_id)
            if cat is None:
                continue
            title = facts.code(cat.title)  # names typed into a title are coded, as everywhere
            key = norm(title)
            if not key:
                continue
            seen_in[key].add(s.id)
            villages_of[key].add(vill_key)
            ranks[key].append(r.rank)
            shown[key][title.strip()] += 1
    mean_rank = {k: statistics.fmean(v) for k, v in ranks.items()}
    rec_rows: list[Row] = []
    for key in sorted(seen_in, key=lambda k: (-len(seen_in[k]), mean_rank[k], k)):
        rec_rows.append([shown[key].most_common(1)[0][0], len(seen_in[key]),
                         len(villages_of[key]), round(mean_rank[key], 2)])
    tr = lambda k: t(k, lang)  # noqa: E731 - short local alias
    recurring = Table("recurring", [tr("export.report.col.title"),
                                    tr("export.report.col.sessions"),
                                    tr("export.report.col.villages"),
                                    tr("export.report.col.avg_rank")], rec_rows)
    villages = where.villages_table()
    tables = {name: Table(name, list(_HEADERS[name]), rows) for name, rows in flat.items()}
    for name in _HEADERS:
        tables.setdefault(name, Table(name, list(_HEADERS[name]), []))
    tables["recurring"] = Table("recurring", ["title_key", "title", "sessions", "villages",
                                              "avg_rank"],
                                [[norm(str(r[0])), *r] for r in rec_rows])
    return Report(sessions, recurring, villages, tables, where.subdistricts_table(),
                  where.uncoded_table())


class _Normaliser:
    """:func:`normalise_title` with memory: the same titles recur across many sessions."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def __call__(self, title: str) -> str:
        key = self._seen.get(title)
        if key is None:
            key = self._seen[title] = normalise_title(title)
        return key


class _Facts:
    """What the report needs of one session, computed once.

    ``rank_categories``, ``tally`` and ``final_order`` each rebuild the tally, and the
    report used to call them four or five times per session.
    """

    def __init__(self, s: Session) -> None:
        self.code = NameCoder(s).code
        """Free text with participants' names coded (the report never carries names)."""
        self.cards = s.active_cards()
        self.cats = s.active_categories()
        self.tallies = tally(s)
        self.ranked = rank_categories(s)
        self.order = final_order(s, self.ranked)
        self._by_id: dict[str, Category] = {}
        for c in s.categories:
            self._by_id.setdefault(c.id, c)  # the first, as Session.category() finds it

    def category(self, category_id: str) -> Category | None:
        """Like :meth:`Session.category`, by dictionary."""
        return self._by_id.get(category_id)


_HEADERS: dict[str, tuple[str, ...]] = {
    "sessions": ("session_id", "group", "village", "subdistrict", "regency", "province",
                 "start_date", "end_date", "participants", "cards", "categories",
                 "region_code"),
    "participants": ("session_id", "attribute", "value", "count"),
    "cards": ("session_id", "card_id", "kind", "colour", "category_id", "text"),
    "categories": ("session_id", "category_id", "title", "title_key", "cards", "votes",
                   "score"),
    "ranking": ("session_id", "category_id", "rank", "score", "tied", "priority"),
    "actions": ("session_id", "action_id", "category_id", "action", "responsible", "when",
                "status"),
    "capacity": ("session_id", "rater", "competency", "phase", "score", "raters"),
}


def _flat_rows(s: Session, facts: _Facts, norm: _Normaliser,
               flat: dict[str, list[Row]]) -> None:
    # Names typed into free text are coded, as in every export without names.
    code = facts.code
    circle = s.circle()
    loc = s.location
    cats = facts.cats
    sid = s.id
    flat["sessions"].append([
        sid, code(s.group_name), loc.village, loc.subdistrict, loc.regency, loc.province,
        s.start_date.isoformat() if s.start_date else "",
        s.end_date.isoformat() if s.end_date else "", len(circle), len(facts.cards),
        len(cats), loc.region_code])
    # Role, sex and age band per person would point back at her: counts only.
    for attribute, value in sorted(Counter(
            (k, v) for p in circle for k, v in (
                ("role", p.role.value), ("present", str(int(p.present))),
                ("sex", p.sex.value if p.sex else ""),
                ("age_band", p.age_band.value if p.age_band else ""))).items()):
        flat["participants"].append([sid, attribute[0], attribute[1], value])
    flat["cards"].extend(
        [sid, c.id, c.kind.value, c.colour.value, c.category_id or "", code(c.text)]
        for c in facts.cards)
    tallies = facts.tallies
    for cat in cats:
        tl = tallies[cat.id]
        flat["categories"].append([sid, cat.id, code(cat.title), norm(code(cat.title)),
                                   tl.cards, tl.votes, tl.score])
    pos = {cid: i for i, cid in enumerate(facts.order, start=1)}
    flat["ranking"].extend(
        [sid, r.category_id, r.rank, r.score, int(r.tied), pos.get(r.category_id, "")]
        for r in facts.ranked)
    for a in s.action_items:
        if a.deleted_at is None:
            when = a.when.isoformat() if a.when else a.when_text
            flat["actions"].append([sid, a.id, a.category_id or "", code(a.action),
                                    code(a.responsible), when, a.status.value])
    _capacity_rows(s, flat["capacity"])


def _capacity_rows(s: Session, out: list[Row]) -> None:
    """The session's capacity as every view shows it (:mod:`mpa_tui.domain.capacity`):
    the group's rating and the participants' mean, each with how many rated."""
    data = capacity_summary(s)
    for rater, rows in (("group", data.group), ("participants", data.people)):
        for r in rows:
            for phase, score, n in ((PHASES[0], r.before, r.before_raters),
                                    (PHASES[1], r.after, r.after_raters)):
                if score is not None:
                    out.append([s.id, rater, r.competency.value, phase.value, score, n])


def report_view(report: Report, *, lang: str = "id", filters: str = "") -> ExportView:
    """The report as a document (for the HTML page)."""
    tr = lambda k, **kw: t(k, lang, **kw)  # noqa: E731
    n_cards = sum(len(s.active_cards()) for s in report.sessions)
    shown = filters or tr("export.report.no_filter")
    intro: list[Any] = [
        Para(tr("export.report.filters", filters=shown)),
        Para(tr("export.report.totals", sessions=len(report.sessions),
                villages=len(report.villages.rows), cards=n_cards)),
    ]
    rec_blocks: list[Any] = [report.recurring]
    top = report.recurring.rows[:15]
    if top:
        rec_blocks.append(Chart("recurring", tr("export.report.col.sessions"),
                                [str(r[0]) for r in top],
                                [(tr("export.report.col.sessions"), [float(r[1]) for r in top])]))
    sessions = Table("sessions", [tr("export.report.col.date"), tr("export.report.col.group"),
                                  tr("export.report.col.village"), tr("export.report.col.cards")],
                     [[r[6], r[1], r[2], r[9]] for r in report.flat["sessions"].rows])
    return ExportView(
        lang=lang, session_id="", title=tr("export.report.title"), subtitle="",
        sections=[Section("intro", tr("export.report.title"), intro),
                  Section("recurring", tr("export.report.section.recurring"), rec_blocks),
                  Section("villages", tr("export.report.section.villages"), [report.villages]),
                  *_place_sections(report, tr),
                  Section("sessions", tr("export.report.section.sessions"), [sessions])],
        with_names=False)


def _place_sections(report: Report, tr: Any) -> list[Section]:
    out = []
    if report.subdistricts is not None:
        out.append(Section("subdistricts", tr("export.report.section.subdistricts"),
                           [report.subdistricts]))
    if report.uncoded is not None and report.uncoded.rows:
        out.append(Section("uncoded", tr("export.report.section.uncoded"),
                           [Para(tr("export.report.uncoded_note")), report.uncoded]))
    return out


XLSX_FLAT = ("sessions", "categories", "ranking")


def render_report_files(report: Report, *, lang: str = "id", filters: str = ""
                        ) -> dict[str, bytes]:
    """laporan.html, laporan.xlsx and one CSV per flat table, in memory."""
    import io

    from mpa_tui.export.html import render_view_html
    from mpa_tui.export.xlsx import new_workbook, sheet_name

    with gc_paused():
        files = {"laporan.html": render_view_html(report_view(report, lang=lang,
                                                              filters=filters))
                 .encode("utf-8")}
        buf = io.BytesIO()
        wb, fmts = new_workbook(buf)
        write_sheet(wb, sheet_name(t("export.report.section.recurring", lang)),
                    report.recurring, fmts)
        write_sheet(wb, sheet_name(t("export.report.section.villages", lang)), report.villages,
                    fmts)
        for extra in (report.subdistricts, report.uncoded):
            if extra is not None:
                write_sheet(wb, sheet_name(t(f"export.report.section.{extra.key}", lang)),
                            extra, fmts)
        # The long per-card tables live in the CSV files only: the workbook stays quick to
        # write and to open with a thousand sessions.
        for name in XLSX_FLAT:
            write_sheet(wb, name, report.flat[name], fmts)
        wb.close()
        files["laporan.xlsx"] = buf.getvalue()
        for name, table in report.flat.items():
            files[f"{name}.csv"] = csv_bytes(table)
    return files


def sessions_from_store(store: Any) -> tuple[list[Session], list[str]]:
    """Every session in the store (trash left out) and the ids that could not be read.

    Files are read straight into pydantic when they are laid out as the store writes
    them (see :func:`mpa_tui.export.report_fast.load_fast`); any other goes through
    ``store.repo.load`` as usual.
    """
    return sessions_from_repo(store.repo)
