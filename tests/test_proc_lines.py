"""The kill -9 harnesses' pipe reader: a read always ends, and a cut line loses nothing."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from proc_lines import LineReader


def _helper(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


def test_a_line_that_never_comes_fails_instead_of_hanging() -> None:
    proc = _helper("import time; print('child 1', flush=True); time.sleep(30)")
    try:
        reader = LineReader(proc, timeout=1.0)
        assert reader.read_until("child ") == "child 1"
        started = time.monotonic()
        with pytest.raises(AssertionError, match="no line from helper") as err:
            reader.read_until("done ")
        assert time.monotonic() - started < 5
        assert "child 1" in str(err.value)  # says what it saw
    finally:
        proc.kill()
        proc.wait()


def test_a_line_cut_by_a_kill_does_not_swallow_the_next_one() -> None:
    # What a SIGKILLed worker leaves: half a "pre" line, then the zygote's own line,
    # which starts with a newline for exactly this reason.
    proc = _helper("import os; os.write(1, b'pre 12-9 edit_act'); os.write(1, b'\\ndone 9\\n')")
    try:
        reader = LineReader(proc, timeout=10.0)
        sink: list[str] = []
        assert reader.read_until("done ", sink) == "done 9"
        assert sink == ["pre 12-9 edit_act"]
    finally:
        proc.wait()


def test_a_helper_that_exits_fails_at_once() -> None:
    proc = _helper("print('ack 1')")
    reader = LineReader(proc, timeout=30.0)
    started = time.monotonic()
    with pytest.raises(AssertionError, match="ended"):
        reader.read_until("done ")
    assert time.monotonic() - started < 10
    proc.wait()


def test_a_stop_line_fails_the_wait() -> None:
    proc = _helper("print('ack 1'); print('done 768')")
    reader = LineReader(proc, timeout=10.0)
    with pytest.raises(AssertionError, match="got 'done 768'"):
        reader.read_until("pre ", stop=("done ",))
    proc.wait()
