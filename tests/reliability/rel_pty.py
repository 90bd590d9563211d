"""Drive the real ``mpa`` TUI in a pseudo-terminal (80x24), reading what it draws.

Only the standard library: the screen is not emulated; the output stream is kept with
its escape sequences stripped, which is enough to find a line such as ``Kartu: 3``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

from rel_util import child_env, mpa_cmd

_ESCAPES = re.compile(
    rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC ... BEL / ST
    rb"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[()][0-9A-Za-z]"  # charset
    rb"|\x1b[=>78NOM]"
)


def strip(raw: bytes) -> str:
    """The text of a terminal output stream, escape sequences removed."""
    return _ESCAPES.sub(b"", raw).decode("utf-8", errors="replace")


class PtyApp:
    """``python -m mpa_tui --data-dir D ARGS`` running in a pseudo-terminal."""

    def __init__(self, data_dir: Path, *args: str, rows: int = 24, cols: int = 80) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = child_env(TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows),
                        MPA_LANG="id")
        env.pop("NO_COLOR", None)
        env.pop("TEXTUAL", None)
        self.proc = subprocess.Popen(mpa_cmd(data_dir, *args), stdin=slave, stdout=slave,
                                     stderr=slave, env=env, start_new_session=True,
                                     close_fds=True)
        os.close(slave)
        self.master = master
        self.raw = b""

    def pump(self, timeout: float = 0.05) -> None:
        """Read whatever the app has drawn so far."""
        end = time.monotonic() + timeout
        while True:
            left = max(0.0, end - time.monotonic())
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the app ended (EIO on Linux)
                return
            if not chunk:
                return
            self.raw += chunk

    def text(self) -> str:
        """Everything drawn so far, as text."""
        return strip(self.raw)

    def wait_for(self, pattern: str, timeout: float = 30.0, *, since: int = 0) -> re.Match[str]:
        """Wait until ``pattern`` (a regex) appears in the output after char ``since``."""
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.05)
            found = rx.search(self.text(), since)
            if found:
                return found
            if self.proc.poll() is not None:
                self.pump(0.2)
                found = rx.search(self.text(), since)
                if found:
                    return found
                raise AssertionError(f"app exited {self.proc.returncode}: {self.text()[-800:]}")
        raise AssertionError(f"{pattern!r} not shown within {timeout}s: {self.text()[-800:]!r}")

    def send(self, data: str) -> None:
        """Type ``data`` (as bytes a terminal would send)."""
        os.write(self.master, data.encode())

    def kill9(self) -> None:
        """SIGKILL the app (as a power cut would stop it)."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        self.close()

    def close(self) -> None:
        """Stop the app if it still runs and close the terminal."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        with contextlib.suppress(OSError):
            os.close(self.master)
