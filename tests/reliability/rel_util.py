"""Shared helpers of the reliability suite (imported as ``rel_util``).

Counts: ``make reliability`` sets ``MPA_RELIABILITY_FULL=1`` and runs the full counts;
``make test`` runs the same tests with smaller counts so this folder stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).parent
SRC = HERE.parents[1] / "src"
FULL = os.environ.get("MPA_RELIABILITY_FULL", "") not in ("", "0")


COUNTS: dict[str, int] = {"hostile_tried": 0, "hostile_refused": 0, "store_changes": 0,
                          "generated": 0}
"""Figures for the one-line verdict ``make reliability`` prints (conftest.py)."""


def count(full: int, quick: int) -> int:
    """The full count under ``make reliability``, the quick one otherwise."""
    return full if FULL else quick


def child_env(**extra: str) -> dict[str, str]:
    """Environment for a child interpreter that must import this checkout's mpa_tui."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("MPA_DATA_DIR", None)
    env.update(extra)
    return env


def mpa_cmd(data_dir: Path, *args: str) -> list[str]:
    """``python -m mpa_tui --data-dir D ARGS``."""
    return [sys.executable, "-m", "mpa_tui", "--data-dir", str(data_dir), *args]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative name -> bytes), to compare before/after."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}
