"""The core loads no Textual, and `mpa --help` loads nothing heavy (DEVELOPERS.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules_after(code: str) -> set[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_domain_and_store_load_no_textual() -> None:
    mods = _modules_after(
        "import mpa_tui.domain, mpa_tui.store\n"
        "from mpa_tui.store import Store\n"
        "import tempfile\n"
        "from mpa_tui.domain import Session\n"
        "with Store.open(tempfile.mkdtemp()) as s:\n"
        "    s.repo.save(Session(group_name='x'))\n"
    )
    assert "mpa_tui.store" in mods and "mpa_tui.domain" in mods
    heavy = {m for m in mods
             if m.split(".")[0] in {"textual", "rich"} or m.startswith("mpa_tui.tui")}
    assert not heavy, sorted(heavy)


def test_store_import_does_not_load_pydantic() -> None:
    # The store imports the models only when it loads or saves a session, which keeps
    # `mpa list` and `mpa doctor` light.
    mods = _modules_after("import mpa_tui.store")
    assert "pydantic" not in mods and "textual" not in mods


def test_cli_help_loads_nothing_heavy() -> None:
    mods = _modules_after(
        "from mpa_tui.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['--help']) == 0\n"
    )
    for heavy in ("textual", "rich", "pydantic", "tinydb", "mpa_tui.store", "mpa_tui.i18n",
                  "mpa_tui.domain"):
        assert heavy not in mods, heavy
