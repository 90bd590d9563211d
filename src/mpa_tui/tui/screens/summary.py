"""Ringkasan: a read-only view of the whole session, as the export shows it.

Built from the export's view-model (``mpa_tui.export.summary.build_view``), so the
screen shows exactly what the export will write, names hidden as codes unless the
facilitator asks for them (``n``). Every block is drawn with literal widgets: user text
is never Markdown or markup. ``e`` opens the export flow (``screens/export.py``); without
it, a minimal fallback asks for a folder and exports there in a worker.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.widgets import Static

from mpa_tui.i18n import get_language, t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.screens.base import SessionChanged, SessionScreen
from mpa_tui.tui.widgets.bar_chart import bar_text
from mpa_tui.tui.widgets.plain import one_line
from mpa_tui.tui.widgets.ranking_table import Column, fit_cells
from mpa_tui.tui.widgets.text_lines import BAR, TextLines

WIDE_TABLE = 5
"""Tables with more columns than this are shown as one block of "header: value" per row."""


CHART_LABEL = 22
CHART_BAR = 40


def _text(value: object) -> str:
    return " ".join(str(value).split())


def table_lines(headers: list[str], rows: list[list[Any]], width: int = 76) -> list[str]:
    """A table as plain text lines within ``width``; user text is never cut off.

    Two columns become "header: value" lines; a table that does not fit the width is
    shown as one block of "header: value" lines per row.
    """
    if not rows:
        return []
    if len(headers) == 2:
        return [f"{_text(a)}: {_text(b)}" for a, b in rows]
    widths = [max([len(_text(h))] + [len(_text(r[i])) for r in rows if i < len(r)])
              for i, h in enumerate(headers)]
    if len(headers) > WIDE_TABLE or sum(widths) + len(widths) - 1 > width:
        out: list[str] = []
        for row in rows:
            out += [f"{h}: {_text(v)}" for h, v in zip(headers, row, strict=False)
                    if _text(v)]
            out.append("")
        return out[:-1]
    cols = [Column(h, w, right=all(isinstance(r[i], int | float) for r in rows))
            for i, (h, w) in enumerate(zip(headers, widths, strict=True))]
    lines = [fit_cells(headers, cols, width).plain.rstrip()]
    lines += [fit_cells([_text(v) for v in row], cols, width).plain.rstrip() for row in rows]
    return lines


def chart_lines(labels: list[str], series: list[tuple[str, list[float]]],
                max_value: float | None) -> list[str]:
    """Text bars for a chart block of the export view."""
    values = [v for _, vals in series for v in vals]
    scale = max_value or max(values, default=0.0)
    out = []
    for name, vals in series:
        if len(series) > 1:
            out.append(f"{name}:")
        for label, value in zip(labels, vals, strict=False):
            short = one_line(str(label), CHART_LABEL)
            out.append(f"{short:<{CHART_LABEL}} {bar_text(value, scale, CHART_BAR):<{CHART_BAR}}"
                       f" {value:g}")
    return out


def _block_lines(block: Any) -> list[tuple[str, str]]:
    """One export block as ``(line, style)`` pairs (literal text, never markup)."""
    from mpa_tui.export.model import Bullets, Chart, Flag, Para, SubHeading, Table

    if isinstance(block, SubHeading):  # a blank line before it, as a top margin would
        return [("", ""), (block.text, "bold")]
    if isinstance(block, Para):
        return [(block.text, "")]
    if isinstance(block, Flag):
        return [(f"⚠ {block.text}", "$warning bold")]
    if isinstance(block, Bullets):
        return [(f"{i}. {item}" if block.numbered else f"• {item}", "")
                for i, item in enumerate(block.items, start=1)]
    if isinstance(block, Table):
        return [(line, "") for line in table_lines(block.headers, block.rows)]
    if isinstance(block, Chart):
        lines = chart_lines(block.labels, block.series, block.max_value)
        return [(line, "") for line in [block.title, *lines]]
    return []


def view_lines(view: Any) -> list[tuple[str, str]]:
    """An export view's title and sections as ``(line, style)`` pairs (literal text).

    A section is a blank line, its heading as a bar, then its blocks.
    """
    out = [(view.title, "bold $accent")]
    if view.subtitle:
        out.append((view.subtitle, "$text-muted"))
    for section in view.sections:
        out += [("", ""), (f" {section.title}", BAR)]
        out += [line for block in section.blocks for line in _block_lines(block)]
    return out


class SummaryScreen(SessionScreen):
    """The read-only summary of the open session."""

    HELP_TOPIC = "summary"
    CSS_PATH = "summary.tcss"
    ACTIONS: ClassVar = (
        Command("summary.names", "n", "toggle_names", "summary.cmd.names",
                "summary.cmd.names.tip"),
        Command("summary.export", "e", "export", "summary.cmd.export",
                "summary.cmd.export.tip"),
    )

    def __init__(self, controller) -> None:  # type: ignore[no-untyped-def]
        super().__init__(controller)
        self.with_names = False

    def title_text(self) -> str:
        """"Ringkasan — <group>"."""
        return t("summary.title", group=self.session.group_name)

    def compose_body(self) -> ComposeResult:
        """The names notice and the scrolling summary."""
        yield Static("", id="sum-names", markup=False)
        yield TextLines(id="sum-scroll")

    def on_mount(self) -> None:
        """Draw and focus the scroller (arrows and PgUp/PgDn scroll)."""
        self.redraw()
        self.query_one("#sum-scroll").focus()

    def redraw(self) -> None:
        """Build the view from the session and show it."""
        from mpa_tui.export.summary import build_view

        view = build_view(self.session, lang=get_language(), with_names=self.with_names)
        self.query_one("#sum-scroll", TextLines).set_lines(view_lines(view))
        self.query_one("#sum-names", Static).update(
            t("summary.names_shown") if self.with_names else t("summary.names_hidden"))
        self.query_one("#sum-names").set_class(self.with_names, "-names")

    def session_changed(self, event: SessionChanged) -> None:
        """Undo/redo or an edit elsewhere: show the session as it is now."""
        self.redraw()

    def action_toggle_names(self) -> None:
        """Show participants' names instead of codes (or hide them again)."""
        self.with_names = not self.with_names
        self.redraw()

    def action_export(self) -> None:
        """Open the export flow (e)."""
        self.mpa_app.open_export()


SCREEN = SummaryScreen
