"""The crash log: where an unexpected error in the TUI is written instead of the screen.

Textual prints an unhandled error as a traceback with local variables: card texts and
participants' names would end up on the terminal (and in whatever records it). The log
keeps only what a developer needs: the error's type and the code path (file, line,
function, source line). Never the error's message nor any variable: either may hold what
participants said. The file is 0600 in the data folder.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mpa_tui import __version__


def crash_report(error: BaseException) -> str:
    """The log's text: versions, the error's type and its frames (chained errors too)."""
    lines = [f"mpa-tui {__version__} crash {datetime.now(UTC).isoformat(timespec='seconds')}",
             f"Python {platform.python_version()} on {sys.platform}", ""]
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    for exc in reversed(chain):
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(exc.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        kind = type(exc)
        lines.append(f"{kind.__module__}.{kind.__qualname__} (message not recorded)")
        lines.append("")
    return "\n".join(lines)


def write_crash_log(folder: Path, error: BaseException) -> Path:
    """Write ``crash-<UTC time>.log`` (0600) in ``folder`` and return its path."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    for n in range(100):
        path = folder / (f"crash-{stamp}.log" if n == 0 else f"crash-{stamp}-{n}.log")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(crash_report(error))
        return path
    raise FileExistsError(folder / f"crash-{stamp}.log")


def end_with_crash_log(app: Any, error: Exception) -> None:
    """End ``app`` (an :class:`~mpa_tui.tui.app.MpaApp`) after an unexpected error.

    Textual would print the error with local variables (card texts, names); the session
    is already on disk, so the app writes the crash log, sets ``app.crash_log`` (the CLI
    says where it is after the app ends) and closes with exit code 1.
    """
    app._return_code = 1
    if app._exception is None:  # run_test re-raises it for the tests
        app._exception = error
        app._exception_event.set()
    try:
        app.crash_log = write_crash_log(Path(app.store.data_dir), error)
    except Exception:  # noqa: BLE001 - no log is better than a second crash
        app.crash_log = None
    app.bell()
    app._close_messages_no_wait()
