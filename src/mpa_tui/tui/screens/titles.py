"""5 Beri judul: give every category a title, required and unique.

Each category shows its title field, a problem line beside it (missing or duplicate
title, or why the last edit was refused) and its cards as literal text. Enter (or
leaving the field) saves the title; the step cannot be marked complete while a title is
missing or repeated.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from mpa_tui.domain import Step, ops
from mpa_tui.domain.rules import title_problems
from mpa_tui.domain.session import Category, Session
from mpa_tui.i18n import error_text, problem_text, t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.screens.base import SessionChanged, StepScreen, run_edit

INPUT_PREFIX = "title-"
WINDOW = 40
"""Categories mounted at once. A longer list shows this many around the cursor (the
arrows and Ctrl+N move it), so 300 categories open and type as fast as 30 do."""


def _input_id(category_id: str) -> str:
    # UUIDs may start with a digit, which is not a valid widget id on its own.
    return INPUT_PREFIX + category_id


def _layout_key(session: Session) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What the list shows apart from the titles: categories and their cards."""
    alive = {c.id for c in session.active_cards()}
    return tuple((c.id, tuple(k for k in c.card_ids if k in alive))
                 for c in session.active_categories())


class CategoryBox(Vertical):
    """One category: number, title field, problem line and its cards."""

    def __init__(self, session: Session, category: Category, number: int) -> None:
        super().__init__(classes="title-box")
        self.category_id = category.id
        self._session = session
        self._category = category
        self._number = number
        self.problem = "\0"
        """The problem text shown now ("\\0": nothing drawn yet)."""

    def compose(self) -> ComposeResult:
        """Heading, title input, problem line, cards."""
        cat = self._category
        cards = [c for c in (self._session.card(k) for k in cat.card_ids)
                 if c is not None and c.deleted_at is None]
        yield Static(t("titles.heading", n=self._number, cards=len(cards)),
                     classes="title-heading", markup=False)
        yield Input(cat.title, id=_input_id(cat.id), placeholder=t("titles.placeholder"),
                    classes="title-input")
        yield Static("", classes="title-problem", markup=False)
        lines = "\n".join(f"• {' '.join(c.text.split())}" for c in cards)
        yield Static(lines or t("titles.no_cards"), classes="title-cards", markup=False)


class TitlesScreen(StepScreen):
    """Step 5: title each category."""

    STEP = Step.TITLE
    CSS_PATH = "titles.tcss"
    ACTIONS: ClassVar = (
        Command("titles.next_problem", "ctrl+n", "next_problem", "titles.cmd.next_problem",
                "titles.cmd.next_problem.tip"),
        # Priority: Textual's Input is a ScrollView whose up/down scroll (the list, once
        # the field cannot) before a screen binding is asked.
        Command("titles.down", "down", "focus_move(1)", "titles.cmd.down", show=False,
                palette=False, priority=True),
        Command("titles.up", "up", "focus_move(-1)", "titles.cmd.up", show=False,
                palette=False, priority=True),
    )

    def __init__(self, controller) -> None:  # type: ignore[no-untyped-def]
        super().__init__(controller)
        self._layout: tuple[tuple[str, tuple[str, ...]], ...] = ()
        self._refused: dict[str, str] = {}
        self._start = 0
        """Index of the first category mounted (see ``WINDOW``)."""
        """Why the last edit of a title was refused, per category (shown beside it)."""

    # -- drawing ---------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        """Info line and the list of categories."""
        yield Static("", id="titles-info", markup=False)
        with VerticalScroll(id="titles-list", can_focus=False):
            yield from self._boxes()

    def _boxes(self) -> list[Vertical | Static]:
        session = self.session
        self._layout = _layout_key(session)
        cats = session.active_categories()
        if not cats:
            return [Static(t("titles.empty"), id="titles-empty", markup=False)]
        self._start = max(0, min(self._start, len(cats) - WINDOW))
        shown = cats[self._start:self._start + WINDOW]
        out: list[Vertical | Static] = []
        if self._start:
            out.append(Static(t("titles.more_above", n=self._start),
                              classes="title-more title-heading", markup=False))
        out += [CategoryBox(session, c, i) for i, c in enumerate(shown, start=self._start + 1)]
        after = len(cats) - self._start - len(shown)
        if after:
            out.append(Static(t("titles.more_below", n=after),
                              classes="title-more title-heading", markup=False))
        return out

    def on_mount(self) -> None:
        """Show problems and focus the first category that needs a title."""
        self.show_problems()
        self.focus_first_problem()

    def _redraw(self) -> None:
        self._refused.clear()
        box = self.query_one("#titles-list", VerticalScroll)
        box.remove_children()
        box.mount_all(self._boxes())
        self.call_after_refresh(self._show_problems_if_shown)

    def _show_problems_if_shown(self) -> None:
        # The screen may have been switched away (its widgets removed) before this runs.
        if self.is_attached and self.query("#titles-info"):
            self.show_problems()

    def show_problems(self) -> None:
        """Fill the problem line of each category and the info line."""
        session = self.session
        problems = title_problems(session)
        for box in self.query(CategoryBox):
            text = self._refused.get(box.category_id)
            if text is None and box.category_id in problems:
                text = problem_text(problems[box.category_id])
            if box.problem == (text or ""):
                continue  # unchanged: no restyle, no relayout (Enter must stay instant)
            lines = box.query(".title-problem").results(Static)
            line = next(lines, None)
            if line is None:  # mounted by _redraw, not composed yet: filled after refresh
                continue
            box.problem = text or ""
            line.update(box.problem)
            line.display = bool(text)
            box.set_class(bool(text), "-problem")
        n = len(session.active_categories())
        missing = sum(1 for p in problems.values() if p.key == "title_empty")
        info = (t("titles.info", n=n, missing=missing, dup=len(problems) - missing)
                if problems else t("titles.all_ok", n=n))
        line = self.query_one("#titles-info", Static)
        line.update(info if n else "")
        if line.has_class("-problem") != bool(problems):
            line.set_class(bool(problems), "-problem")

    def session_changed(self, event: SessionChanged) -> None:
        """Redraw on undo/redo or when categories or cards changed; else refresh titles."""
        if event.replaced or _layout_key(self.session) != self._layout:
            self._redraw()
            return
        fields = {w.id: w for w in self._inputs()}  # one DOM walk, not one per category
        for cat in self.session.active_categories():
            field = fields.get(_input_id(cat.id))
            if field is not None and not field.has_focus and field.value != cat.title:
                field.value = cat.title
        self.show_problems()

    # -- editing ---------------------------------------------------------------------
    def save_title(self, field: Input) -> bool:
        """Save the title typed in ``field``; show a refusal beside it. True when saved."""
        cat_id = (field.id or "")[len(INPUT_PREFIX):]
        cat = self.session.category(cat_id)
        if cat is None:
            return False
        if field.value == cat.title and cat.title.strip():
            self._refused.pop(cat_id, None)
            self.show_problems()
            return True

        def refused(exc: Exception) -> None:
            self._refused[cat_id] = error_text(exc)
            self.show_problems()

        if not run_edit(self, self.controller, lambda s: ops.set_title(s, cat_id, field.value),
                        on_refused=refused)[0]:
            return False
        self._refused.pop(cat_id, None)
        self.show_problems()
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter saves the title and goes to the next category."""
        if not (event.input.id or "").startswith(INPUT_PREFIX):
            return
        event.stop()
        if self.save_title(event.input):
            self.action_focus_move(1)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        """Leaving a field saves what was typed, so nothing typed is lost."""
        field = event.input
        if not (field.id or "").startswith(INPUT_PREFIX) or not field.is_attached:
            return
        cat = self.session.category((field.id or "")[len(INPUT_PREFIX):])
        if cat is not None and field.value != cat.title:
            self.save_title(field)

    def flush_titles(self) -> bool:
        """Save every typed title not saved yet (before leaving the screen).

        Returns:
            False when a typed title was refused (it stays on screen, with the reason).
        """
        ok = self._save_typed()
        if not ok:
            self.notify(t("titles.unsaved"), severity="warning", markup=False)
            self.focus_first_problem()
        return ok

    def _save_typed(self) -> bool:
        # Only mounted fields can hold typed text (see WINDOW).
        ok = True
        for field in self._inputs():
            cat = self.session.category((field.id or "")[len(INPUT_PREFIX):])
            if cat is not None and field.value != cat.title and field.value.strip():
                ok = self.save_title(field) and ok
        return ok

    def on_screen_suspend(self) -> None:
        """Leaving by a way not covered below (e.g. the palette): keep typed titles."""
        if self.is_attached:
            self.flush_titles()

    def action_prev_step(self) -> None:
        """Save typed titles, then go to the previous step."""
        if self.flush_titles():
            super().action_prev_step()

    def action_next_step(self) -> None:
        """Save typed titles, then go to the next step."""
        if self.flush_titles():
            super().action_next_step()

    def action_summary(self) -> None:
        """Save typed titles, then open the summary."""
        if self.flush_titles():
            super().action_summary()

    def action_home(self) -> None:
        """Save typed titles, then go home."""
        if self.flush_titles():
            super().action_home()

    def action_details(self) -> None:
        """Save typed titles, then open the details."""
        if self.flush_titles():
            super().action_details()

    def on_step_bar_selected(self, event: Any) -> None:
        """A click on the step bar: save typed titles first."""
        if self.flush_titles():
            super().on_step_bar_selected(event)

    # -- navigation ------------------------------------------------------------------
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A title field got the cursor: show its whole category (title and cards) from
        the top, not just the field with one card below it."""
        if isinstance(event.widget, Input) and event.widget.has_class("title-input"):
            box = next((a for a in event.widget.ancestors if isinstance(a, CategoryBox)), None)
            if box is not None and isinstance(box.parent, VerticalScroll):
                scroller = box.parent
                self.call_after_refresh(lambda: scroller.scroll_to(
                    y=box.virtual_region.y, animate=False, immediate=True))

    def _inputs(self) -> list[Input]:
        return list(self.query(".title-input").results(Input))

    def _field(self, category_id: str) -> Input | None:
        return next(iter(self.query(f"#{_input_id(category_id)}").results(Input)), None)

    def _current(self, ids: list[str]) -> int:
        """Index (among all categories) of the one whose field has the cursor, else -1."""
        focused = self.focused
        if isinstance(focused, Input) and (focused.id or "").startswith(INPUT_PREFIX):
            cat_id = (focused.id or "")[len(INPUT_PREFIX):]
            if cat_id in ids:
                return ids.index(cat_id)
        return -1

    def focus_category(self, category_id: str) -> None:
        """Put the cursor in a category's title field, mounting it first if it is off
        the window (typed titles are saved before; a refused one keeps the cursor)."""
        field = self._field(category_id)
        if field is not None:
            field.focus()
            field.scroll_visible(animate=False)
            return
        ids = [c.id for c in self.session.active_categories()]
        if category_id not in ids:
            return
        if not self._save_typed():
            refused = next((f for f in self._inputs()
                            if (f.id or "")[len(INPUT_PREFIX):] in self._refused), None)
            if refused is not None:
                refused.focus()
            return
        self._start = max(0, ids.index(category_id) - WINDOW // 2)
        box = self.query_one("#titles-list", VerticalScroll)
        box.remove_children()
        box.mount_all(self._boxes())

        def focus() -> None:
            if not self.is_attached:
                return
            self._show_problems_if_shown()
            mounted = self._field(category_id)
            if mounted is not None:
                mounted.focus()
                mounted.scroll_visible(animate=False)

        self.call_after_refresh(focus)

    def action_focus_move(self, delta: int) -> None:
        """Focus the next (1) or previous (-1) category's title field."""
        ids = [c.id for c in self.session.active_categories()]
        if not ids:
            return
        current = self._current(ids)
        if current < 0:
            inputs = self._inputs()
            if inputs:
                inputs[0].focus()
                inputs[0].scroll_visible(animate=False)
            return
        self.focus_category(ids[max(0, min(len(ids) - 1, current + delta))])

    def focus_first_problem(self, after: int = -1) -> bool:
        """Focus the first category (after index ``after``) whose title has a problem."""
        problems = title_problems(self.session)
        ids = [c.id for c in self.session.active_categories()]
        order = list(range(after + 1, len(ids))) + list(range(0, after + 1))
        for i in order:
            if ids[i] in problems or ids[i] in self._refused:
                self.focus_category(ids[i])
                return True
        inputs = self._inputs()
        if inputs and after < 0:
            inputs[0].focus()
        return False

    def action_next_problem(self) -> None:
        """Jump to the next category whose title is missing or repeated."""
        ids = [c.id for c in self.session.active_categories()]
        if not self.focus_first_problem(self._current(ids)):
            self.notify(t("titles.no_problem"), timeout=2, markup=False)

    def action_toggle_complete(self) -> None:
        """Refuse "complete" while a title is missing or repeated, typed or saved."""
        if self.STEP not in self.session.completed_steps:
            if not self.flush_titles():  # a typed title was refused: it is still there
                return
            problems = title_problems(self.session)
            if problems:
                self.notify(t("titles.cannot_complete", n=len(problems)),
                            severity="warning", markup=False)
                self.focus_first_problem()
                return
        super().action_toggle_complete()


SCREEN = TitlesScreen
