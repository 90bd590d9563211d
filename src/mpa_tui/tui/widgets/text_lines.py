"""A long read-only text, wrapped once to the width and drawn a screen at a time.

The summary of a session at the schema's maxima is megabytes of text (1,000 notes of
2,000 characters). Textual's ``Static`` wraps its whole content again for every layout
pass (seconds at that size); this widget wraps each line once per width, with a plain
split for ASCII text, and renders only the lines in view (the Line API).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

Line = tuple[str, str]
"""A line of literal text and its style ("" for none; "bar" fills the width reversed)."""

BAR = "bar"


def wrap_line(text: str, width: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` cells, at spaces where possible; a
    line break in it (a note or a long text may hold some) always starts a new piece."""
    text = text.replace("\t", "    ")
    if "\n" in text:
        return [piece for part in text.split("\n") for piece in wrap_line(part, width)]
    if width < 1:
        return [text]
    if not text.isascii() and cell_len(text) != len(text):
        from rich._wrap import divide_line  # cell widths: wide and combining characters

        cuts = [0, *divide_line(text, width, fold=True), len(text)]
        return [text[a:b].rstrip(" ") for a, b in zip(cuts, cuts[1:], strict=False)
                if a < b] or [""]
    out: list[str] = []
    while len(text) > width:
        cut = text.rfind(" ", 0, width + 1)
        if cut <= 0:
            cut = width
        out.append(text[:cut].rstrip(" "))
        text = text[cut:].lstrip(" ")
    out.append(text)
    return out


class TextLines(ScrollView, can_focus=True):
    """Lines of literal text (never markup), scrolled by ↑/↓, PgUp/PgDn, Home/End."""

    DEFAULT_CSS = """
    TextLines {
        height: 1fr;
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self._lines: list[Line] = []
        self._wrapped: list[Line] = []
        self._width = -1

    @property
    def lines(self) -> list[Line]:
        """The logical lines shown (before wrapping), with their styles."""
        return list(self._lines)

    @property
    def text(self) -> str:
        """Everything shown, one logical line per line (for reading it back)."""
        return "\n".join(text for text, _ in self._lines)

    def set_lines(self, lines: list[Line]) -> None:
        """Show these lines instead (scrolled back to the top)."""
        self._lines = lines
        self._width = -1
        self._rewrap()
        self.scroll_home(animate=False)
        self.refresh()

    def on_resize(self) -> None:
        """Wrap again for the new width."""
        self._rewrap()

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._width or width <= 0:
            return
        self._width = width
        wrapped: list[Line] = []
        for text, style in self._lines:
            pieces = wrap_line(text, width)
            if style == BAR:
                pieces = [p + " " * max(0, width - cell_len(p)) for p in pieces]
            wrapped += [(p, style) for p in pieces]
        self._wrapped = wrapped
        self.virtual_size = Size(width, len(wrapped))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        """One line on screen: the wrapped line scrolled into this row, or blank."""
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if not 0 <= index < len(self._wrapped):
            return Strip.blank(width, self.rich_style)
        text, style = self._wrapped[index]
        if style == BAR:
            content = Content.styled(text, "bold reverse")
        else:
            content = Content.styled(text, style) if style else Content(text)
        strips = Visual.to_strips(self, content, width, 1, self.visual_style, pad=True)
        return strips[0] if strips else Strip.blank(width, self.rich_style)
