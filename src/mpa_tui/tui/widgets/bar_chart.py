"""A horizontal text bar chart: one line per bar, fitted to the widget's width.

Changing one value redraws only that bar; all bars are redrawn only when the largest
value (the scale) changes. Labels are user text: drawn literally, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget

LABEL_WIDTH = 22
VALUE_WIDTH = 5
FULL = "█"
PARTS = " ▏▎▍▌▋▊▉"


def bar_text(value: float, scale: float, width: int) -> str:
    """A bar of ``value`` out of ``scale`` in ``width`` cells, with eighth-cell precision."""
    if scale <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = round(min(value / scale, 1.0) * width * 8)
    full, part = divmod(eighths, 8)
    return FULL * full + (PARTS[part] if part else "")


class ChartBar:
    """One bar's data: label, value. Not a widget: the chart draws every bar itself, so
    300 categories cost one widget, not 300 (issue 16: screens open fast at the maxima).

    Not named ``Bar``: Textual's progress bar has a widget of that name.
    """

    def __init__(self, key: str, label: str, value: float, chart: BarChart) -> None:
        self.key = key
        self.label = label
        self.value = value
        self._chart = chart

    def refresh(self) -> None:
        """Draw this bar again (its line of the chart)."""
        self._chart.refresh_bar(self.key)

    def line(self, width: int) -> Content:
        """Label (truncated), bar, value; muted when the value is zero."""
        label = Content(" ".join(self.label.split()))
        if label.cell_length > LABEL_WIDTH:
            label = label.truncate(LABEL_WIDTH, ellipsis=True)
        label = label.pad_right(LABEL_WIDTH - label.cell_length)
        span = max(width - LABEL_WIDTH - VALUE_WIDTH - 2, 1)
        bar = bar_text(self.value, self._chart.scale, span)
        number = f"{self.value:g}".rjust(VALUE_WIDTH)
        line = Content.assemble(label, " ", (bar.ljust(span), "$accent"), " ", number)
        return line if self.value else line.stylize("$text-muted")


class BarChart(Widget):
    """Bars keyed by id, one line each; :meth:`update_bar` redraws one bar's line (all
    when the scale changes)."""

    DEFAULT_CSS = """
    BarChart { height: auto; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self._bars: dict[str, ChartBar] = {}
        self._index: dict[str, int] = {}
        self.scale = 0.0

    @property
    def bars(self) -> dict[str, ChartBar]:
        """The bars by key."""
        return dict(self._bars)

    def render(self) -> Content:
        """Every bar, one line each, fitted to the width."""
        width = self.size.width or 80
        return Content("\n").join(bar.line(width) for bar in self._bars.values())

    def refresh_bar(self, key: str) -> None:
        """Repaint the line of bar ``key`` only."""
        i = self._index.get(key)
        if i is not None:
            self.refresh(Region(0, i, self.size.width, 1))

    def show_bar(self, key: str) -> None:
        """Scroll the chart's container so bar ``key`` is in view."""
        i = self._index.get(key)
        parent = self.parent
        if i is not None and isinstance(parent, Widget):
            y = self.virtual_region.y + i
            parent.scroll_to_region(Region(0, y, self.size.width, 1), animate=False,
                                    immediate=True)

    def set_bars(self, items: Sequence[tuple[str, str, float]]) -> None:
        """Replace all bars with ``(key, label, value)`` items."""
        self.scale = max((v for _, _, v in items), default=0.0)
        self._bars = {key: ChartBar(key, label, value, self) for key, label, value in items}
        self._index = {key: i for i, key in enumerate(self._bars)}
        self.refresh(layout=True)

    def update_bar(self, key: str, value: float, label: str | None = None) -> bool:
        """Set one bar's value (and label).

        Returns:
            True when the scale changed, so every bar was redrawn.
        """
        bar = self._bars.get(key)
        if bar is None:
            return False
        bar.value = value
        if label is not None:
            bar.label = label
        scale = max((b.value for b in self._bars.values()), default=0.0)
        if scale != self.scale:
            self.scale = scale
            for other in self._bars.values():
                other.refresh()
            return True
        bar.refresh()
        return False
