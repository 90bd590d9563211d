"""4 Kelompokkan: put similar cards together in categories.

Left: the cards not grouped yet. Right: the categories (with their card counts) and the
cards of the highlighted one. Digits 1-9 move the chosen cards into the first nine
categories, ``k`` picks any category, ``b`` makes a new one, ``0``/``u`` puts cards back.
The lists are reconciled after each change, so a move touches only the rows it changed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.worker import Worker, WorkerState

from mpa_tui.domain import Category, Session, Step, ops
from mpa_tui.domain.board import unsorted_cards
from mpa_tui.i18n import UNTITLED, error_text, get_language, t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.dialogs import TextPrompt
from mpa_tui.tui.dialogs.category import CategoryPicker
from mpa_tui.tui.dialogs.suggest import SuggestionDialog
from mpa_tui.tui.screens.base import SessionChanged, StepScreen
from mpa_tui.tui.widgets.card_note import swatch
from mpa_tui.tui.widgets.grouping_lists import SyncedList
from mpa_tui.tui.widgets.plain import one_line
from mpa_tui.tui.widgets.suggest_proposals import (
    Proposal,
    compute_proposals,
    suggest_request,
    user_glossary,
)

ROW_CHARS = 75
"""A card row shows at most this many characters (about two lines of a pane)."""

_DIGITS = tuple(
    Command(f"grouping.to{n}", str(n), f"to_category({n})", "grouping.cmd.to_digit",
            "grouping.cmd.to_digit.tip", show=False, palette=n == 1, key_display="1-9")
    for n in range(1, 10)
)


def category_label(cat: Category) -> str:
    """The title, or "(tanpa judul)" for a category not titled yet."""
    return cat.title or t(UNTITLED)


def title_error(session: Session, category_id: str | None, title: str,
                required: bool) -> str | None:
    """Why ``title`` cannot be this category's title, in the user's language, or None."""
    problem = ops.title_error(session, title, category_id, required=required)
    return None if problem is None else error_text(problem)


class GroupingScreen(StepScreen):
    """Unsorted cards and categories side by side."""

    STEP = Step.GROUP
    CSS_PATH = "grouping.tcss"
    ACTIONS: ClassVar = (
        Command("grouping.pick", "k", "pick", "grouping.cmd.pick", "grouping.cmd.pick.tip"),
        Command("grouping.new", "b", "new_category", "grouping.cmd.new",
                "grouping.cmd.new.tip", show=False),
        Command("grouping.unsort", "0,u", "unsort", "grouping.cmd.unsort",
                "grouping.cmd.unsort.tip", show=False, key_display="0"),
        Command("grouping.mark", "space", "mark", "grouping.cmd.mark", "grouping.cmd.mark.tip",
                show=False),
        Command("grouping.unmark", "escape", "unmark", "grouping.cmd.unmark", show=False),
        Command("grouping.rename", "r", "rename", "grouping.cmd.rename",
                "grouping.cmd.rename.tip", show=False),
        Command("grouping.suggest", "s", "suggest", "grouping.cmd.suggest",
                "grouping.cmd.suggest.tip", show=False),
        *_DIGITS,
    )

    def __init__(self, controller) -> None:  # type: ignore[no-untyped-def]
        super().__init__(controller)
        self.marked: list[str] = []
        """Cards chosen with space or a click, in the order they were chosen."""
        self.suggesting = False
        """A suggestion worker is running (a second request waits for it)."""

    # -- layout ----------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        """Two panes and a key hint."""
        with Horizontal(id="grouping-panes"):
            with Vertical(id="unsorted-pane"):
                yield Static("", id="unsorted-head", markup=False, classes="pane-head")
                yield SyncedList(id="unsorted")
            with Vertical(id="categories-pane"):
                yield Static("", id="categories-head", markup=False, classes="pane-head")
                yield SyncedList(id="categories")
                yield Static("", id="members-head", markup=False, classes="pane-head")
                yield SyncedList(id="members")
        yield Static(t("grouping.hint"), id="grouping-hint", markup=False)

    def on_mount(self) -> None:
        """Fill the lists; start on the unsorted cards."""
        self.refresh_lists()
        self.query_one("#unsorted", SyncedList).focus()

    # -- drawing ---------------------------------------------------------------------
    def _card_prompt(self, card_id: str) -> Content:
        card = self.session.card(card_id)
        if card is None:
            return Content("")
        mark = Content("◆ ").stylize("bold") if card_id in self.marked else Content("")
        text = Content(one_line(card.text, ROW_CHARS))
        return Content.assemble(swatch(card.colour), " ", mark, text)

    def _category_prompt(self, category_id: str) -> Content:
        cats = self.session.active_categories()
        index = next((i for i, c in enumerate(cats) if c.id == category_id), 99)
        cat = cats[index] if index < len(cats) else None
        if cat is None:
            return Content("")
        digit = f"{index + 1} "  # 1-9 are keys; 10 and more: k, then the number
        return Content.assemble(Content(digit).stylize("bold"), Content(category_label(cat)),
                                Content(f" ({len(cat.card_ids)})").stylize("dim"))

    def refresh_lists(self) -> None:
        """Bring every list and heading in line with the session (only changed rows)."""
        session = self.session
        alive = {c.id: c for c in session.active_cards()}
        self.marked = [cid for cid in self.marked if cid in alive]
        marked = set(self.marked)
        unsorted = unsorted_cards(session)
        self.query_one("#unsorted", SyncedList).sync(
            [(c.id, (c.text, c.colour, c.id in marked)) for c in unsorted], self._card_prompt)
        cats = session.active_categories()
        self.query_one("#categories", SyncedList).sync(
            [(c.id, (i, c.title, len(c.card_ids))) for i, c in enumerate(cats)],
            self._category_prompt)
        self.query_one("#unsorted-head", Static).update(
            t("grouping.unsorted", n=len(unsorted)))
        self.query_one("#categories-head", Static).update(
            t("grouping.categories", n=len(cats)))
        self.refresh_members()

    def refresh_members(self) -> None:
        """The cards of the highlighted category."""
        cat = self.highlighted_category()
        members = self.query_one("#members", SyncedList)
        marked = set(self.marked)
        cards = [self.session.card(cid) for cid in cat.card_ids] if cat else []
        members.sync([(c.id, (c.text, c.colour, c.id in marked)) for c in cards
                      if c is not None and c.deleted_at is None], self._card_prompt)
        head = (t("grouping.members", title=category_label(cat), n=len(cat.card_ids))
                if cat else t("grouping.members.none"))
        self.query_one("#members-head", Static).update(head)

    def highlighted_category(self) -> Category | None:
        """The category highlighted in the categories list."""
        cid = self.query_one("#categories", SyncedList).highlighted_id()
        cat = self.session.category(cid) if cid else None
        return cat if cat is not None and cat.deleted_at is None else None

    # -- events ----------------------------------------------------------------------
    def session_changed(self, event: SessionChanged) -> None:
        """Reconcile after any change (also undo, redo, a restore from the trash)."""
        self.refresh_lists()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Highlighting a category shows its cards."""
        if event.option_list.id == "categories":
            self.refresh_members()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter/click on a card chooses it; on a category, moves the chosen cards there."""
        event.stop()
        if event.option_list.id == "categories":
            if self.marked and event.option.id:
                self.move(list(self.marked), event.option.id)
            return
        if event.option.id:
            self.toggle_mark(event.option.id)

    # -- what to move ------------------------------------------------------------------
    def chosen_cards(self) -> list[str]:
        """The chosen cards, or else the highlighted card of the focused card list."""
        if self.marked:
            return list(self.marked)
        focused = self.focused
        if isinstance(focused, SyncedList) and focused.id in ("unsorted", "members"):
            cid = focused.highlighted_id()
            return [cid] if cid else []
        return []

    def toggle_mark(self, card_id: str) -> None:
        """Choose a card (again: unchoose it)."""
        if card_id in self.marked:
            self.marked.remove(card_id)
        else:
            self.marked.append(card_id)
        self.refresh_lists()

    def move(self, card_ids: list[str], category_id: str | None) -> bool:
        """Move cards into a category (None: back to unsorted), saved as one edit."""
        if not card_ids:
            self.notify(t("grouping.nothing_chosen"), severity="warning", timeout=3,
                        markup=False)
            return False
        if not self.edit_ok(lambda s: ops.move_cards(s, card_ids, category_id)):
            return False
        self.marked = []
        if category_id is not None:
            self._highlight_category(category_id)
        self.refresh_lists()
        return True

    def _highlight_category(self, category_id: str) -> None:
        cats = self.query_one("#categories", SyncedList)
        self.refresh_lists()
        if category_id in {rid for rid, _ in cats.rows}:
            cats.highlighted = cats.get_option_index(category_id)

    # -- actions ---------------------------------------------------------------------
    def action_mark(self) -> None:
        """Choose the highlighted card of the focused card list."""
        focused = self.focused
        if isinstance(focused, SyncedList) and focused.id in ("unsorted", "members"):
            cid = focused.highlighted_id()
            if cid:
                self.toggle_mark(cid)

    def action_unmark(self) -> None:
        """Forget the chosen cards."""
        if self.marked:
            self.marked = []
            self.refresh_lists()

    def action_to_category(self, number: int) -> None:
        """Move the chosen cards into category ``number`` (1-9)."""
        cats = self.session.active_categories()
        if number > len(cats):
            self.notify(t("grouping.no_such_category", n=number), severity="warning",
                        timeout=3, markup=False)
            return
        self.move(self.chosen_cards(), cats[number - 1].id)

    def action_unsort(self) -> None:
        """Put the chosen cards back with the unsorted ones."""
        self.move(self.chosen_cards(), None)

    def action_pick(self) -> None:
        """Choose any category from a list and move the chosen cards there."""
        ids = self.chosen_cards()
        if not ids:
            self.notify(t("grouping.nothing_chosen"), severity="warning", timeout=3,
                        markup=False)
            return
        options = [(c.id, self._category_prompt(c.id)) for c in self.session.active_categories()]
        if not options:
            self.action_new_category()
            return

        def done(category_id: str | None) -> None:
            if category_id is not None:
                self.move(ids, category_id)

        self.app.push_screen(CategoryPicker(t("grouping.picker.question", n=len(ids)),
                                            options), done)

    def action_new_category(self) -> None:
        """Make a new category (title now or in step 5) and move the chosen cards into it."""
        ids = self.chosen_cards()

        def done(text: str | None) -> None:
            if text is None:
                return
            cat = self.try_edit(lambda s: ops.new_category_with(s, text.strip(), ids))
            if cat is not None:
                self.marked = []
                self._highlight_category(cat.id)
                self.refresh_lists()

        self.app.push_screen(TextPrompt(
            t("grouping.new.question", n=len(ids)), "",
            validate=lambda text: title_error(self.session, None, text, required=False)),
            done)

    def action_rename(self) -> None:
        """Give the highlighted category a (new) title."""
        cat = self.highlighted_category()
        if cat is None:
            self.notify(t("grouping.no_category"), severity="warning", timeout=3,
                        markup=False)
            return
        cid = cat.id

        def done(text: str | None) -> None:
            if text is not None and self.edit_ok(lambda s: ops.set_title(s, cid, text.strip())):
                self.refresh_lists()

        self.app.push_screen(TextPrompt(
            t("grouping.rename.question"), cat.title,
            validate=lambda text: title_error(self.session, cid, text, required=True)), done)

    # -- suggestions -----------------------------------------------------------------
    def action_suggest(self) -> None:
        """Ask for grouping suggestions (computed in a worker; the screen stays live)."""
        if self.suggesting:
            return
        store = getattr(self.app, "store", None)  # the facilitator's glossary files live there
        glossary, problems = user_glossary(store.data_dir if store is not None else None)
        for problem in problems:
            self.notify(error_text(problem), severity="warning", timeout=6, markup=False)
        request = suggest_request(self.session, get_language(), glossary)
        if not request.texts:
            self.notify(t("grouping.suggest.nothing"), timeout=3, markup=False)
            return
        self.suggesting = True
        self.notify(t("grouping.suggest.working"), timeout=2, markup=False)
        self.run_worker(lambda: compute_proposals(request), name="suggest", thread=True,
                        exclusive=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Offer the suggestions when the worker is done."""
        if event.worker.name != "suggest" or event.state not in (
                WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        self.suggesting = False
        proposals = event.worker.result if event.state is WorkerState.SUCCESS else None
        if event.state is WorkerState.ERROR:
            self.notify(t("grouping.suggest.failed"), severity="error", markup=False)
            return
        if not proposals:
            self.notify(t("grouping.suggest.none"), timeout=4, markup=False)
            return
        self.app.push_screen(
            SuggestionDialog(proposals, lambda: self.session, self.apply_proposal,
                             lambda text: title_error(self.session, None, text,
                                                      required=False)),
            self._suggestions_done)

    def apply_proposal(self, proposal: Proposal, title: str, card_ids: list[str]) -> bool:
        """Make one accepted proposal: a new category with ``title`` holding the cards, or
        the cards moved into the existing category; one edit (one undo step)."""
        target = proposal.category_id

        if target is None:
            made = self.try_edit(lambda s: ops.new_category_with(s, title, card_ids))
            if made is None:
                return False
            target = made.id
        elif not self.edit_ok(lambda s: ops.move_cards(s, card_ids, target)):
            return False
        self.marked = [cid for cid in self.marked if cid not in set(card_ids)]
        self._highlight_category(target)
        return True

    def _suggestions_done(self, result: tuple[int, int] | None) -> None:
        accepted, skipped = result or (0, 0)
        self.notify(t("grouping.suggest.done", accepted=accepted, skipped=skipped),
                    timeout=3, markup=False)
        self.query_one("#unsorted", SyncedList).focus()


SCREEN = GroupingScreen
