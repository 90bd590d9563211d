"""Assemble the README's "Keys" section from docs/screens/*.md (one file per screen).

Run ``python tools/readme_keys.py`` after changing a screen's keys; ``tests/test_readme.py``
fails while the README is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["common", "home", "details", "circle", "capture", "board", "grouping", "suggest",
         "titles", "count", "ranking", "pairwise", "order", "summary", "cycle", "export"]
START, END = "<!-- keys:start -->", "<!-- keys:end -->"


def section() -> str:
    """The keys section: each screen's title and its key tables, in workshop order."""
    out = [START, ""]
    for name in ORDER:
        text = (ROOT / "docs" / "screens" / f"{name}.md").read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("# "):
                title = re.sub(r"\s+—\s+`[^`]*`$", "", line[2:]).strip()
                out += [f"### {title}", ""]
            elif line.startswith("## "):
                out += [f"#### {line[3:].strip()}", ""]
            elif line.startswith("|"):
                out.append(line)
            elif out[-1].startswith("|"):
                out.append("")
        if out[-1] != "":
            out.append("")
    out.append(END)
    return "\n".join(out)


def render(readme: str) -> str:
    """The README with its keys section replaced by the current one."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return head + section() + tail


if __name__ == "__main__":
    path = ROOT / "README.md"
    new = render(path.read_text(encoding="utf-8"))
    path.write_text(new, encoding="utf-8")
    sys.stdout.write("README keys section updated\n")
