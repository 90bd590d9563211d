"""laporan.xlsx: the district report's workbook, set up to print as the session workbook is.

The totals come first, then the tables across sessions, then (up to
:data:`~.report.XLSX_FLAT_MAX_SESSIONS` sessions) the sessions, their follow-up actions,
categories and ranking, each row with a readable session label (date, group, village)
beside the session id. Sheets and columns are in the report's language; numbers are
stored as numbers with the session workbook's display formats; dates are in the
language's form and never wrap.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from mpa_tui.export.model import Table
from mpa_tui.i18n import t
from mpa_tui.i18n.formats import format_day, format_day_range

if TYPE_CHECKING:
    from mpa_tui.export.report import Report

PAPER = "A4"
"""A report spans many sessions (each with its own paper): A4, the common size."""


def _day(text: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None


def session_labels(report: Report, lang: str) -> dict[str, str]:
    """Each session's readable label: "8 Juni 2023 · Mentari · Nagrak"."""
    out = {}
    for row in report.flat["sessions"].rows:
        parts = [format_day(_day(row[6]), lang), str(row[1]), str(row[2])]
        out[str(row[0])] = " · ".join(p for p in parts if p.strip())
    return out


def _labelled(report: Report, name: str, lang: str, labels: dict[str, str],
              cols: list[tuple[str, int]], convert: Any = None) -> Table:
    """A per-session table with the label beside the id and translated headers."""
    tr = lambda k: t(k, lang)  # noqa: E731
    heads = [tr("export.report.col.session_id"), tr("export.report.col.session")]
    heads += [tr(k) for k, _ in cols]
    rows = []
    for row in report.flat[name].rows:
        values = [row[i] for _, i in cols]
        if convert is not None:
            values = convert(row, values)
        rows.append([row[0], labels.get(str(row[0]), ""), *values])
    return Table(name, heads, rows)


def flat_sheets(report: Report, lang: str) -> list[tuple[str, Table, frozenset[int]]]:
    """The per-session sheets: (sheet title, table, columns that never wrap)."""
    tr = lambda k: t(k, lang)  # noqa: E731
    labels = session_labels(report, lang)

    def dates(row: list[Any], values: list[Any]) -> list[Any]:
        values[2] = format_day_range(_day(row[6]), _day(row[7]), lang)
        return values

    sessions = _labelled(report, "sessions", lang, labels, [
        ("export.report.col.subdistrict", 3), ("export.report.col.regency", 4),
        ("export.report.col.date", 6), ("export.report.col.participants", 8),
        ("export.report.col.cards", 9), ("export.report.col.categories", 10),
        ("export.report.col.code", 11)], dates)
    out = [(tr("export.report.section.sessions"), sessions, frozenset({0, 4, 8}))]
    if "actions" in report.flat:
        def action(row: list[Any], values: list[Any]) -> list[Any]:
            when = _day(values[2])
            values[2] = format_day(when, lang) if when else values[2]
            values[3] = tr(f"export.status.{values[3]}") if values[3] else ""
            return values

        out.append((tr("export.sheet.action_plan"), _labelled(
            report, "actions", lang, labels,
            [("export.col.action", 3), ("export.col.responsible", 4), ("export.col.when", 5),
             ("export.col.status", 6)], action), frozenset({0, 4})))
    titles: dict[tuple[str, str], str] = {}
    if "categories" in report.flat:
        for row in report.flat["categories"].rows:
            titles[(str(row[0]), str(row[1]))] = str(row[2])
        out.append((tr("export.sheet.categories"), _labelled(
            report, "categories", lang, labels,
            [("export.col.category", 2), ("export.col.cards", 4), ("export.col.votes", 5),
             ("export.col.score", 6)]), frozenset({0})))
    if "ranking" in report.flat:
        def ranked(row: list[Any], values: list[Any]) -> list[Any]:
            values[0] = titles.get((str(row[0]), str(row[1])), "")
            values[3] = tr("export.report.tied") if values[3] else ""
            return values

        out.append((tr("export.sheet.ranking"), _labelled(
            report, "ranking", lang, labels,
            [("export.col.category", 1), ("export.col.rank", 2), ("export.col.score", 3),
             ("export.report.col.tied", 4), ("export.col.priority", 5)], ranked),
            frozenset({0})))
    return out


def render_report_xlsx(report: Report, *, lang: str, filters: str, flat: bool) -> bytes:
    """The report's workbook as .xlsx bytes; ``flat``: add the per-session sheets."""
    from mpa_tui.export.report import recurring_chart
    from mpa_tui.export.xlsx import PORTRAIT_CHARS, _Sheet, new_workbook, print_setup, sheet_name

    tr = lambda k, **kw: t(k, lang, **kw)  # noqa: E731
    buf = io.BytesIO()
    wb, fmts = new_workbook(buf)
    sheets: list[_Sheet] = []

    def sheet(title: str) -> _Sheet:
        made = _Sheet(wb.add_worksheet(sheet_name(title)), fmts, lang)
        sheets.append(made)
        return made

    first = sheet(tr("export.report.section.totals"))
    first.line(tr("export.report.title"), "title")
    first.line(tr("export.report.filters", filters=filters or tr("export.report.no_filter")),
               "para")
    first.line(tr("export.report.exported", day=format_day(dt.date.today(), lang)), "para")
    if report.totals is not None:
        first.table(report.totals)
    recurring = sheet(tr("export.report.section.recurring"))
    chart = recurring_chart(report, lang)
    recurring.blocks([report.recurring, *([chart] if chart is not None else [])])
    sheet(tr("export.report.section.villages")).table(report.villages)
    for extra in (report.subdistricts, report.uncoded):
        if extra is not None:
            sheet(tr(f"export.report.section.{extra.key}")).table(extra)
    if flat:
        for title, table, nowrap in flat_sheets(report, lang):
            sheet(title).table(table, nowrap=nowrap)
    for made in sheets:
        width = made.finish(wb)
        print_setup(made.ws, paper=PAPER, landscape=width > PORTRAIT_CHARS,
                    header_row=made.header_row, left=tr("export.report.title"),
                    right=filters or tr("export.report.no_filter"), lang=lang)
    wb.set_properties({"title": tr("export.report.title"), "author": tr("export.doc.app")})
    wb.close()
    return buf.getvalue()
