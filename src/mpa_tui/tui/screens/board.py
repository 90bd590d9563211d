"""3 Tempel di plano: every card a coloured note on the plano sheet.

Cards are stuck participant by participant, following the circle (when authorship is
recorded); the facilitator can also fix cards here: edit, split in two, merge duplicates,
delete (to the trash). The grid is reconciled after every change, so only the notes whose
card changed are redrawn.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Static

from mpa_tui.domain import Card, Participant, Step, ops
from mpa_tui.domain.board import board_cards
from mpa_tui.i18n import t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.dialogs import ConfirmDialog, TextPrompt
from mpa_tui.tui.dialogs.split import SplitDialog, card_text_error
from mpa_tui.tui.screens.base import SessionChanged, StepScreen
from mpa_tui.tui.widgets.board_grid import BoardGrid
from mpa_tui.tui.widgets.card_note import NoteState, note_state
from mpa_tui.tui.widgets.plain import one_line

QUOTE_WIDTH = 40


def quote(text: str) -> str:
    """A card's text shortened to one line for questions and notices."""
    return one_line(text, QUOTE_WIDTH)


class BoardScreen(StepScreen):
    """The plano sheet: notes in a grid, stuck participant by participant."""

    STEP = Step.STICK
    CSS_PATH = "board.tcss"
    ACTIONS: ClassVar = (
        Command("board.stick", "t,enter", "stick", "board.cmd.stick", "board.cmd.stick.tip",
                key_display="t"),
        Command("board.stick_all", "a", "stick_all", "board.cmd.stick_all",
                "board.cmd.stick_all.tip", show=False),
        Command("board.edit", "e", "edit", "board.cmd.edit", "board.cmd.edit.tip",
                show=False),
        Command("board.next", "n", "turn(1)", "board.cmd.next", "board.cmd.next.tip",
                show=False),
        Command("board.prev", "p", "turn(-1)", "board.cmd.prev", "board.cmd.prev.tip",
                show=False),
        Command("board.mark", "space", "mark", "board.cmd.mark", "board.cmd.mark.tip",
                show=False),
        Command("board.unmark", "escape", "unmark", "board.cmd.unmark", show=False),
        Command("board.merge", "g", "merge", "board.cmd.merge", "board.cmd.merge.tip",
                show=False),
        Command("board.split", "s", "split", "board.cmd.split", "board.cmd.split.tip",
                show=False),
        Command("board.delete", "d,delete", "delete", "board.cmd.delete",
                "board.cmd.delete.tip", show=False, key_display="d"),
    )

    def __init__(self, controller) -> None:  # type: ignore[no-untyped-def]
        super().__init__(controller)
        self.marked: list[str] = []
        """Cards chosen with space (for merging), in the order they were chosen."""
        self.turn_id: str | None = None
        """The participant whose cards are being stuck now (authorship on)."""

    # -- layout ----------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        """Turn line, key hint, the grid of notes."""
        yield Static("", id="board-info", markup=False)
        yield Static(t("board.hint"), id="board-hint", markup=False)
        yield Static(t("board.empty"), id="board-empty", markup=False)
        yield BoardGrid(id="board")

    def on_mount(self) -> None:
        """Fill the board and put the turn on the first participant with loose cards."""
        people = self.turn_order()
        if people:
            loose = {c.author_id for c in board_cards(self.session) if not c.posted}
            self.turn_id = next((p.id for p in people if p.id in loose), people[0].id)
        self.refresh_board()
        grid = self.query_one(BoardGrid)
        first = self._first_loose_of_turn()
        if first is not None:
            grid.move_to(first)
        grid.focus()

    # -- reading the session -----------------------------------------------------------
    def authorship(self) -> bool:
        """Whether cards carry their writer (then sticking follows the circle)."""
        return self.session.settings.record_authorship

    def turn_order(self) -> list[Participant]:
        """Present participants in seat order (empty when authorship is off)."""
        if not self.authorship():
            return []
        return [p for p in self.session.circle() if p.present]

    def note_states(self) -> list[tuple[str, NoteState]]:
        """What every note should show, in board order."""
        session = self.session
        names = {p.id: p.name for p in session.participants} if self.authorship() else {}
        marked = set(self.marked)
        return [
            (c.id, note_state(c, names.get(c.author_id or "", ""), c.id in marked,
                              c.author_id is not None and c.author_id == self.turn_id))
            for c in board_cards(session)
        ]

    def refresh_board(self) -> int:
        """Bring the notes and the info line in line with the session; returns redraws."""
        alive = {c.id for c in board_cards(self.session)}
        self.marked = [cid for cid in self.marked if cid in alive]
        redrawn = self.query_one(BoardGrid).sync(self.note_states())
        self.query_one("#board-empty").display = not alive
        self.refresh_info()
        return redrawn

    def refresh_info(self) -> None:
        """The turn, how many cards are stuck, how many are chosen."""
        cards = board_cards(self.session)
        stuck = sum(c.posted for c in cards)
        parts = [t("board.info.stuck", n=stuck, total=len(cards))]
        people = self.turn_order()
        person = self.session.participant(self.turn_id) if self.turn_id else None
        if people and person is not None and person.deleted_at is None:
            index = next((i for i, p in enumerate(people) if p.id == person.id), -1) + 1
            loose = sum(1 for c in cards if c.author_id == person.id and not c.posted)
            parts.insert(0, t("board.info.turn", name=person.name, i=index, n=len(people),
                              loose=loose))
        if self.marked:
            parts.append(t("board.info.marked", n=len(self.marked)))
        self.query_one("#board-info", Static).update(" · ".join(parts))

    def current_card(self) -> Card | None:
        """The card under the cursor."""
        cid = self.query_one(BoardGrid).cursor_card()
        return self.session.card(cid) if cid else None

    def _first_loose_of_turn(self) -> str | None:
        for card in board_cards(self.session):
            if card.author_id == self.turn_id and not card.posted:
                return card.id
        return None

    # -- changes from anywhere ------------------------------------------------------------
    def session_changed(self, event: SessionChanged) -> None:
        """Reconcile: an edit made elsewhere (trash, undo) redraws only what changed."""
        self.refresh_board()

    # -- actions ---------------------------------------------------------------------
    def action_stick(self) -> None:
        """Stick the card under the cursor on the plano (or take it off again)."""
        card = self.current_card()
        if card is None:
            return
        cid, posted = card.id, not card.posted
        if self.edit_ok(lambda s: ops.set_posted(s, [cid], posted)):
            self.refresh_board()

    def action_stick_all(self) -> None:
        """Stick all cards of the participant whose turn it is, then pass the turn on.

        Without authorship: stick every card.
        """
        people = self.turn_order()
        turn = self.turn_id
        ids = [c.id for c in board_cards(self.session) if not c.posted
               and (not people or c.author_id == turn)]
        if ids and not self.edit_ok(lambda s: ops.set_posted(s, ids, True)):
            return
        if people:
            self._advance(1)
        else:
            self.refresh_board()
        cards = board_cards(self.session)
        if cards and all(c.posted for c in cards):
            self.notify(t("board.all_stuck"), timeout=3, markup=False)

    def action_turn(self, delta: int) -> None:
        """Pass the turn to the next (1) or previous (-1) participant in the circle."""
        if not self.turn_order():
            self.notify(t("board.no_turns"), timeout=3, markup=False)
            return
        self._advance(delta)

    def _advance(self, delta: int) -> None:
        people = self.turn_order()
        ids = [p.id for p in people]
        index = ids.index(self.turn_id) if self.turn_id in ids else -1
        self.turn_id = ids[(index + delta) % len(ids)]
        self.refresh_board()
        first = self._first_loose_of_turn()
        if first is not None:
            self.query_one(BoardGrid).move_to(first)

    def action_mark(self) -> None:
        """Choose the card under the cursor for merging (again: unchoose)."""
        cid = self.query_one(BoardGrid).cursor_card()
        if cid is None:
            return
        if cid in self.marked:
            self.marked.remove(cid)
        else:
            self.marked.append(cid)
        self.refresh_board()

    def action_unmark(self) -> None:
        """Forget the chosen cards."""
        if self.marked:
            self.marked = []
            self.refresh_board()

    def action_edit(self) -> None:
        """Change the text of the card under the cursor."""
        card = self.current_card()
        if card is None:
            return
        cid = card.id

        def done(text: str | None) -> None:
            if text is not None and self.edit_ok(
                    lambda s: ops.update(s, "cards", cid, text=text)):
                self.refresh_board()

        self.app.push_screen(TextPrompt(t("board.edit.question"), card.text,
                                        validate=card_text_error), done)

    def action_split(self) -> None:
        """Split the card under the cursor into two cards."""
        card = self.current_card()
        if card is None:
            return
        cid = card.id

        def done(texts: tuple[str, str] | None) -> None:
            if texts is not None and self.try_edit(
                    lambda s: ops.split_card(s, cid, *texts)) is not None:
                self.refresh_board()

        self.app.push_screen(SplitDialog(card.text), done)

    def action_merge(self) -> None:
        """Merge the chosen cards into the first chosen one (the others go to the trash)."""
        if len(self.marked) < 2:
            self.notify(t("board.merge.need_two"), severity="warning", timeout=3,
                        markup=False)
            return
        keep, *others = self.marked
        card = self.session.card(keep)
        if card is None:
            return

        def done(yes: bool | None) -> None:
            if yes and self.try_edit(lambda s: ops.merge_cards(s, keep, others)) is not None:
                self.marked = []
                self.refresh_board()
                self.query_one(BoardGrid).move_to(keep)

        question = t("board.merge.confirm", n=len(self.marked), text=quote(card.text))
        self.app.push_screen(ConfirmDialog(question), done)

    def action_delete(self) -> None:
        """Put the card under the cursor in the trash (F7 restores it)."""
        card = self.current_card()
        if card is None:
            return
        cid = card.id

        def done(yes: bool | None) -> None:
            if yes and self.edit_ok(lambda s: ops.soft_delete(s, "cards", cid)):
                self.refresh_board()
                self.notify(t("board.deleted"), timeout=3, markup=False)

        self.app.push_screen(ConfirmDialog(t("board.delete.confirm", text=quote(card.text))),
                             done)


SCREEN = BoardScreen
