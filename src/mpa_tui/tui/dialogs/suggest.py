"""The dialog that offers the grouping suggestions of step 4, one proposal at a time.

Nothing moves until the facilitator presses Enter on a proposal. The proposals come from
:mod:`~mpa_tui.tui.widgets.suggest_proposals`: the last gathers the cards that fit no
group ("Lain-lain / belum jelas"); a card taken out of an accepted proposal is offered in
the next proposal it fits best, or in that last one.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from mpa_tui.domain import Session
from mpa_tui.domain.suggest_glossary import default_glossary
from mpa_tui.i18n import UNTITLED, get_language, t
from mpa_tui.tui.commands import Command, bindings_map
from mpa_tui.tui.widgets.keybar import KeyBar
from mpa_tui.tui.widgets.plain import one_line
from mpa_tui.tui.widgets.suggest_proposals import Proposal, reoffer

ROW_CHARS = 72
"""A card row in the dialog shows at most this many characters."""


_COMMANDS = (
    Command("suggest.accept", "enter", "accept_key", "grouping.suggest.cmd.accept",
            "grouping.suggest.cmd.accept.tip", priority=True, key_display="⏎"),
    Command("suggest.title", "r", "edit_title", "grouping.suggest.cmd.title",
            "grouping.suggest.cmd.title.tip"),
    Command("suggest.toggle", "space", "toggle_card", "grouping.suggest.cmd.toggle",
            "grouping.suggest.cmd.toggle.tip", show=False),
    Command("suggest.skip", "right,l", "skip", "grouping.suggest.cmd.skip",
            "grouping.suggest.cmd.skip.tip", key_display="→"),
    Command("suggest.back", "left", "back", "grouping.suggest.cmd.back",
            "grouping.suggest.cmd.back.tip", key_display="←", show=False),
    Command("suggest.close", "escape", "close", "grouping.suggest.cmd.close",
            "grouping.suggest.cmd.close.tip", key_display="Esc"),
)

Apply = Callable[[Proposal, str, list[str]], bool]
"""``apply(proposal, title, card_ids)``: make the change (one undo step); True when done."""


class SuggestionDialog(ModalScreen[tuple[int, int]]):
    """The proposals one by one: Enter accepts, r edits the title, space takes a card out,
    → skips, ← goes back, Esc closes. Answers ``(accepted, skipped)``."""

    CSS_PATH = "../screens/grouping.tcss"

    def __init__(self, proposals: list[Proposal], session: Callable[[], Session],
                 apply: Apply, check_title: Callable[[str], str | None]) -> None:
        super().__init__(id="suggest-dialog")
        # Built per instance so the labels are in the language active right now.
        self._bindings = bindings_map(_COMMANDS, self._bindings)
        self.proposals = proposals
        self.get_session = session
        self.apply = apply
        self.check_title = check_title
        self.index = 0

    def compose(self) -> ComposeResult:
        """Heading, what the proposal does, the title field, its cards, error and hint."""
        with Vertical(id="suggest-box", classes="dialog"):
            yield Static("", id="suggest-head", markup=False)
            yield Static("", id="suggest-what", markup=False)
            # r puts the cursor at the end to edit the title; selecting it all on focus
            # would let the first typed letter replace the whole proposed title.
            yield Input("", id="suggest-title", select_on_focus=False)
            yield OptionList(id="suggest-cards")
            yield Static("", id="suggest-error", markup=False, classes="field-error")
            yield Static(t("grouping.suggest.hint"), id="suggest-hint", markup=False,
                         classes="dialog-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        """Show the first proposal."""
        self.show_proposal()

    # -- drawing ---------------------------------------------------------------------
    @property
    def proposal(self) -> Proposal:
        """The proposal shown."""
        return self.proposals[self.index]

    def _live_cards(self) -> list[tuple[str, str]]:
        """``(id, text)`` of the proposal's cards still waiting to be grouped.

        A card deleted or grouped since the suggestions were computed (or by accepting
        this proposal) is left out, so accepting never moves it a second time.
        """
        session = self.get_session()
        out = []
        for cid in self.proposal.card_ids:
            card = session.card(cid)
            if card is not None and card.deleted_at is None and card.category_id is None:
                out.append((cid, card.text))
        return out

    def _target_label(self) -> str:
        session = self.get_session()
        cats = session.active_categories()
        number = next((i + 1 for i, c in enumerate(cats) if c.id == self.proposal.category_id),
                      0)
        cat = session.category(self.proposal.category_id or "")
        title = (cat.title if cat else "") or t(UNTITLED)
        return t("grouping.suggest.into_existing", n=number, title=title)

    def show_proposal(self) -> None:
        """Draw the current proposal."""
        p = self.proposal
        done = t(f"grouping.suggest.state.{p.done}") if p.done else ""
        self.query_one("#suggest-head", Static).update(
            t("grouping.suggest.head", i=self.index + 1, n=len(self.proposals)) + done)
        field = self.query_one("#suggest-title", Input)
        new = p.category_id is None
        field.display = new
        what = t("grouping.suggest.other") if p.other else t("grouping.suggest.new_group")
        self.query_one("#suggest-what", Static).update(what if new else self._target_label())
        if new:
            field.value = p.title
        self.query_one("#suggest-error", Static).update("")
        self._draw_cards()
        cards = self.query_one("#suggest-cards", OptionList)
        cards.highlighted = 0 if cards.option_count else None
        cards.focus()
        self.refresh_bindings()

    def _prompt(self, cid: str, text: str) -> Content:
        out = cid in self.proposal.left_out
        mark = Content("✗ " if out else "✓ ").stylize("dim" if out else "bold")
        body = Content(one_line(text, ROW_CHARS))
        return Content.assemble(mark, body.stylize("dim strike") if out else body)

    def _draw_cards(self) -> None:
        cards = self.query_one("#suggest-cards", OptionList)
        keep = cards.highlighted
        cards.clear_options()
        cards.add_options([Option(self._prompt(cid, text), id=cid)
                           for cid, text in self._live_cards()])
        if keep is not None and cards.option_count:
            cards.highlighted = min(keep, cards.option_count - 1)

    # -- actions ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Editing the title only for a new group; ← only after the first proposal."""
        if action == "edit_title":
            return True if self.proposal.category_id is None else None
        if action == "back":
            return True if self.index > 0 else None
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a card takes it out of the proposal (or puts it back)."""
        event.stop()
        if event.option.id:
            self._toggle(event.option.id)

    def action_toggle_card(self) -> None:
        """Take the highlighted card out of the proposal (or put it back)."""
        cards = self.query_one("#suggest-cards", OptionList)
        if cards.highlighted is not None and cards.option_count:
            cid = cards.get_option_at_index(cards.highlighted).id
            if cid:
                self._toggle(cid)

    def _toggle(self, cid: str) -> None:
        self.proposal.left_out ^= {cid}
        self._draw_cards()

    def action_edit_title(self) -> None:
        """Put the cursor in the title field (Enter there accepts)."""
        if self.proposal.category_id is None:
            field = self.query_one("#suggest-title", Input)
            field.focus()
            field.cursor_position = len(field.value)

    def action_accept_key(self) -> None:
        """Enter. In the title field it waits behind the letters typed before it (the field
        submits, then :meth:`on_input_submitted` accepts); on the card list, which would
        take Enter as a click, it accepts at once."""
        if isinstance(self.focused, Input):
            raise SkipAction
        self.action_accept()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the title field: accept with the title as typed."""
        event.stop()
        self.action_accept()

    def action_accept(self) -> None:
        """Make the proposed change (only the cards still in it), then show the next."""
        p = self.proposal
        ids = [cid for cid, _ in self._live_cards() if cid not in p.left_out]
        error = self.query_one("#suggest-error", Static)
        if not ids:
            error.update(t("grouping.suggest.no_cards"))
            return
        title = self.query_one("#suggest-title", Input).value.strip()
        if p.category_id is None:
            problem = self.check_title(title)
            if problem:
                error.update(problem)
                self.action_edit_title()
                return
        if self.apply(p, title, ids):
            p.done = "accepted"
            taken_out = [cid for cid, _ in self._live_cards() if cid in p.left_out]
            other = next((x.title for x in self.proposals if x.other),
                         default_glossary().other_title(get_language()))
            if reoffer(self.proposals, self.index, taken_out, other):
                self.notify(t("grouping.suggest.reoffered", n=len(taken_out)), timeout=3,
                            markup=False)
            self._next()

    def action_skip(self) -> None:
        """Leave this proposal and show the next one."""
        if not self.proposal.done:
            self.proposal.done = "skipped"
        self._next()

    def action_back(self) -> None:
        """Show the previous proposal again."""
        if self.index > 0:
            self.index -= 1
            self.show_proposal()

    def _next(self) -> None:
        later = [i for i in range(self.index + 1, len(self.proposals))
                 if not self.proposals[i].done]
        if later:
            self.index = later[0]
            self.show_proposal()
        else:
            self.action_close()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Keep an edited title with its proposal (going back and forth keeps it)."""
        if self.proposal.category_id is None:
            self.proposal.title = event.value

    def action_close(self) -> None:
        """Close; answer how many proposals were accepted and skipped.

        In the title field, Esc only leaves the field (the typed title stays).
        """
        if isinstance(self.focused, Input):
            self.query_one("#suggest-cards", OptionList).focus()
            return
        accepted = sum(p.done == "accepted" for p in self.proposals)
        self.dismiss((accepted, len(self.proposals) - accepted))
