"""The step bar: the eight MPA steps, the current one highlighted, completed ones ticked."""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from mpa_tui.domain.step import Step
from mpa_tui.i18n import t

DONE_MARK = "✓"


def step_name(step: Step) -> str:
    """The full, translated name of a step ("Tulis kartu")."""
    return t(f"tui.step.{int(step)}")


def step_short(step: Step) -> str:
    """The short, translated name of a step for the bar ("Tulis")."""
    return t(f"tui.step.{int(step)}.short")


class StepBar(Widget):
    """One line showing every step; click a step (or use the keys) to go there.

    Labels shrink to numbers (except the current step) when the terminal is narrow.
    """

    DEFAULT_CSS = """
    StepBar { height: 1; width: 1fr; }
    """
    COMPONENT_CLASSES = {"stepbar--current", "stepbar--done", "stepbar--todo"}

    current: reactive[Step | None] = reactive(None)
    completed: reactive[frozenset[Step]] = reactive(frozenset())

    class Selected(Message):
        """The user clicked a step."""

        def __init__(self, step: Step) -> None:
            super().__init__()
            self.step = step

    def __init__(self, current: Step | None = None, completed: Iterable[Step] = (),
                 **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.set_reactive(StepBar.current, current)
        self.set_reactive(StepBar.completed, frozenset(completed))
        self._spans: list[tuple[int, int, Step]] = []

    def update_steps(self, current: Step | None, completed: Iterable[Step]) -> None:
        """Show a new current step and set of completed steps."""
        self.current = current
        self.completed = frozenset(completed)

    def _pieces(self, compact: bool) -> list[tuple[str, Step]]:
        out = []
        for step in Step:
            # The mark replaces the space, so ticking a step never widens the bar.
            mark = DONE_MARK if step in self.completed else " "
            if compact and step != self.current:
                out.append((f" {int(step)}{mark}", step))
            else:
                out.append((f"{int(step)}{mark}{step_short(step)} ", step))
        return out

    def plain(self) -> str:
        """The bar as plain text at the current width (for tests and screen readers)."""
        return "".join(text for text, _ in self._layout())

    def _layout(self) -> list[tuple[str, Step]]:
        pieces = self._pieces(compact=False)
        width = self.size.width or 80
        if sum(len(p) for p, _ in pieces) > width:
            pieces = self._pieces(compact=True)
        return pieces

    def render(self) -> RenderResult:
        """Render the steps as one line of styled content."""
        parts: list[Content] = []
        self._spans = []
        x = 0
        for text, step in self._layout():
            if step == self.current:
                cls = "stepbar--current"
            elif step in self.completed:
                cls = "stepbar--done"
            else:
                cls = "stepbar--todo"
            parts.append(Content.styled(text, self.get_visual_style(cls, partial=True)))
            self._spans.append((x, x + len(text), step))
            x += len(text)
        return Content("").join(parts)

    def on_click(self, event: events.Click) -> None:
        """Post :class:`StepBar.Selected` for the step under the mouse."""
        for start, end, step in self._spans:
            if start <= event.x < end:
                self.post_message(self.Selected(step))
                break
