"""Promise 1: kill -9 at any moment never loses an acknowledged change.

A worker process (tests/reliability/rel_child.py) applies random edits through
``mpa_tui.domain.ops`` -- add, edit and move cards, create and rename categories, soft
delete and restore, stage and action-plan edits -- and saves each with ``repo.save``,
printing ``pre <seq> <op> <digest>`` before and ``ack <seq>`` after the save returns. The
test kills it with SIGKILL at random moments. After each kill:

* the store opens with no damage report and the session loads ("unreadable" otherwise);
* the session on disk is exactly the last acknowledged version, or the one whose save was
  in flight when the kill landed ("lost" otherwise: an acknowledged change is missing);
* ``mpa doctor`` on the folder exits 0.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from rel_util import FULL, HERE, child_env, count, mpa_cmd

from mpa_tui.store import Store, StoreError
from proc_lines import LineReader

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)"),
]

CHILD = HERE / "rel_child.py"
SESSION_ID = "kill9-session"
RUNS = count(240, 20)
REAL_DOCTOR_EVERY = 4 if FULL else RUNS
"""Every n-th check (and the last) runs ``python -m mpa_tui doctor`` as a fresh
interpreter; the others run the same ``mpa_tui.cli.main`` in a child forked from the
pre-imported helper (an interpreter start costs ~2 s on a loaded 2-core machine)."""


def _read_until(reader: LineReader, prefix: str, sink: list[str]) -> str:
    """The next line starting with ``prefix``; fails (never hangs) after the deadline.

    A ``done`` line while waiting for the worker's ``ack``/``pre`` means it ended on its
    own (an exception): fail instead of waiting for a line that will never come.
    """
    stop = ("done ",) if prefix in ("ack ", "pre ") else ()
    return reader.read_until(prefix, sink, stop=stop)


def _disk_digest(data: Path) -> tuple[str | None, bool, list[str]]:
    """(digest of the stored session or None, readable?, card ids) after a kill."""
    from rel_child import digest  # tests/reliability is on sys.path (rootdir conftest)

    from mpa_tui.store import SessionNotFoundError

    try:
        with Store.open(data) as store:
            if [r for r in store.damage_reports if r.is_damage]:
                return None, False, []
            try:
                session = store.repo.load(SESSION_ID)
            except SessionNotFoundError:
                return None, True, []
            # The home list (index) agrees with the file, even though the index lags.
            if store.repo.summary(SESSION_ID).card_count != len(session.active_cards()):
                return None, False, []
            return digest(session), True, [c.id[:8] for c in session.cards]
    except StoreError:
        return None, False, []


def kill_runs(tmp_path: Path, runs: int, *, doctor: bool = True, early_ack: bool = False
              ) -> dict[str, Any]:
    """Run the kill schedule ``runs`` times; return the figures and the problems seen.

    ``early_ack`` makes the worker acknowledge BEFORE saving (a broken app): the check
    must then find lost changes.
    """
    from rel_child import ids_folder

    data = tmp_path / "data"
    rng = random.Random(int(os.environ.get("MPA_RELIABILITY_SEED", "20230323")))
    env = child_env(**({"MPA_REL_ACK_EARLY": "1"} if early_ack else {}))
    zygote = subprocess.Popen([sys.executable, str(CHILD), "zygote"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    assert zygote.stdin is not None
    reader = LineReader(zygote)
    unreadable = lost = doctor_bad = real_doctors = 0
    ops_done: Counter[str] = Counter()
    acks = 0
    moments: Counter[str] = Counter()
    problems: list[str] = []
    committed: str | None = None  # digest of the version the disk must hold at least
    try:
        for run in range(runs):
            zygote.stdin.write(f"go {data} {SESSION_ID} {rng.randrange(2**31)}\n")
            zygote.stdin.flush()
            lines: list[str] = []
            pid = int(_read_until(reader, "child ", lines).split()[1])
            moment = rng.choice(["anywhere", "after_ack", "after_ack", "in_save"])
            moments[moment] += 1
            if moment == "anywhere":  # including while opening and repairing
                time.sleep(rng.uniform(0.0, 0.080))
            elif moment == "after_ack":
                for _ in range(rng.randint(1, 15)):
                    lines.append(_read_until(reader, "ack ", lines))
                time.sleep(rng.uniform(0.0, 0.004))
            else:  # right after a "pre" line: the save is running
                for _ in range(rng.randint(1, 15)):
                    lines.append(_read_until(reader, "ack ", lines))
                lines.append(_read_until(reader, "pre ", lines))
            os.kill(pid, signal.SIGKILL)
            status = int(_read_until(reader, "done ", lines).split()[1])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, lines

            # Whole "pre" lines only (4 fields); ids come from the worker's side files.
            pres = {ln.split()[1]: ln.split() for ln in lines
                    if ln.startswith("pre ") and len(ln.split()) == 4}
            acked = [ln.split()[1] for ln in lines if ln.startswith("ack ")]
            acks += len(acked)
            ops_done.update(pres[s][2] for s in acked)
            in_flight = [s for s in pres if s not in acked]
            if acked:
                committed = pres[acked[-1]][3]
            allowed = {committed} | {pres[s][3] for s in in_flight}

            disk, readable, card_ids = _disk_digest(data)
            if not readable:
                unreadable += 1
                problems.append(f"run {run}: unreadable after kill ({moment})")
            elif disk not in allowed:
                lost += 1
                problems.append(f"run {run}: disk holds {disk}, acknowledged {committed}")
            elif acked:
                need = (ids_folder(data) / acked[-1]).read_text().split(",")
                missing = [c for c in need if c != "-" and c not in card_ids]
                if missing:
                    lost += 1
                    problems.append(f"run {run}: acknowledged cards missing {missing[:3]}")
            committed = disk if readable else committed
            if not doctor:
                continue

            out = tmp_path / "doctor.out"
            if run % REAL_DOCTOR_EVERY == REAL_DOCTOR_EVERY - 1 or run == runs - 1:
                real_doctors += 1
                res = subprocess.run(mpa_cmd(data, "doctor"), capture_output=True, text=True,
                                     env=child_env(), timeout=60)
                code, text = res.returncode, res.stdout + res.stderr
            else:
                zygote.stdin.write(f"doctor {data} {out}\n")
                zygote.stdin.flush()
                code = int(_read_until(reader, "doctor ", lines).split()[1])
                text = out.read_text(errors="replace")
            if code != 0:
                doctor_bad += 1
                problems.append(f"run {run}: mpa doctor exit {code}: {text.strip()[:200]}")
    finally:
        zygote.kill()
        zygote.wait()
    return {"unreadable": unreadable, "lost": lost, "doctor_bad": doctor_bad,
            "real_doctors": real_doctors, "ops": ops_done, "acks": acks, "moments": moments,
            "problems": problems}


def test_kill_9_during_store_operations(tmp_path: Path) -> None:
    f = kill_runs(tmp_path, RUNS)
    print(f"\nkill -9: {RUNS} runs, {f['unreadable']} unreadable, {f['lost']} lost")
    print(f"crash details: {f['acks']} acknowledged saves; kill moments "
          f"{dict(f['moments'])}; doctor not clean {f['doctor_bad']}/{RUNS} "
          f"({f['real_doctors']} as fresh interpreters); ops {dict(sorted(f['ops'].items()))}")
    assert f["unreadable"] == 0 and f["lost"] == 0 and f["doctor_bad"] == 0, f["problems"][:10]
    # The kills landed in the middle of real work, across every kind of edit.
    assert f["acks"] >= RUNS
    assert len(f["ops"]) >= (14 if RUNS >= 100 else 6), f["ops"]


def test_kill_9_check_detects_an_app_that_acknowledges_too_early(tmp_path: Path) -> None:
    """The same check on a worker that says "saved" before saving finds lost changes,
    so a green kill -9 figure means something."""
    f = kill_runs(tmp_path, count(40, 20), doctor=False, early_ack=True)
    print(f"\ncrash sanity: a worker that acks before saving: {f['lost']} losses detected")
    assert f["lost"] > 0


REPAIR_RUNS = count(200, 25)


def test_kill_9_during_repair_loses_nothing(tmp_path: Path) -> None:
    """A store opened on a damaged file (set aside + backup restored) is killed at random
    moments of that repair: the next open still restores the backup, and the damaged
    bytes are kept aside, never deleted."""
    from mpa_tui.domain import Card, Session
    from mpa_tui.store.atomic import backup_path

    rng = random.Random(99)
    zygote = subprocess.Popen([sys.executable, str(CHILD), "zygote"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=child_env())
    assert zygote.stdin is not None
    reader = LineReader(zygote)
    failures: list[str] = []
    finished = 0
    try:
        for run in range(REPAIR_RUNS):
            data = tmp_path / f"d{run}"
            session = Session(group_name="Mentari", cards=[Card(text="modal")])
            with Store.open(data) as store:
                store.repo.create(session)
                session.cards.append(Card(text="izin"))
                store.repo.save(session)
                path = store.repo.path_of(session.id)
            damaged = path.read_bytes()[: rng.randrange(1, 60)]
            path.write_bytes(damaged)
            zygote.stdin.write(f"open {data}\n")
            zygote.stdin.flush()
            lines: list[str] = []
            pid = int(_read_until(reader, "child ", lines).split()[1])
            time.sleep(rng.uniform(0.0, 0.050))
            with contextlib.suppress(ProcessLookupError):  # it may have finished already
                os.kill(pid, signal.SIGKILL)
            status = int(_read_until(reader, "done ", lines).split()[1])
            finished += os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
            with Store.open(data) as store:
                texts = [c.text for c in store.repo.load(session.id).cards]
            aside = [p.read_bytes() for p in path.parent.glob(path.name + ".damaged-*")]
            if texts != ["modal"]:
                failures.append(f"run {run}: restored {texts}")
            if aside != [damaged]:
                failures.append(f"run {run}: damaged bytes kept aside {len(aside)} times")
            if not backup_path(path).exists():
                failures.append(f"run {run}: backup gone")
    finally:
        zygote.kill()
        zygote.wait()
    print(f"\nrepair under SIGKILL: {REPAIR_RUNS} runs ({REPAIR_RUNS - finished} killed "
          f"mid-open), {len(failures)} failures")
    assert not failures, failures[:5]
