"""Real kill -9 tests: a writer process is killed at random moments while saving.

After every kill the store must open without damage and hold every change whose save had
returned (acknowledged) before the kill.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mpa_tui.store import Store
from proc_lines import LineReader

HERE = Path(__file__).parent
WRITER = HERE / "crash_writer.py"
SESSION_ID = "crash-session"
ROUNDS = 60

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)"),
]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(HERE.parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_kill_9_never_loses_an_acknowledged_save(tmp_path: Path) -> None:
    data = tmp_path / "data"
    rng = random.Random(20230323)
    zygote = subprocess.Popen(
        [sys.executable, str(WRITER), "zygote"], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True, env=_env(),
    )
    assert zygote.stdin is not None
    reader = LineReader(zygote)
    acked: list[str] = []
    acks_per_round: list[int] = []
    try:
        for round_no in range(ROUNDS):
            zygote.stdin.write(f"go {data} {SESSION_ID}\n")
            zygote.stdin.flush()
            lines: list[str] = []
            pid = int(reader.read_until("child ", lines).split()[1])
            if round_no % 2:
                # Odd rounds: kill while saving (after the first save returned) ...
                lines.append(reader.read_until("ack ", lines))
                time.sleep(rng.uniform(0.0, 0.030))
            else:
                # ... even rounds: anywhere, including while opening and repairing.
                time.sleep(rng.uniform(0.005, 0.060))
            os.kill(pid, signal.SIGKILL)
            status = int(reader.read_until("done ", lines).split()[1])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, lines
            new = [line[4:] for line in lines if line.startswith("ack ")]
            acks_per_round.append(len(new))
            acked.extend(new)

            # The killed writer's lock died with it: this open must not block or fail.
            with Store.open(data) as store:
                assert store.damage_reports == []
                if not acked:
                    continue
                texts = {c.text for c in store.repo.load(SESSION_ID).cards}
                missing = [a for a in acked if a not in texts]
                assert not missing, f"acknowledged but lost: {missing[:5]}"
                assert store.repo.summary(SESSION_ID).card_count == len(texts)
    finally:
        zygote.kill()
        zygote.wait()
    # The writers were killed in the middle of real work, not only before it.
    assert sum(1 for n in acks_per_round if n > 0) >= ROUNDS // 2


def test_kill_9_of_a_fresh_interpreter(tmp_path: Path) -> None:
    """The same, with a writer started as its own interpreter (no fork), a few times."""
    data = tmp_path / "data"
    acked: list[str] = []
    for delay in (0.05, 0.12, 0.2):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), "writer", str(data), SESSION_ID],
            stdout=subprocess.PIPE, text=True, env=_env(),
        )
        reader = LineReader(proc)
        try:
            first = reader.readline()  # wait until it is saving
            assert first.startswith("ack "), first
            time.sleep(delay)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
        rest = reader.read_rest()
        acked += [line[4:] for line in [first, *rest] if line.startswith("ack ")]
        with Store.open(data) as store:
            assert store.damage_reports == []
            texts = {c.text.strip() for c in store.repo.load(SESSION_ID).cards}
            assert {a.strip() for a in acked} <= texts
