"""The one report pipeline, read -> filter -> build -> render -> write, used by both
``mpa report`` and the Report screen (which runs it in a worker)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mpa_tui.export.report import Report, choose_sessions, describe_filters, render_report_files


@dataclass(frozen=True)
class ReportFilters:
    """The report's filters as typed (empty: not used)."""

    group: str = ""
    village: str = ""
    since: date | None = None
    include_examples: bool = False
    """Example sessions are fictional: counted only when asked."""

    def describe(self, lang: str) -> str:
        """The filters for the report's header, in its language (or "")."""
        return describe_filters(group=self.group, village=self.village, since=self.since,
                                lang=lang)


@dataclass
class ReportRun:
    """What a report run produced."""

    report: Report
    unreadable: int
    """Sessions of the store that could not be read (left out, and said so)."""
    filters: ReportFilters
    folder: Path | None = None
    """Where the files went, once written."""


def make_report(store: Any, filters: ReportFilters, *, lang: str) -> ReportRun:
    """Bring the store's flat tables up to date, keep the sessions the filters match and
    build the report (:func:`mpa_tui.export.report.report_from`).

    Raises:
        OSError: DuckDB could not write (its message mapped to an errno).
    """
    import duckdb

    from mpa_tui.export.report import report_from
    from mpa_tui.export.tables_cache import store_tables
    from mpa_tui.export.tables_out import as_oserror

    try:
        with store_tables(store) as (con, synced):
            choose_sessions(con, group=filters.group or None, village=filters.village or None,
                            since=filters.since, include_examples=filters.include_examples)
            report = report_from(con, lang)
    except duckdb.IOException as exc:  # e.g. no room left for the temporary CSV files
        raise as_oserror(str(exc), Path(store.data_dir)) from exc
    return ReportRun(report, len(synced.unreadable), filters)


def write_report(run: ReportRun, target: Path, *, lang: str) -> Path:
    """Render the report's files and write them durably under ``target``/MPA.

    Raises:
        ExportError: writing failed (nothing incomplete is left).
    """
    from mpa_tui.export.writer import add_sums, write_folder

    files = render_report_files(run.report, lang=lang, filters=run.filters.describe(lang))
    add_sums(files)  # checked like a session export's (``sha256sum -c SHA256SUMS``)
    run.folder = write_folder(target, "MPA", f"laporan_{date.today().isoformat()}", files,
                              lang=lang)
    return run.folder


def run_report(store: Any, filters: ReportFilters, *, lang: str, target: Path | None = None
               ) -> ReportRun:
    """:func:`make_report`, then :func:`write_report` when ``target`` is given and any
    session matched."""
    run = make_report(store, filters, lang=lang)
    if target is not None and run.report.session_ids:
        write_report(run, target, lang=lang)
    return run
