"""The report's places: villages and kecamatan counted by Kemendagri code, not by typed name.

West Java alone has nine villages called Nagrak: a village is its code, shown with its
official names. Sessions whose village has no code (typed before codes existed, or not
in the list) are counted by their typed names and also listed on their own, so the
district office sees which counts it cannot fully trust. The counting is SQL
(:mod:`.report_sql`); here the rows get their headers and words in the report's language.
"""

from __future__ import annotations

from typing import Any

from mpa_tui.export.model import Table
from mpa_tui.i18n import t


def _code_text(code: str, lang: str) -> str:
    return code or t("export.report.no_code", lang)


def villages(rows: list[list[Any]], lang: str) -> Table:
    """One row per village: coded villages first (by kabupaten, kecamatan, desa)."""
    tr = lambda k: t(k, lang)  # noqa: E731 - short local alias
    return Table("villages", [
        tr("export.report.col.village"), tr("export.report.col.sessions"),
        tr("export.report.col.groups"), tr("export.report.col.cards"),
        tr("export.report.col.top"), tr("export.report.col.subdistrict"),
        tr("export.report.col.regency"), tr("export.report.col.code")],
        [[*r[:7], _code_text(r[7], lang)] for r in rows])


def subdistricts(rows: list[list[Any]], lang: str) -> Table:
    """One row per kecamatan (by code where there is one)."""
    tr = lambda k: t(k, lang)  # noqa: E731
    return Table("subdistricts", [
        tr("export.report.col.subdistrict"), tr("export.report.col.regency"),
        tr("export.report.col.code"), tr("export.report.col.sessions"),
        tr("export.report.col.villages"), tr("export.report.col.groups")],
        [[r[0], r[1], _code_text(r[2], lang), *r[3:]] for r in rows])


def uncoded(rows: list[list[Any]], lang: str) -> Table:
    """The sessions whose village has no official code (why: not in the list, or none)."""
    tr = lambda k: t(k, lang)  # noqa: E731
    why = {"not_listed": tr("export.report.not_listed"), "no_code": tr("export.report.no_code")}
    return Table("uncoded", [
        tr("export.report.col.date"), tr("export.report.col.group"),
        tr("export.report.col.village"), tr("export.report.col.subdistrict"),
        tr("export.report.col.regency"), tr("export.report.col.code")],
        [[day_text(r[0], lang), *r[1:5], why.get(r[5], r[5])] for r in rows])


def day_text(text: Any, lang: str) -> str:
    """An ISO date as a person reads it ("8 Juni 2023"); anything else as it is."""
    import datetime as dt

    from mpa_tui.i18n.formats import format_day

    try:
        return format_day(dt.date.fromisoformat(str(text)), lang)
    except ValueError:
        return str(text)
