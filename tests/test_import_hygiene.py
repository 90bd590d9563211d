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
    for heavy in ("textual", "rich", "pydantic", "tinydb", "mpa_tui.store", "mpa_tui.domain"):
        assert heavy not in mods, heavy
    # The catalogs only: the i18n package loads no domain model until an error is shown.
    assert {m for m in mods if m.startswith("mpa_tui.i18n")} <= {"mpa_tui.i18n",
                                                                  "mpa_tui.i18n.catalog"}


def test_home_screen_path_loads_no_pydantic_model() -> None:
    # Start-up to the home screen (app, home, store, i18n, `mpa list`'s index) builds no
    # pydantic model: pydantic plus every model class was ~0.25 s of a ~1 s start-up
    # (docs/BENCHMARKS.md). The models load when a session is opened.
    mods = _modules_after(
        "import tempfile\n"
        "from mpa_tui.store import Store\n"
        "import mpa_tui.tui.app, mpa_tui.tui.screens.home, mpa_tui.i18n, mpa_tui.data\n"
        "from mpa_tui.tui.screens.home import example_loader\n"
        "assert example_loader() is not None\n"
        "with Store.open(tempfile.mkdtemp()) as s:\n"
        "    s.repo.list()\n"
    )
    assert "mpa_tui.tui.screens.home" in mods
    assert "pydantic" not in mods and "mpa_tui.domain.session" not in mods
    assert "tinydb" not in mods  # the session storage loads with the first session


def test_domain_package_names_all_resolve() -> None:
    # The package loads its names lazily (PEP 562): every name it exports must resolve.
    import mpa_tui.domain as domain

    for name in domain.__all__:
        assert getattr(domain, name) is not None, name
    assert set(domain.__all__) <= set(dir(domain))
    assert set(domain.__all__) == set(domain._WHERE)  # the three lists kept in step
