"""ringkasan.md: the summary as Markdown (also shown by the TUI's read-only summary screen)."""

from __future__ import annotations

from mpa_tui.domain.session import Session
from mpa_tui.export.model import (
    Bullets,
    Chart,
    ExportView,
    Flag,
    Para,
    SubHeading,
    Table,
    cell_text,
)
from mpa_tui.export.safe import md_cell, md_escape
from mpa_tui.export.summary import build_view


def _cell(value: object, lang: str = "id") -> str:
    return md_cell(cell_text(value, lang))


def _para(text: str) -> str:
    # A hard line break keeps the user's line structure without allowing block syntax.
    return "  \n".join(md_escape(line) for line in text.splitlines()) or ""


def render_view_markdown(view: ExportView) -> str:
    """Render an :class:`ExportView` as Markdown; all user text is escaped."""
    out: list[str] = [f"# {md_escape(view.title)}", ""]
    if view.subtitle:
        out += [md_escape(view.subtitle), ""]
    for section in view.sections:
        out += [f"## {md_escape(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, SubHeading):
                out += [f"### {md_escape(block.text)}", ""]
            elif isinstance(block, Para):
                out += [_para(block.text), ""]
            elif isinstance(block, Flag):
                out += [f"> **{md_escape(block.text)}**", ""]
            elif isinstance(block, Bullets):
                for i, item in enumerate(block.items, start=1):
                    mark = f"{i}." if block.numbered else "-"
                    text = md_escape(item).replace("\n", "  \n   ")
                    out.append(f"{mark} {text}")
                out.append("")
            elif isinstance(block, Table):
                out.append("| " + " | ".join(_cell(h) for h in block.headers) + " |")
                out.append("|" + "---|" * len(block.headers))
                for row in block.rows:
                    out.append("| " + " | ".join(_cell(v, view.lang) for v in row) + " |")
                out.append("")
            elif isinstance(block, Chart):
                continue  # the same numbers are in the table next to it
    return "\n".join(out).rstrip() + "\n"


def render_markdown(session: Session, *, lang: str = "id", with_names: bool = False) -> str:
    """The session summary as Markdown.

    Args:
        session: The session (not changed).
        lang: Language of headings and labels ("id" or "en").
        with_names: Show participants' names instead of codes.
    """
    return render_view_markdown(build_view(session, lang=lang, with_names=with_names))
