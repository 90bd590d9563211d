"""A horizontal text bar chart: one line per bar, fitted to the widget's width.

Changing one value redraws only that bar; all bars are redrawn only when the largest
value (the scale) changes. Labels are user text: drawn literally, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import Vertical
from textual.content import Content
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


class ChartBar(Widget):
    """One bar: label, bar and value on a single line.

    Not named ``Bar``: Textual's progress bar has a widget of that name whose CSS
    (``Bar { width: 32 }``) would apply to these too once an export showed its progress.
    """

    DEFAULT_CSS = """
    ChartBar { height: 1; width: 1fr; }
    ChartBar.-zero { color: $text-muted; }
    """

    def __init__(self, key: str, label: str, value: float, chart: BarChart) -> None:
        super().__init__()
        self.key = key
        self.label = label
        self.value = value
        self._chart = chart

    def render(self) -> Content:
        """Label (truncated), bar, value."""
        width = self.size.width or 80
        label = Content(" ".join(self.label.split()))
        if label.cell_length > LABEL_WIDTH:
            label = label.truncate(LABEL_WIDTH, ellipsis=True)
        label = label.pad_right(LABEL_WIDTH - label.cell_length)
        span = max(width - LABEL_WIDTH - VALUE_WIDTH - 2, 1)
        bar = bar_text(self.value, self._chart.scale, span)
        number = f"{self.value:g}".rjust(VALUE_WIDTH)
        return Content.assemble(label, " ", (bar.ljust(span), "$accent"), " ", number)


class BarChart(Vertical):
    """Bars keyed by id; :meth:`update_bar` redraws one bar (all when the scale changes)."""

    DEFAULT_CSS = """
    BarChart { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self._bars: dict[str, ChartBar] = {}
        self.scale = 0.0

    @property
    def bars(self) -> dict[str, ChartBar]:
        """The bar widgets by key."""
        return dict(self._bars)

    def set_bars(self, items: Sequence[tuple[str, str, float]]) -> None:
        """Replace all bars with ``(key, label, value)`` items."""
        self.remove_children()
        self.scale = max((v for _, _, v in items), default=0.0)
        self._bars = {key: ChartBar(key, label, value, self) for key, label, value in items}
        for bar in self._bars.values():
            bar.set_class(not bar.value, "-zero")
        if self._bars:
            self.mount_all(self._bars.values())

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
        bar.set_class(not value, "-zero")
        scale = max((b.value for b in self._bars.values()), default=0.0)
        if scale != self.scale:
            self.scale = scale
            for other in self._bars.values():
                other.refresh()
            return True
        bar.refresh()
        return False
