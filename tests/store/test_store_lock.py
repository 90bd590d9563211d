"""The one-writer lock, across real processes, and after kill -9 of the holder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from mpa_tui.store import Store, StoreLockedError
from mpa_tui.store.store import lock_held_elsewhere
from proc_lines import LineReader

HERE = Path(__file__).parent


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(HERE.parents[1] / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _holder(data: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, str(HERE / "crash_writer.py"), "hold", str(data)],
                            stdout=subprocess.PIPE, text=True, env=_env())
    assert proc.stdout is not None
    assert LineReader(proc).readline().strip() == "locked"
    return proc


def test_second_process_is_refused_and_kill_9_frees_the_lock(tmp_path: Path) -> None:
    data = tmp_path / "data"
    holder = _holder(data)
    try:
        assert lock_held_elsewhere(data)
        with pytest.raises(StoreLockedError) as err:
            Store.open(data)
        assert err.value.key == "locked"
        with Store.open(data, lock=False) as reader:  # reading is still allowed
            assert reader.repo.list() == []
    finally:
        holder.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        holder.wait()
    assert (data / ".lock").exists()  # the lock file is left behind ...
    assert not lock_held_elsewhere(data)
    with Store.open(data) as store:  # ... and does not block
        assert store.locked


def test_lock_probe_creates_nothing(tmp_path: Path) -> None:
    assert not lock_held_elsewhere(tmp_path)
    assert list(tmp_path.iterdir()) == []
