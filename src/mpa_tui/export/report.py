"""The report across sessions: which problems recur, where, and how they rank.

Sessions come from the store (flattened once per file, :mod:`.tables_cache`) or from
memory; each is flattened into the tables of docs/TABLES.md (:mod:`.tables_flat`) and
everything across sessions is the SQL of :mod:`.report_sql`, run on DuckDB. Category
titles are compared in their normalised form (case, spacing and punctuation ignored).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from mpa_tui.export import report_places as places_tables
from mpa_tui.export import report_sql
from mpa_tui.export.model import Chart, ExportView, Para, Section, Table
from mpa_tui.export.report_fast import (
    csv_bytes,
    gc_paused,
    report_csv_files,
    sessions_from_repo,
)
from mpa_tui.export.tables_schema import hashed
from mpa_tui.i18n import t

if TYPE_CHECKING:
    from mpa_tui.domain.session import Session


XLSX_FLAT_MAX_SESSIONS = 300
"""Above this many sessions the per-session tables are in the CSV files only: a district's
workbook of 100,000-row sheets is slow to write and slower to open, and its summaries
(recurring problems, villages, kecamatan) are what a sheet is for."""
REPORT_FLAT_ALWAYS = ("sessions",)
"""Rows kept whatever the size: the report's page lists the sessions."""


@dataclass
class Report:
    """Every table of the report; ``flat`` tables have stable English column keys."""

    session_ids: list[str]
    """The sessions counted, by date then id."""
    recurring: Table
    villages: Table
    flat: dict[str, Table] = field(default_factory=dict)
    """The per-session tables' rows; past :data:`XLSX_FLAT_MAX_SESSIONS` sessions only
    ``sessions`` and ``recurring`` (the others are then in :attr:`csv` only)."""
    subdistricts: Table | None = None
    """Sessions per kecamatan, by Kemendagri code where there is one."""
    uncoded: Table | None = None
    """Sessions whose village has no Kemendagri code (their counts rest on typed names)."""
    csv: dict[str, bytes] = field(default_factory=dict)
    """The per-session tables' CSV files, joined from each session's lines kept in the
    cache (:func:`~mpa_tui.export.report_fast.report_csv_files`)."""
    totals: Table | None = None
    """What a reader sees first: sessions, groups, villages, cards, women reached, and
    follow-up actions by status (label, number)."""


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


def build_report(sessions: Iterable[Session], *, lang: str = "id", group: str | None = None,
                 village: str | None = None, since: date | None = None,
                 include_examples: bool = True) -> Report:
    """The report over sessions already in memory (bundles, tests), trash left out.

    The sessions are flattened into an in-memory DuckDB and go through the same filters
    and SQL as the store's report (:func:`report_from`).
    """
    from mpa_tui.export.tables_cache import connect, sessions_into

    con = connect()
    try:
        con.execute("ATTACH ':memory:' AS cache")
        sessions_into(con, "cache", sessions)
        choose_sessions(con, group=group, village=village, since=since,
                        include_examples=include_examples)
        return report_from(con, lang)
    finally:
        con.close()


def choose_sessions(con: Any, *, group: str | None, village: str | None, since: date | None,
                    include_examples: bool) -> None:
    """Filter the connection's ``cache`` tables: names compared normalised, as typed."""
    g = v = ""
    if group or village:
        from mpa_tui.domain.rules import normalise_title  # imports the session model (0.1 s)

        g, v = normalise_title(group or ""), normalise_title(village or "")
    report_sql.choose(con, group_key=hashed(g) if g else "", village_norm=v, since=since,
                      include_examples=include_examples)


def report_from(con: Any, lang: str) -> Report:
    """The report's tables from the chosen sessions (:func:`choose_sessions`), by SQL."""
    run = report_sql.run
    with gc_paused():
        rec = [[title, sessions, villages, round(avg, 2), key]
               for title, key, sessions, villages, avg in run(con, report_sql.RECURRING)]
        tr = lambda k: t(k, lang)  # noqa: E731 - short local alias
        recurring = Table("recurring", [tr("export.report.col.title"),
                                        tr("export.report.col.sessions"),
                                        tr("export.report.col.villages"),
                                        tr("export.report.col.avg_rank")],
                          [r[:4] for r in rec])
        (count,) = con.execute("SELECT count(*) FROM sessions").fetchone()
        # Past the workbook's limit only the CSV files need the long tables: they are
        # joined from lines kept in the cache, and no row of them becomes a Python object.
        keep = REPORT_FLAT_ALWAYS if count > XLSX_FLAT_MAX_SESSIONS else report_sql.REPORT_FLAT
        flat = {name: Table(name, list(report_sql.REPORT_FLAT[name][0]),
                            run(con, report_sql.flat_query(name))) for name in keep}
        csvs = report_csv_files(con)
        flat["recurring"] = Table("recurring", ["title_key", "title", "sessions", "villages",
                                                "avg_rank"], [[r[4], *r[:4]] for r in rec])
        return Report([str(r[0]) for r in flat["sessions"].rows], recurring,
                      places_tables.villages(run(con, report_sql.VILLAGES), lang), flat,
                      places_tables.subdistricts(run(con, report_sql.SUBDISTRICTS), lang),
                      places_tables.uncoded(run(con, report_sql.UNCODED), lang), csvs,
                      totals_table(con, lang))


def totals_table(con: Any, lang: str) -> Table:
    """The report's totals (:data:`~.report_sql.TOTALS`), then actions by status."""
    from mpa_tui.domain.enums import ActionStatus

    tr = lambda k, **kw: t(k, lang, **kw)  # noqa: E731
    sessions, groups, villages, women = report_sql.run(con, report_sql.TOTALS)[0]
    (cards,) = con.execute("SELECT coalesce(sum(cards), 0) FROM sessions").fetchone()
    by_status = {str(k): int(n) for k, n in report_sql.run(con, report_sql.ACTIONS_BY_STATUS)}
    rows: list[list[Any]] = [
        [tr("export.report.total.sessions"), int(sessions)],
        [tr("export.report.total.groups"), int(groups)],
        [tr("export.report.total.villages"), int(villages)],
        [tr("export.report.total.cards"), int(cards)],
        [tr("export.report.total.women"), int(women)],
        [tr("export.report.total.actions"), sum(by_status.values())]]
    rows += [[tr("export.report.total.status", status=tr(f"export.status.{s.value}")),
              by_status.get(s.value, 0)] for s in ActionStatus]
    return Table("totals", [tr("export.report.col.item"), tr("export.report.col.count")],
                 rows)


def report_view(report: Report, *, lang: str = "id", filters: str = "") -> ExportView:
    """The report as a document (for the HTML page)."""
    tr = lambda k, **kw: t(k, lang, **kw)  # noqa: E731
    shown = filters or tr("export.report.no_filter")
    intro: list[Any] = [Para(tr("export.report.filters", filters=shown))]
    if report.totals is not None:
        intro.append(report.totals)
    else:
        n_cards = sum(int(r[9]) for r in report.flat["sessions"].rows)
        intro.append(Para(tr("export.report.totals", sessions=len(report.session_ids),
                             villages=len(report.villages.rows), cards=n_cards)))
    rec_blocks: list[Any] = [report.recurring]
    chart = recurring_chart(report, lang)
    if chart is not None:
        rec_blocks.append(chart)
    sessions = Table("sessions", [tr("export.report.col.date"), tr("export.report.col.group"),
                                  tr("export.report.col.village"), tr("export.report.col.cards")],
                     [[places_tables.day_text(r[6], lang), r[1], r[2], r[9]]
                      for r in report.flat["sessions"].rows])
    return ExportView(
        lang=lang, session_id="", title=tr("export.report.title"), subtitle="",
        sections=[Section("intro", tr("export.report.section.totals"), intro),
                  Section("recurring", tr("export.report.section.recurring"), rec_blocks),
                  Section("villages", tr("export.report.section.villages"), [report.villages]),
                  *_place_sections(report, tr),
                  Section("sessions", tr("export.report.section.sessions"), [sessions])],
        with_names=False)


def recurring_chart(report: Report, lang: str) -> Chart | None:
    """The top recurring problems by sessions (the HTML's and the workbook's chart)."""
    top = report.recurring.rows[:15]
    if not top:
        return None
    sessions = t("export.report.col.sessions", lang)
    return Chart("recurring", t("export.report.chart.recurring", lang, n=len(top)),
                 [str(r[0]) for r in top], [(sessions, [float(r[1]) for r in top])])


def _place_sections(report: Report, tr: Any) -> list[Section]:
    out = []
    if report.subdistricts is not None:
        out.append(Section("subdistricts", tr("export.report.section.subdistricts"),
                           [report.subdistricts]))
    if report.uncoded is not None and report.uncoded.rows:
        out.append(Section("uncoded", tr("export.report.section.uncoded"),
                           [Para(tr("export.report.uncoded_note")), report.uncoded]))
    return out




def render_report_files(report: Report, *, lang: str = "id", filters: str = ""
                        ) -> dict[str, bytes]:
    """laporan.html, laporan.xlsx and one CSV per flat table, in memory."""
    from mpa_tui.export.html import render_view_html
    from mpa_tui.export.report_xlsx import render_report_xlsx

    with gc_paused():
        files = {"laporan.html": render_view_html(report_view(report, lang=lang,
                                                              filters=filters))
                 .encode("utf-8")}
        # The long per-card tables live in the CSV files only past XLSX_FLAT_MAX_SESSIONS:
        # the workbook stays quick to write and to open with a thousand sessions.
        files["laporan.xlsx"] = render_report_xlsx(
            report, lang=lang, filters=filters,
            flat=len(report.session_ids) <= XLSX_FLAT_MAX_SESSIONS)
        for name in (*report_sql.REPORT_FLAT, "recurring"):
            got = report.csv.get(name)
            files[f"{name}.csv"] = got if got is not None else csv_bytes(report.flat[name])
    return files


def sessions_from_store(store: Any) -> tuple[list[Session], list[str]]:
    """Every session in the store (trash left out) and the ids that could not be read.

    Files are read straight into pydantic when they are laid out as the store writes
    them (see :func:`mpa_tui.export.report_fast.load_fast`); any other goes through
    ``store.repo.load`` as usual.
    """
    return sessions_from_repo(store.repo)
