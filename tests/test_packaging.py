"""The hand-kept package list in pyproject.toml covers every package under src/."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed() -> None:
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(conf["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT / "src").parts)
        for p in (ROOT / "src").rglob("__init__.py")
    }
    assert found <= listed, found - listed
    assert "mpa_tui.data" in listed


def test_every_stylesheet_and_help_file_is_package_data() -> None:
    # A .tcss or help file left out of the wheel makes the installed app fail to start a screen.
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pkg = ROOT / "src" / "mpa_tui"
    shipped = {p for pattern in conf["tool"]["setuptools"]["package-data"]["mpa_tui"]
               for p in pkg.glob(pattern)}
    needed = set(pkg.rglob("*.tcss")) | set((pkg / "tui" / "help").rglob("*.md"))
    assert needed, "no stylesheets found: the test looks in the wrong place"
    assert needed <= shipped, sorted(str(p.relative_to(pkg)) for p in needed - shipped)
