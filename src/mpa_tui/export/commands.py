"""The headless ``mpa export``, ``mpa import`` and ``mpa report`` commands.

The CLI parses the arguments and calls these; each prints clear, translated lines and
returns the exit code (0 success, 1 error). User text is printed on one line with
control characters replaced, so a hostile name cannot drive the terminal.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from mpa_tui.i18n import t

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: object) -> str:
    return _CONTROLS.sub("?", str(text).replace("\n", " ").replace("\t", " "))


def _say(text: str) -> None:
    print(_clean(text))


def _fail(text: str) -> int:
    print(f"mpa: {_clean(text)}", file=sys.stderr)
    return 1


def _lang(args: Any) -> str:
    lang = getattr(args, "lang", None) or "id"
    return lang if lang in ("id", "en") else "id"


def _data_dir(args: Any) -> Path:
    from mpa_tui.store import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None))


def _store_error(exc: Exception, lang: str) -> str:
    from mpa_tui.store.messages import error_message

    return error_message(exc, lang)  # type: ignore[arg-type]


def pick_drive(lang: str) -> tuple[Path | None, str]:
    """The single removable drive, or None and the message saying why not."""
    from mpa_tui.export.drives import find_drives

    drives = find_drives()
    if len(drives) == 1:
        return Path(drives[0].path), ""
    if not drives:
        return None, t("export.error.no_drive", lang)
    names = ", ".join(d.path for d in drives)
    return None, t("export.error.many_drives", lang, drives=names)


def _ensure_folder(target: Path, lang: str) -> str:
    """Create a ``--to`` folder whose parent exists; return an error line or ""."""
    from mpa_tui.export.writer import error_from_oserror

    if target.exists() or not target.parent.is_dir():
        return ""  # a missing drive is reported by the writer
    try:
        target.mkdir()
    except OSError as exc:
        return error_from_oserror(exc, target).message(lang)
    return ""


def run_export(args: Any) -> int:
    """``mpa export SESSION [--to DIR] [--format ...] [--with-names] [--lang id|en]``."""
    from mpa_tui.export.writer import ExportError, export_session, removal_key
    from mpa_tui.store import Store, StoreError

    lang = _lang(args)
    formats = getattr(args, "formats", None) or getattr(args, "format", None)
    target = getattr(args, "to", None)
    if target is None:
        drive, why = pick_drive(lang)
        if drive is None:
            return _fail(why)
        target = drive
    elif problem := _ensure_folder(Path(target), lang):
        return _fail(problem)
    try:
        with Store.open(_data_dir(args), lock=False) as store:
            session = store.repo.load(store.repo.resolve(str(args.session)))
    except StoreError as exc:
        return _fail(_store_error(exc, lang))
    try:
        result = export_session(session, Path(target), formats=formats,
                                with_names=bool(getattr(args, "with_names", False)), lang=lang)
    except ExportError as exc:
        return _fail(exc.message(lang))
    _say(t("export.done", lang, folder=str(result.folder)))
    _say(t(removal_key(result.synced), lang))
    return 0


def run_import(args: Any) -> int:
    """``mpa import PATH...``: bundles, export folders or whole drives."""
    from mpa_tui.export.importer import import_paths
    from mpa_tui.store import Store, StoreError

    lang = _lang(args)
    try:
        with Store.open(_data_dir(args), lock=True) as store:
            result = import_paths(store, [Path(p) for p in args.paths], lang=lang)
    except StoreError as exc:
        return _fail(_store_error(exc, lang))
    for item in result.items:
        if item.status != "failed":
            _say(t(f"export.import.item_{item.status}", lang, name=str(item.path)))
        for warning in item.warnings:
            print(f"mpa: {_clean(warning)}", file=sys.stderr)
        if item.conflicts:
            _say(t("export.import.conflicts", lang, n=len(item.conflicts),
                   session=(item.session_id or "")[:8]))
    _say(t("export.import.summary", lang, added=result.count("added"),
           merged=result.count("merged"), unchanged=result.count("unchanged"),
           failed=result.count("failed")))
    for item in result.failed:
        print(f"mpa: {_clean(item.error)}", file=sys.stderr)
    return 1 if result.failed else 0


def run_report(args: Any) -> int:
    """``mpa report [--to DIR] [--group G] [--village V] [--since DATE] [--include-examples]``."""
    from mpa_tui.export.report_run import ReportFilters, make_report, write_report
    from mpa_tui.export.writer import ExportError
    from mpa_tui.store import Store, StoreError

    lang = _lang(args)
    since = getattr(args, "since", None)
    if isinstance(since, str):
        try:
            since = date.fromisoformat(since)
        except ValueError:
            return _fail(t("export.report.bad_date", lang, value=since))
    filters = ReportFilters(getattr(args, "group", None) or "",
                            getattr(args, "village", None) or "", since,
                            bool(getattr(args, "include_examples", False)))
    try:
        with Store.open(_data_dir(args), lock=False) as store:
            run = make_report(store, filters, lang=lang)
    except StoreError as exc:
        return _fail(_store_error(exc, lang))
    except OSError as exc:
        from mpa_tui.export.writer import error_from_oserror

        return _fail(error_from_oserror(exc, _data_dir(args)).message(lang))
    if run.unreadable:  # say so: the district office must not get a silently incomplete report
        print(f"mpa: {_clean(t('transfer.report.unreadable', lang, n=run.unreadable))}",
              file=sys.stderr)
    if not run.report.session_ids:
        return _fail(t("export.report.empty", lang))
    target = Path(getattr(args, "to", None) or Path.cwd())
    if problem := _ensure_folder(target, lang):
        return _fail(problem)
    try:
        folder = write_report(run, target, lang=lang)
    except ExportError as exc:
        return _fail(exc.message(lang))
    _say(t("export.report.done", lang, folder=str(folder)))
    return 0


def run_tables(args: Any) -> int:
    """``mpa tables [--to DIR] [--format parquet|csv]``: the flat tables (docs/TABLES.md)."""
    from mpa_tui.export.tables_out import write_tables
    from mpa_tui.store import Store, StoreError

    lang = _lang(args)
    target = Path(getattr(args, "to", None) or Path.cwd())
    if problem := _ensure_folder(target, lang):
        return _fail(problem)
    try:
        with Store.open(_data_dir(args), lock=False) as store:
            run = write_tables(store, target, fmt=getattr(args, "table_format", None)
                               or "parquet")
    except StoreError as exc:
        return _fail(_store_error(exc, lang))
    except OSError as exc:
        from mpa_tui.export.writer import error_from_oserror

        return _fail(error_from_oserror(exc, target).message(lang))
    if run.unreadable:
        print(f"mpa: {_clean(t('transfer.report.unreadable', lang, n=run.unreadable))}",
              file=sys.stderr)
    if run.folder is None:
        return _fail(t("export.tables.empty", lang))
    _say(t("export.tables.done", lang, n=run.sessions, folder=str(run.folder)))
    return 0
