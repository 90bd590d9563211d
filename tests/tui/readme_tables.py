"""Every key table in README.md's "Keys" section, by heading (tools/readme_keys.py writes it)."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def key_tables() -> dict[str, list[str]]:
    """Heading (without the ``#``) -> the first cell (the key) of each row of its table."""
    text = README.read_text(encoding="utf-8")
    body = text[text.index("<!-- keys:start -->"):text.index("<!-- keys:end -->")]
    tables: dict[str, list[str]] = {}
    heading = ""
    for line in body.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.startswith("|") and not line.startswith("|---"):
            tables.setdefault(heading, []).append(line.split("|")[1].strip())
    return {name: rows[1:] for name, rows in tables.items()}  # rows[0] is the header row


def table(prefix: str) -> list[str]:
    """The keys of the one table whose heading starts with ``prefix``."""
    found = [keys for name, keys in key_tables().items() if name.startswith(prefix)]
    assert len(found) == 1, f"{prefix!r} names {len(found)} README key tables"
    return found[0]
