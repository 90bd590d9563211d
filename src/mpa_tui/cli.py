"""The ``mpa`` command (also ``python -m mpa_tui``).

Startup must stay fast: this module imports only the standard library at the top.
Help texts come from the catalogs through :mod:`mpa_tui.i18n.catalog`; pydantic, the store, the
export code and Textual are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from mpa_tui import __version__

FORMATS = ("md", "html", "docx", "xlsx", "csv", "json")
_LANGS = ("id", "en")
_lang = "id"


# -- texts ------------------------------------------------------------------------------
def t(key: str, **params: Any) -> str:
    """Translate a key in the CLI's language (:func:`mpa_tui.i18n.catalog.translate`, which
    needs no part of the app, so --help stays fast)."""
    from mpa_tui.i18n.catalog import translate

    return translate(key, _lang, **params)


# C0/C1 controls (ESC starts terminal escape sequences) never reach the terminal from
# user data, file names or error details.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\t\n]")


def clean(text: object) -> str:
    """User-provided text made safe to print on one terminal line."""
    return _CONTROLS.sub("?", _BREAKS.sub(" ", str(text)))


def say_error(message: str) -> None:
    """Print one error line on stderr."""
    print(f"mpa: {clean(message)}", file=sys.stderr)


# -- the parser -------------------------------------------------------------------------
class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"mpa: {t('cli.usage_error')}: {clean(message)}\n")


def _pre_lang(argv: list[str]) -> str:
    """The language for help texts, read before argparse runs."""
    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in _LANGS:
            return value
    env = (os.environ.get("MPA_LANG") or "").lower()[:2]
    return env if env in _LANGS else "id"


def _formats(value: str) -> list[str]:
    out = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in out if f not in FORMATS]
    if bad or not out:
        allowed = ",".join(FORMATS)
        raise argparse.ArgumentTypeError(t("cli.bad_format", value=value, allowed=allowed))
    return list(dict.fromkeys(out))


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.bad_date", value=value)) from None


def _path(value: str) -> Path:
    # Path("") is ".": an empty argument (an unset shell variable) would import or
    # write the current folder instead of being the mistake it is.
    if not value.strip():
        raise argparse.ArgumentTypeError(t("cli.empty_path"))
    return Path(value)


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # On subcommands the defaults are SUPPRESS so `mpa list --lang en` and
    # `mpa --lang en list` both work without one overwriting the other.
    default = None if top else argparse.SUPPRESS
    parser.add_argument("-h", "--help", action="help", help=t("cli.help.help"))
    parser.add_argument("--data-dir", metavar="DIR", default=default, help=t("cli.help.data_dir"))
    parser.add_argument("--lang", choices=_LANGS, default=default, help=t("cli.help.lang"))


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser of ``mpa`` (texts in the current language)."""
    p = _Parser(prog="mpa", description=t("cli.description"), add_help=False)
    _common(p, top=True)
    p.add_argument("--version", action="version", version=f"mpa {__version__}",
                   help=t("cli.help.version"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND", title=t("cli.commands"),
                           parser_class=_Parser)

    def add(name: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=t(f"cli.help.{name}"), description=t(f"cli.help.{name}"),
                            add_help=False)
        _common(sp, top=False)
        return sp

    add("demo")
    sp = add("list")
    sp.add_argument("--json", action="store_true", help=t("cli.help.json"))
    sp.add_argument("--all", action="store_true", help=t("cli.help.all"))
    sp = add("doctor")
    sp.add_argument("--repair", action="store_true", help=t("cli.help.repair"))
    sp = add("export")
    sp.add_argument("session", metavar="SESSION", help=t("cli.help.session"))
    sp.add_argument("--to", metavar="DIR", type=Path, help=t("cli.help.to"))
    sp.add_argument("--format", dest="formats", metavar="FORMATS", type=_formats,
                    help=t("cli.help.format", formats=",".join(FORMATS)))
    sp.add_argument("--with-names", action="store_true", help=t("cli.help.with_names"))
    sp = add("import")
    sp.add_argument("paths", metavar="PATH", nargs="+", type=_path, help=t("cli.help.paths"))
    sp = add("report")
    sp.add_argument("--to", metavar="DIR", type=Path, help=t("cli.help.to"))
    sp.add_argument("--group", metavar="G", help=t("cli.help.group"))
    sp.add_argument("--village", metavar="V", help=t("cli.help.village"))
    sp.add_argument("--since", metavar="DATE", type=_date, help=t("cli.help.since"))
    sp.add_argument("--include-examples", action="store_true",
                    help=t("cli.help.include_examples"))
    sp = add("tables")
    sp.add_argument("--to", metavar="DIR", type=Path, help=t("cli.help.to"))
    sp.add_argument("--format", dest="table_format", choices=("parquet", "csv"),
                    default="parquet", help=t("cli.help.table_format"))
    sp = add("suggest")
    sp.add_argument("file", metavar="FILE", type=Path, help=t("cli.help.suggest_file"))
    sp.add_argument("--json", action="store_true", help=t("cli.help.json"))
    return p


# -- entry point ------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """Run ``mpa`` with ``argv`` (default: the process arguments) and return the exit code.

    Exit codes: 0 success, 1 an error (one line on stderr, never a traceback), 2 usage.
    """
    global _lang
    argv = sys.argv[1:] if argv is None else list(argv)
    _lang = _pre_lang(argv)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else 2
    _lang = args.lang or _pre_lang([])
    args.lang = _lang
    try:
        from mpa_tui.store import resolve_data_dir

        args.data_dir = resolve_data_dir(args.data_dir)
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `mpa list | head`: the reader left, nothing to report
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the exit flush
        return 1
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        try:
            message = describe_error(exc)
        except Exception:  # noqa: BLE001 - even a broken catalog must not show a traceback
            message = f"error ({type(exc).__name__})"
        say_error(message)
        return 1


def describe_error(exc: BaseException) -> str:
    """One translated line for any error a command may raise."""
    from mpa_tui.store.errors import StoreError

    if isinstance(exc, StoreError):
        from mpa_tui.i18n import set_language
        from mpa_tui.store.messages import error_message

        set_language(_lang)
        return error_message(exc)
    if isinstance(exc, OSError):
        from mpa_tui.i18n.oserror import os_error_text

        where = f" ({exc.filename})" if exc.filename else ""
        return t("cli.error.os", detail=os_error_text(exc, _lang)) + where
    if isinstance(exc, ValueError):
        from mpa_tui.i18n import error_text, set_language

        set_language(_lang)
        return t("cli.error.invalid", detail=error_text(exc))
    return t("cli.error.unexpected", kind=type(exc).__name__)


def _dispatch(args: argparse.Namespace) -> int:
    from mpa_tui.i18n import set_language

    set_language(args.lang)
    handlers = {
        None: run_tui, "demo": run_demo, "list": run_list, "doctor": run_doctor,
        "suggest": run_suggest, "export": _delegate, "import": _delegate, "report": _delegate,
        "tables": _delegate,
    }
    return int(handlers[args.command](args) or 0)


# -- commands ---------------------------------------------------------------------------
def run_tui(args: argparse.Namespace) -> int:
    """Open the TUI on a locked store."""
    from mpa_tui.store import Store

    with Store.open(args.data_dir) as store:
        from mpa_tui.tui.app import make_app  # Textual loads only for the TUI

        app = make_app(store=store, lang=args.lang)
        crash_log = None
        try:
            app.run()
        except Exception as exc:  # noqa: BLE001 - outside the app's own handler
            from mpa_tui.tui.crash import write_crash_log

            crash_log = write_crash_log(Path(args.data_dir), exc)
        crash_log = crash_log or getattr(app, "crash_log", None)
        if crash_log is not None:  # one line, no traceback: the session is on disk
            say_error(t("cli.error.crash", path=crash_log))
            return 1
        code = getattr(app, "return_code", 0)
        return code if isinstance(code, int) else 0


def run_demo(args: argparse.Namespace) -> int:
    """Save the shipped example session (once: a second run keeps the first copy)."""
    from mpa_tui.data import install_example
    from mpa_tui.store import Store

    with Store.open(args.data_dir) as store:
        sid, created = install_example(store.repo)
        group = store.repo.summary(sid).group_name
    if not created:
        print(t("cli.demo.exists", id=sid[:8]))
        return 0
    print(t("cli.demo.saved", group=clean(group), id=sid[:8]))
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print the sessions (reading needs no lock and changes nothing)."""
    from mpa_tui.store import Store

    if problem := _folder_problem(args.data_dir):
        say_error(problem)
        return 1
    with Store.open(args.data_dir, lock=False) as store:
        rows = store.repo.list(include_trashed=args.all)
        findings = store.last_scan.findings if store.last_scan else []
    if args.json:
        out = []
        for row in rows:
            item = row.to_json()
            item["date"] = item["start_date"]
            out.append(item)
        print(json.dumps(out, ensure_ascii=False, indent=2))
    elif not rows:
        print(t("cli.list.empty"))
    else:
        table = [[t("cli.list.id"), t("cli.list.date"), t("cli.list.group"),
                  t("cli.list.village"), t("cli.list.step"), t("cli.list.cards")]]
        for row in rows:
            mark = " " + t("cli.list.trashed") if row.deleted_at else ""
            table.append([row.id[:8], row.start_date.isoformat() if row.start_date else "-",
                          clean(row.group_name) + mark, clean(row.village) or "-",
                          str(row.current_step), str(row.card_count)])
        widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
        for r in table:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    if findings:
        say_error(t("cli.list.damaged", count=len(findings)))
    return 0


def run_doctor(args: argparse.Namespace) -> int:
    """Check every file; with --repair set damaged ones aside and restore backups."""
    from mpa_tui.store import Store
    from mpa_tui.store.messages import damage_message
    from mpa_tui.store.store import lock_held_elsewhere

    folder: Path = args.data_dir
    if problem := _folder_problem(folder):
        say_error(problem)
        return 1
    if not folder.is_dir():
        print(t("cli.doctor.no_folder", path=clean(folder)))
        return 0
    if args.repair:
        with Store.open(folder, repair=True, deep=True) as store:
            for report in store.damage_reports:
                print(clean(damage_message(report)))
            removed = len(store.last_scan.removed_temps) if store.last_scan else 0
        result = Store.check(folder)
        if removed:
            print(t("cli.doctor.temps_removed", count=removed))
    else:
        result = Store.check(folder)
        if lock_held_elsewhere(folder):
            result.stale_temps.clear()  # another window is saving: its temps are live
        for f in result.findings:
            print(t("cli.doctor.finding", reason=t_store(f"store.damage.{f.reason}"),
                    path=clean(f.path)) + (" " + t("cli.doctor.has_backup") if f.backup_ok else ""))
        if result.stale_temps:
            print(t("cli.doctor.temps", count=len(result.stale_temps)))
    for path in result.newer_schema:
        print(t("cli.doctor.newer", path=clean(path)))
    if result.damaged:
        print(t("cli.doctor.damaged" if not args.repair else "cli.doctor.still_damaged"))
        return 1
    print(t("cli.doctor.clean", count=len(result.summaries)))
    return 0


def _folder_problem(folder: Path) -> str | None:
    """A broken data folder in one line (a file, a ``sessions`` file, unreadable)."""
    from mpa_tui.store import Store

    problem = Store.folder_problem(folder)
    return t(f"cli.folder.{problem}", path=clean(folder)) if problem else None


def t_store(key: str, **params: Any) -> str:
    """Translate a key from another catalog (store, export) via :mod:`mpa_tui.i18n`."""
    from mpa_tui.i18n import t as i18n_t

    return i18n_t(key, **params)


def run_suggest(args: argparse.Namespace) -> int:
    """Propose groups for the cards in a text file (one card per line)."""
    from mpa_tui.domain.suggest import suggest_groups
    from mpa_tui.domain.suggest_glossary import user_glossary
    from mpa_tui.i18n import error_text

    lines = args.file.read_text(encoding="utf-8-sig").splitlines()
    numbered = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip()]
    glossary, problems = user_glossary(args.data_dir)  # the district's own words, if any
    for problem in problems:
        print(error_text(problem), file=sys.stderr)
    groups = suggest_groups([text for _, text in numbered], glossary=glossary, lang=args.lang)
    result = [(g.title, [numbered[i][0] for i in g.indices]) for g in groups]
    if args.json:
        # Same shape as suggestions_json: the "Lain-lain" group is marked "other".
        payload = {"groups": [
            {"title": title, "cards": cards, **({"other": True} if g.other else {})}
            for (title, cards), g in zip(result, groups, strict=True)]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not result:
        print(t("cli.suggest.none"))
    for title, cards in result:
        print(t("cli.suggest.group", title=clean(title), count=len(cards)))
        for n in cards:
            print(f"  {n:>4}  {clean(lines[n - 1].strip())}")
    return 0


def _delegate(args: argparse.Namespace) -> int:
    """export / import / report / tables live in :mod:`mpa_tui.export.commands`."""
    import importlib

    commands = importlib.import_module("mpa_tui.export.commands")  # loaded only for these
    fn = {"export": "run_export", "import": "run_import", "report": "run_report",
          "tables": "run_tables"}[args.command]
    return int(getattr(commands, fn)(args) or 0)
