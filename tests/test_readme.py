"""README stays true: its keys section matches docs/screens/, its commands exist."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("readme_keys", ROOT / "tools" / "readme_keys.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_keys_section_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _tool().render(readme) == readme, "run: python tools/readme_keys.py"


def test_every_screen_doc_is_in_the_readme() -> None:
    docs = {p.stem for p in (ROOT / "docs" / "screens").glob("*.md")}
    assert docs == set(_tool().ORDER)


def test_readme_names_the_two_commands_and_the_tie_rule() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needle in ("make run", "make test", "standard competition ranking", "1, 1, 3",
                   "MPA_DATA_DIR", "--with-names", "pipx install ."):
        assert needle in readme, needle
