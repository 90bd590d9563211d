"""2 Tulis kartu: the facilitator types each card as participants read them out.

The text field never loses focus: type, Enter, next. Keys switch the kind and the paper
colour, move the turn round the circle (present participants only) and run an optional
countdown. Each saved card is added as ONE line at the top of the recent-cards list, so a
session with hundreds of cards stays instant; the list is rebuilt only when the session
object is replaced (undo/redo).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Static

from mpa_tui.domain import Card, CardColour, CardKind, Participant, Step, ops
from mpa_tui.domain.board import steps_reopened_by
from mpa_tui.domain.draft import write_card
from mpa_tui.i18n import t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.controller import SessionController
from mpa_tui.tui.dialogs import TextPrompt
from mpa_tui.tui.dialogs.split import card_text_error
from mpa_tui.tui.screens.base import SessionChanged, StepScreen
from mpa_tui.tui.widgets.capture_items import (
    CARD_COLOURS,
    CardItem,
    Countdown,
    colour_label,
    kind_label,
    swatch,
)
from mpa_tui.tui.widgets.capture_state import DraftKeeper, state_for

RECENT_LIMIT = 50
"""Cards kept in the recent list; older ones are on the board (step 3)."""
CARD_MAX = 1000
"""The longest card (the domain's limit)."""
LONG_CARD = 150
"""Past this many characters the length is shown: a card is read out and stuck on paper."""
COLOURS = list(CardColour)
KINDS = list(CardKind)


class CaptureScreen(StepScreen):
    """Step 2: fast card entry with kind, colour, turn and timer."""

    STEP = Step.WRITE
    CSS_PATH = "capture.tcss"
    TICK_SECONDS: ClassVar[float] = 0.5
    """How often the countdown's clock is redrawn."""
    # At 80 columns the footer is full with the common keys; the hint line lists ours.
    ACTIONS: ClassVar = (
        Command("capture.kind", "ctrl+t", "switch_kind", "capture.cmd.kind",
                "capture.cmd.kind.tip", show=False),
        # alt+<first letter> (m, k, p, s): terminals send alt+digit as other characters
        # (ESC 1 arrives as "¡" in Textual 8.2), so digits would never fire for real.
        *(Command(f"capture.kind.{k.value}", f"alt+{k.value[0]}", f"set_kind('{k.value}')",
                  f"capture.cmd.kind.{k.value}", show=False)
          for k in KINDS),
        Command("capture.colour", "ctrl+o", "switch_colour", "capture.cmd.colour",
                "capture.cmd.colour.tip", show=False),
        Command("capture.turn_next", "ctrl+n,alt+down", "turn(1)", "capture.cmd.turn_next",
                "capture.cmd.turn_next.tip", show=False),
        Command("capture.turn_prev", "ctrl+b,alt+up", "turn(-1)", "capture.cmd.turn_prev",
                "capture.cmd.turn_prev.tip", show=False),
        Command("capture.timer", "ctrl+g", "timer", "capture.cmd.timer",
                "capture.cmd.timer.tip", show=False),
        Command("capture.timer_reset", "ctrl+r", "timer_reset", "capture.cmd.timer_reset",
                "capture.cmd.timer_reset.tip", show=False),
        Command("capture.edit_last", "ctrl+l", "edit_last", "capture.cmd.edit_last",
                "capture.cmd.edit_last.tip", show=False),
    )

    def __init__(self, controller: SessionController,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """``clock`` (monotonic seconds) is used when this session's countdown is created."""
        super().__init__(controller)
        # Kind, colour, turn and clock belong to the open session, not to this screen
        # object: they survive a language switch and a visit to another step.
        self.state = state_for(controller, clock)
        self.keeper = DraftKeeper(controller, self.state, self.set_timer)
        self._ticker: Timer | None = None
        self._items: dict[str, CardItem] = {}
        self._shown: list[str] = []
        """Ids of the cards in the recent list, newest first."""

    @property
    def kind(self) -> CardKind:
        """The kind the next card gets."""
        return self.state.kind

    @property
    def colour(self) -> CardColour:
        """The paper colour the next card gets."""
        return self.state.colour

    @property
    def countdown(self) -> Countdown:
        """The optional writing-time countdown."""
        return self.state.countdown

    # -- layout ----------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        """Turn + clock, kind + colour, the text field, counts, recent cards + circle."""
        with Horizontal(id="capture-top"):
            yield Static("", id="turn", markup=False)
            yield Static("", id="timer", markup=False)
        yield Static("", id="question", markup=False)
        yield Static("", id="mode", markup=False)
        # A restored draft is continued, not replaced by the next key (no select-all).
        yield Input(self.keeper.typed, placeholder=t("capture.input.placeholder"), id="card-text",
                    max_length=CARD_MAX, select_on_focus=False)
        yield Static("", id="capture-error", markup=False)
        yield Static("", id="counts", markup=False)
        with Horizontal(id="capture-main"):
            with VerticalScroll(id="recent"):
                yield from self._recent_items()
            yield Static("", id="turns", markup=False)
        yield Static(t("capture.hint"), id="capture-hint", markup=False)

    def _recent_items(self) -> list[CardItem]:
        names = self._names()
        cards = self.session.active_cards()[-RECENT_LIMIT:]
        items = [CardItem(c, names.get(c.author_id or "")) for c in reversed(cards)]
        self._items = {item.card_id: item for item in items}
        self._shown = [item.card_id for item in items]
        return items

    def on_mount(self) -> None:
        """Fill the lines and put the cursor in the text field."""
        cd = self.countdown
        if cd.running:  # started before a language switch or a visit to another step
            self._start_ticker()
        elif not cd.finished and cd.remaining == cd.total:  # untouched: follow the settings
            cd.reset(self.session.settings.timer_minutes * 60.0)
        self.refresh_info()
        self.query_one("#card-text", Input).focus()

    def on_resize(self) -> None:
        """The circle list shows as many names as there are rows."""
        self.call_after_refresh(self._refresh_if_shown)

    def _refresh_if_shown(self) -> None:
        # The screen may have been switched away (its widgets removed) before this runs.
        if self.is_attached and self.query("#turn"):
            self.refresh_info()

    def on_unmount(self) -> None:
        """The clock keeps its deadline; only this screen's redraws stop. The draft is
        saved now (F4, Alt+arrow, F9, quit), whatever the debounce was waiting for."""
        self._stop_ticker()
        self.keeper.save()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Remember the typed text; it is saved once typing pauses."""
        if event.input.id == "card-text":
            self.keeper.typed_changed(event.value)
            n = len(event.value)
            self._error(t("capture.long", n=n, max=CARD_MAX) if n > LONG_CARD else "")

    # -- what is shown ---------------------------------------------------------------
    def _names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.session.participants}

    def present(self) -> list[Participant]:
        """Present participants in circle (turn) order."""
        return [p for p in self.session.circle() if p.present]

    def current(self) -> Participant | None:
        """Whose turn it is (the first present participant if not chosen yet)."""
        present = self.present()
        found = next((p for p in present if p.id == self.state.turn_id), None)
        if found is None and present:
            found = present[0]
        self.state.turn_id = found.id if found else None
        return found

    def refresh_info(self) -> None:
        """Redraw the small lines (turn, mode, counts, circle); cheap, one update each."""
        session = self.session
        present = self.present()
        person = self.current()
        authorship = session.settings.record_authorship
        cards = session.active_cards()
        per_author: Counter[str] = Counter(c.author_id for c in cards if c.author_id)
        turn = self.query_one("#turn", Static)
        if person is None:
            turn.update(t("capture.turn.nobody"))
        else:
            line = Text(t("capture.turn.label") + " ", no_wrap=True, overflow="ellipsis")
            line.append(f"{present.index(person) + 1}/{len(present)} ")
            line.append(" ".join(person.name.split()), style="bold")
            if authorship:
                line.append("  " + t("capture.turn.cards", n=per_author[person.id]))
            turn.update(line)
        question = " ".join(session.guiding_question.split())
        self.query_one("#question", Static).update(
            t("capture.question", question=question) if question else "")
        self.query_one("#question").set_class(bool(question), "-visible")
        mode = Text(t("capture.mode.kind") + " ", no_wrap=True)
        mode.append(kind_label(self.kind), style="bold reverse")
        mode.append("   " + t("capture.mode.colour") + " ")
        mode.append_text(swatch(self.colour))
        mode.append(" " + colour_label(self.colour))
        if not authorship:
            mode.append("   " + t("capture.mode.no_author"), style="dim")
        self.query_one("#mode", Static).update(mode)
        self.query_one("#card-text", Input).styles.border = ("tall",
                                                             Color.parse(CARD_COLOURS[self.colour]))
        by_kind = Counter(c.kind for c in cards)
        parts = [f"{kind_label(k)} {by_kind[k]}" for k in KINDS]
        self.query_one("#counts", Static).update(
            t("capture.counts", total=len(cards), parts=" · ".join(parts)))
        self._draw_turns(present, person, per_author if authorship else None)
        self._draw_timer()

    def _draw_turns(self, present: list[Participant], person: Participant | None,
                    counts: Counter[str] | None) -> None:
        out = Text(no_wrap=True, overflow="ellipsis", end="")
        out.append(t("capture.turns.title") + "\n", style="bold")
        # More participants than rows: show a window round whose turn it is.
        rows = max(self.query_one("#turns").size.height - 1, 1)
        idx = present.index(person) if person in present else 0
        first = max(0, min(idx - rows // 2, len(present) - rows))
        for n, p in enumerate(present[first:first + rows], start=first + 1):
            mark = "▶" if person is not None and p.id == person.id else " "
            count = f" {counts[p.id]:>3}" if counts is not None else ""
            name = " ".join(p.name.split())[:12]
            out.append(f"{mark}{n:>2} {name:<12}{count}\n",
                       style="bold reverse" if mark == "▶" else "")
        self.query_one("#turns", Static).update(out)

    def _draw_timer(self) -> None:
        cd = self.countdown
        if cd.finished:
            text = t("capture.timer.over")
        elif cd.running:
            text = t("capture.timer.running", clock=cd.clock_text())
        else:
            text = t("capture.timer.paused", clock=cd.clock_text())
        self.query_one("#timer", Static).update(text)

    def _error(self, message: str) -> None:
        self.query_one("#capture-error", Static).update(message)
        self.query_one("#capture-error").set_class(bool(message), "-visible")

    # -- saving a card ---------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter saves the card (durably) and shows it at the top of the list."""
        if event.input.id != "card-text":
            return
        problem = card_text_error(event.value)
        if problem:
            self._error(problem)
            self.notify(problem, severity="error", markup=False)
            return
        person = self.current()
        author = person.id if person and self.session.settings.record_authorship else None
        kind, colour, text = self.kind, self.colour, event.value
        card = self.try_edit(lambda s: write_card(s, text, kind, colour, author))
        if card is None:
            return
        self.keeper.typed = ""
        event.input.value = ""
        self._error("")
        self._show_new(card)  # the counts follow in session_changed
        reopened = steps_reopened_by(self.session, card)
        if reopened:
            steps = ", ".join(f"{int(s)} {t(f'tui.step.{int(s)}')}" for s in reopened)
            self.notify(t("capture.reopened", steps=steps), severity="warning",
                        markup=False)

    def _show_new(self, card: Card) -> None:
        """Mount ONE line for ``card`` at the top; drop the oldest past the limit."""
        recent = self.query_one("#recent", VerticalScroll)
        author = self._names().get(card.author_id or "")
        item = CardItem(card, author)
        if self._shown:
            recent.mount(item, before=self._items[self._shown[0]])
        else:
            recent.mount(item)
        self._items[card.id] = item
        self._shown.insert(0, card.id)
        while len(self._shown) > RECENT_LIMIT:
            self._items.pop(self._shown.pop()).remove()
        recent.scroll_home(animate=False)

    def _rebuild_recent(self) -> None:
        recent = self.query_one("#recent", VerticalScroll)
        recent.remove_children()
        recent.mount_all(self._recent_items())

    def session_changed(self, event: SessionChanged) -> None:
        """Redraw the lines; rebuild the list only if it no longer matches the session."""
        expected = [c.id for c in reversed(self.session.active_cards()[-RECENT_LIMIT:])]
        if event.replaced or expected != self._shown:
            self._rebuild_recent()
        self.refresh_info()

    # -- keys ------------------------------------------------------------------------
    def action_switch_kind(self) -> None:
        """masalah <-> kebutuhan (from potensi/sumber: back to masalah)."""
        self.state.kind = CardKind.NEED if self.kind == CardKind.PROBLEM else CardKind.PROBLEM
        self.refresh_info()
        self.keeper.later()

    def action_set_kind(self, value: str) -> None:
        """Choose a kind directly (alt+m, alt+k, alt+p, alt+s)."""
        self.state.kind = CardKind(value)
        self.refresh_info()
        self.keeper.later()

    def action_switch_colour(self) -> None:
        """The next colour of paper."""
        self.state.colour = COLOURS[(COLOURS.index(self.colour) + 1) % len(COLOURS)]
        self.refresh_info()
        self.keeper.later()

    def action_turn(self, delta: int) -> None:
        """Give the turn to the next (+1) or previous (-1) present participant."""
        present = self.present()
        person = self.current()
        if person is None:
            self.notify(t("capture.turn.nobody"), severity="warning", markup=False)
            return
        self.state.turn_id = present[(present.index(person) + delta) % len(present)].id
        self.refresh_info()
        self.keeper.later()

    def action_timer(self) -> None:
        """Start, pause or resume the countdown."""
        cd = self.countdown
        if cd.running:
            cd.pause()
            self._stop_ticker()
        else:
            if cd.finished:
                cd.reset(self.session.settings.timer_minutes * 60.0)
            cd.start()
            self._start_ticker()
        self._draw_timer()
        self.keeper.later()

    def action_timer_reset(self) -> None:
        """Stop the countdown and set it back to the session's minutes."""
        self._stop_ticker()
        self.countdown.reset(self.session.settings.timer_minutes * 60.0)
        self._draw_timer()
        self.keeper.later()

    def tick(self) -> None:
        """Redraw the clock; when time is up: stop, notify and ring the bell."""
        if self.countdown.check():
            self._stop_ticker()
            self.notify(t("capture.timer.done"), title=t("capture.timer.done.title"),
                        severity="warning", timeout=15, markup=False)
            self.app.bell()
        self._draw_timer()

    def _start_ticker(self) -> None:
        self._stop_ticker()
        self._ticker = self.set_interval(self.TICK_SECONDS, self.tick)

    def _stop_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    def action_edit_last(self) -> None:
        """Correct the text of the last card saved."""
        cards = self.session.active_cards()
        if not cards:
            self.notify(t("capture.edit.none"), markup=False)
            return
        card_id, old = cards[-1].id, cards[-1].text

        def done(value: str | None) -> None:
            if value is None:
                return
            card = self.try_edit(lambda s: ops.update(s, "cards", card_id, text=value))
            if isinstance(card, Card) and card_id in self._items:
                self._items[card_id].show_card(card, self._names().get(card.author_id or ""))

        self.app.push_screen(TextPrompt(t("capture.edit.question"), old,
                                        validate=card_text_error), done)


SCREEN = CaptureScreen
