"""Promise 4: one writer per data folder.

* A second TUI on the same folder is refused: exit 1, one clear line in the chosen
  language (id and en), no traceback, nothing changed.
* A lock left by a process killed with SIGKILL never blocks the next start.
* CLI commands that write (``demo``, ``import``) respect the lock the same way.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rel_util import FULL, HERE, child_env, mpa_cmd, tree

from mpa_tui.domain import Session
from mpa_tui.i18n import t
from mpa_tui.store import Store
from proc_lines import LineReader

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]


@pytest.fixture
def holder(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the folder's lock (as an open mpa window would)."""
    with Store.open(data_dir) as store:
        store.repo.create(Session(group_name="Mentari"))
    proc = subprocess.Popen([sys.executable, str(HERE / "rel_child.py"), "hold", str(data_dir)],
                            stdout=subprocess.PIPE, text=True, env=child_env())
    assert proc.stdout is not None
    assert LineReader(proc).readline().strip() == "locked"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def _run(data_dir: Path, *args: str, lang: str = "id") -> subprocess.CompletedProcess[str]:
    return subprocess.run(mpa_cmd(data_dir, "--lang", lang, *args), capture_output=True,
                          text=True, env=child_env(), stdin=subprocess.DEVNULL, timeout=60)


def _bundle(tmp_path: Path) -> Path:
    """A valid bundle of another session, made with the export code."""
    from mpa_tui.export.writer import export_session

    (tmp_path / "usb").mkdir()
    result = export_session(Session(group_name="Harapan"), tmp_path / "usb", formats=["json"])
    [bundle] = [result.folder / f for f in result.files if f.endswith(".json")
                and "sha" not in f.lower()]
    return bundle


@pytest.mark.parametrize("lang", ["id", "en"])
def test_second_tui_refused_with_clear_message(data_dir: Path, holder: subprocess.Popen[str],
                                               lang: str) -> None:
    before = tree(data_dir)
    res = _run(data_dir, lang=lang)
    assert res.returncode == 1
    assert t("store.error.locked", lang) in res.stderr
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert tree(data_dir) == before
    print(f"\nsecond window ({lang}): exit 1: {res.stderr.strip()}")


@pytest.mark.parametrize("command", ["demo", "import", "doctor"])
def test_writing_commands_respect_the_lock(tmp_path: Path, data_dir: Path,
                                           holder: subprocess.Popen[str],
                                           command: str) -> None:
    args = [command]
    if command == "doctor":
        args.append("--repair")
    if command == "import":
        args.append(str(_bundle(tmp_path)))
    before = tree(data_dir)
    for lang in ("id", "en") if FULL else ("en",):
        res = _run(data_dir, *args, lang=lang)
        assert res.returncode == 1, res.stdout + res.stderr
        assert t("store.error.locked", lang) in res.stderr, res.stderr
        assert "Traceback" not in res.stderr
    assert tree(data_dir) == before
    if not FULL:
        return
    # Once the holder is gone the same command works.
    holder.kill()
    holder.wait()
    res = _run(data_dir, *args)
    assert res.returncode == 0, res.stdout + res.stderr


def test_stale_lock_after_kill_9_does_not_block(data_dir: Path,
                                                holder: subprocess.Popen[str]) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (data_dir / ".lock").exists()  # the lock file stays; its OS lock died
    with Store.open(data_dir) as store:
        assert store.locked
    res = _run(data_dir, "demo")
    assert res.returncode == 0, res.stderr
    if FULL:
        res = _run(data_dir, "doctor")
        assert res.returncode == 0, res.stdout + res.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a POSIX pseudo-terminal")
@pytest.mark.skipif(not FULL, reason="make reliability only (a pty TUI start costs seconds)")
def test_second_tui_refused_while_a_real_tui_runs(data_dir: Path) -> None:
    """The first window is the real TUI in a pseudo-terminal, not a helper."""
    from rel_pty import PtyApp

    with Store.open(data_dir) as store:
        store.repo.create(Session(group_name="Mentari"))
    first = PtyApp(data_dir)
    try:
        first.wait_for("Mentari")
        for lang in ("id", "en"):
            res = _run(data_dir, lang=lang)
            assert res.returncode == 1, res.stdout + res.stderr
            assert t("store.error.locked", lang) in res.stderr
        assert first.proc.poll() is None  # the first window is undisturbed
    finally:
        first.kill9()
    res = _run(data_dir, "demo")  # its lock died with it
    assert res.returncode == 0, res.stderr


def test_reading_commands_work_while_locked(data_dir: Path,
                                            holder: subprocess.Popen[str]) -> None:
    """Only writers are refused: `mpa list` reads while a window is open, changing nothing."""
    before = tree(data_dir)
    res = _run(data_dir, "list", "--json")
    assert res.returncode == 0, res.stderr
    assert [row["group_name"] for row in json.loads(res.stdout)] == ["Mentari"]
    assert tree(data_dir) == before
