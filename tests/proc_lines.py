"""Reading a helper process's output line by line, every read bounded by a deadline.

The kill -9 harnesses talk to helper processes over pipes. A plain ``readline()`` waits
forever when the line it expects never comes (a line cut by SIGKILL, a helper stuck on
its next command), and a hang costs CI its whole time limit. Every read here ends: with
the line, or with an ``AssertionError`` that says what was seen.
"""

from __future__ import annotations

import os
import select
import subprocess
import time
from typing import Any

DEFAULT_TIMEOUT = 60.0
"""Seconds one read may wait. Generous: a loaded 2-core CI machine forks and saves slowly,
and a real protocol step takes milliseconds."""


class LineReader:
    """Line-oriented reader of ``proc.stdout`` with a deadline on every read.

    It reads the pipe's file descriptor directly, so ``proc.stdout`` must not be read by
    anything else.
    """

    def __init__(self, proc: subprocess.Popen[Any], timeout: float = DEFAULT_TIMEOUT) -> None:
        assert proc.stdout is not None
        self.proc = proc
        self.fd = proc.stdout.fileno()
        self.timeout = timeout
        self._buf = b""
        self.seen: list[str] = []
        """Every line read so far (the tail goes into failure messages)."""

    def _fail(self, why: str) -> AssertionError:
        return AssertionError(f"{why}; last lines: {self.seen[-6:]!r}; "
                              f"unfinished: {self._buf[-200:]!r}")

    def readline(self, timeout: float | None = None) -> str:
        """The next whole line (without its newline), within ``timeout`` seconds."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise self._fail(f"no line from helper {self.proc.pid} within "
                                 f"{self.timeout if timeout is None else timeout:.0f} s")
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise self._fail(f"helper {self.proc.pid} ended (exit {self.proc.poll()})")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\n", 1)
        line = raw.decode("utf-8", "replace")
        self.seen.append(line)
        return line

    def read_until(self, prefix: str, sink: list[str] | None = None,
                   timeout: float | None = None, stop: tuple[str, ...] = ()) -> str:
        """Lines up to the first that starts with ``prefix``; the others go to ``sink``.

        A line starting with one of ``stop`` fails at once (the helper said something that
        means the awaited line will never come). The deadline covers the whole wait.
        """
        budget = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + budget
        while True:
            line = self.readline(max(0.0, deadline - time.monotonic()))
            if line.startswith(prefix):
                return line
            if stop and line.startswith(stop):
                raise self._fail(f"waiting for {prefix!r}, got {line!r}")
            if sink is not None:
                sink.append(line)

    def read_rest(self, timeout: float | None = None) -> list[str]:
        """Every remaining line until the helper closes its output (it must be ending)."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise self._fail(f"helper {self.proc.pid} did not close its output")
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.fd, 65536)
            if not chunk:
                break
            self._buf += chunk
        lines = [ln.decode("utf-8", "replace") for ln in self._buf.split(b"\n") if ln]
        self._buf = b""
        self.seen += lines
        return lines
