"""Run the real ``mpa`` TUI in a pseudo-terminal and read its screen through ``pyte``.

Pilot presses key *names*; a terminal sends bytes (Alt+P is ESC p) that Textual's parser
and the focused widget see first. This drives the app exactly as a facilitator's terminal
would, and reads the screen as an xterm-like emulator draws it.
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
import sys
import termios
import time
from pathlib import Path

import pyte

SRC = Path(__file__).resolve().parents[2] / "src"

KEY_BYTES = {
    "enter": "\r", "tab": "\t", "shift+tab": "\x1b[Z", "escape": "\x1b", "backspace": "\x7f",
    "up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D",
    "alt+up": "\x1b[1;3A", "alt+down": "\x1b[1;3B", "alt+right": "\x1b[1;3C",
    "alt+left": "\x1b[1;3D", "home": "\x1b[H", "end": "\x1b[F", "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~", "delete": "\x1b[3~", "space": " ",
    "f1": "\x1bOP", "f2": "\x1bOQ", "f3": "\x1bOR", "f4": "\x1bOS", "f5": "\x1b[15~",
    "f6": "\x1b[17~", "f7": "\x1b[18~", "f8": "\x1b[19~", "f9": "\x1b[20~",
    "f10": "\x1b[21~", "f12": "\x1b[24~",
}

ESC_PAUSE = 0.25
"""Seconds left around ESC and Alt+<char>; Textual waits 0.1 s after ESC for more bytes."""


def key_bytes(key: str) -> str:
    """The bytes an xterm sends for a Textual key name (``alt+p``, ``ctrl+t``, ``f4``)."""
    if key in KEY_BYTES:
        return KEY_BYTES[key]
    if key.startswith("ctrl+") and len(key) == 6:
        return chr(ord(key[-1]) & 0x1F)
    if key.startswith("alt+") and len(key) == 5:
        return "\x1b" + key[-1]
    if len(key) == 1:
        return key
    raise ValueError(f"no terminal bytes known for {key!r}")


class Terminal:
    """``python -m mpa_tui --data-dir D`` in a pty of ``cols`` x ``rows``, seen through pyte."""

    def __init__(self, data_dir: Path, *args: str, cols: int = 80, rows: int = 24,
                 lang: str = "id", prelude: str = "") -> None:
        """``prelude``: Python run in the child before ``mpa`` starts (e.g. to make one
        function fail, for the crash test)."""
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = dict(os.environ)
        env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
        for name in ("MPA_DATA_DIR", "NO_COLOR", "TEXTUAL", "TEXTUAL_DRIVER"):
            env.pop(name, None)
        env.update(TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows), MPA_LANG=lang)
        argv = ["--data-dir", str(data_dir), *args]
        code = f"{prelude}\nimport sys\nfrom mpa_tui.cli import main\nsys.exit(main({argv!r}))"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
            close_fds=True)
        os.close(slave)
        self.master = master
        self.raw = b""
        """Every byte the app wrote, for what is printed after it leaves its screen."""
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)

    def pump(self, timeout: float = 0.05) -> bool:
        """Feed what the app drew within ``timeout`` to the emulator; False once it ended."""
        end = time.monotonic() + timeout
        while True:
            ready, _, _ = select.select([self.master], [], [], max(0.0, end - time.monotonic()))
            if not ready:
                return True
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            self.raw += chunk
            self.stream.feed(chunk)

    def text(self) -> str:
        """The screen as lines of text."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, pattern: str, timeout: float = 20.0) -> re.Match[str]:
        """Wait until ``pattern`` (a regex) is on the screen; fail with the screen if not."""
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            alive = self.pump(0.05)
            found = rx.search(self.text())
            if found:
                return found
            if not alive or self.proc.poll() is not None:
                raise AssertionError(f"app ended ({self.proc.poll()}):\n{self.text()}")
        raise AssertionError(f"{pattern!r} not on screen within {timeout}s:\n{self.text()}")

    def settle(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Wait until the app has drawn nothing for ``quiet`` seconds (bounded)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            before = self.screen.display
            self.pump(quiet)
            if self.screen.display == before:
                return

    def press(self, *keys: str) -> None:
        """Send each key as a terminal would, one after another."""
        for key in keys:
            data = key_bytes(key)
            # A lone ESC or ESC+char is told apart from a longer sequence by a pause
            # (Textual waits 0.1 s): a real hand leaves that pause, so leave it too.
            ambiguous = data.startswith("\x1b") and len(data) <= 2
            if ambiguous:
                time.sleep(ESC_PAUSE)
            os.write(self.master, data.encode())
            time.sleep(ESC_PAUSE if ambiguous else 0.05)

    def type(self, text: str) -> None:
        """Type ``text`` as plain characters."""
        os.write(self.master, text.encode())

    def close(self) -> None:
        """Stop the app and close the terminal."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        with contextlib.suppress(OSError):
            os.close(self.master)
