"""Peringkat berpasangan: the pairwise walk over the top categories (or a tie).

The facilitator is asked, pair after pair, "which is more urgent?" and answers A, B or
"equally urgent" (or skips, or goes back). Each answer is a :class:`PairwiseChoice`, saved
durably before the next pair shows. The results table and the ranking (wins count 1, a
draw ½; equal points: the winner of their own pair first, else a shared rank) update
after every answer. When every pair is answered:

* full walk: Enter makes pairwise the session's ranking method (``settings.ranking_method``),
  so the final order (step 8) follows it; ``h`` goes back to ranking by count.
* ``tie_only``: the categories tied in the count ranking; when the answers order them
  all, Enter records the order as a tie-break whose reason names the method.

A modal screen, pushed from the ranking step (keys p and s of the ranking screen); it listens to
the controller so undo/redo (ctrl+z/ctrl+y here too) redraw it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from mpa_tui.domain import RankingMethod, Session, ops
from mpa_tui.domain.pairwise import (
    answers,
    matrix,
    pairs,
    pairwise_ranking,
    pairwise_tie_order,
    top_category_ids,
    unanswered,
)
from mpa_tui.domain.pairwise_edits import open_tie_ids, record_choice, set_ranking_method
from mpa_tui.i18n import UNTITLED, t
from mpa_tui.store.errors import SessionReadOnlyError, StoreError
from mpa_tui.store.messages import error_message
from mpa_tui.tui.commands import Command, PaletteEntry, bindings_map, palette_entries
from mpa_tui.tui.controller import SessionController
from mpa_tui.tui.edits import FollowsSession, run_edit
from mpa_tui.tui.widgets import KeyBar
from mpa_tui.tui.widgets.pairwise_edits import tie_reason
from mpa_tui.tui.widgets.pairwise_matrix import PairwiseMatrix, matrix_content

T = TypeVar("T")

__all__ = ["PairwiseScreen"]

_ACTIONS: tuple[Command, ...] = (
    Command("pairwise.a", "a,1", "answer('a')", "pairwise.cmd.a", "pairwise.cmd.a.tip",
            key_display="a"),
    Command("pairwise.b", "b,2", "answer('b')", "pairwise.cmd.b", "pairwise.cmd.b.tip",
            key_display="b"),
    Command("pairwise.same", "s,equals_sign", "answer('same')", "pairwise.cmd.same",
            "pairwise.cmd.same.tip", key_display="s"),
    Command("pairwise.back", "left,backspace", "back", "pairwise.cmd.back",
            "pairwise.cmd.back.tip", key_display="←"),
    Command("pairwise.skip", "right,l", "skip", "pairwise.cmd.skip", "pairwise.cmd.skip.tip",
            show=False),
    Command("pairwise.use", "enter", "use", "pairwise.cmd.use", "pairwise.cmd.use.tip",
            show=False),
    Command("pairwise.count", "h", "use_count", "pairwise.cmd.count",
            "pairwise.cmd.count.tip", show=False),
    Command("pairwise.undo", "ctrl+z", "undo", "tui.cmd.undo", "tui.cmd.undo.tip", show=False),
    Command("pairwise.redo", "ctrl+y", "redo", "tui.cmd.redo", "tui.cmd.redo.tip", show=False),
    Command("pairwise.close", "escape", "close", "pairwise.cmd.close",
            "pairwise.cmd.close.tip", key_display="Esc"),
)


class PairwiseScreen(FollowsSession, ModalScreen[None]):
    """Ask every pair of ``category_ids`` (default: the count ranking's top categories).

    Args:
        controller: The open session's controller (edits are saved through it).
        category_ids: The categories to compare; None: the top ``PAIRWISE_TOP`` of the count
            ranking (with ``tie_only``: the first tie of the count ranking).
        tie_only: Compare only tied categories and record the result as a tie-break.
    """

    CSS_PATH = "pairwise.tcss"
    ACTIONS: ClassVar[tuple[Command, ...]] = _ACTIONS

    def __init__(self, controller: SessionController, category_ids: list[str] | None = None,
                 tie_only: bool = False) -> None:
        super().__init__(id="pairwise-screen")
        self._bindings = bindings_map(_ACTIONS, self._bindings)
        self.controller = controller
        self.tie_only = tie_only
        session = controller.session
        if category_ids is None:
            category_ids = (open_tie_ids(session) if tie_only
                            else top_category_ids(session))
        self.category_ids = list(dict.fromkeys(category_ids))
        self.position = 0
        """Index into :meth:`pair_list`; ``len(pair_list())`` is the "all done" place."""
        todo = unanswered(self.ids(), session.pairwise)
        all_pairs = self.pair_list()
        self.position = all_pairs.index(todo[0]) if todo else len(all_pairs)

    @property
    def session(self) -> Session:
        """The current session (read fresh: undo/redo replace the object)."""
        return self.controller.session

    def palette_entries(self) -> list[PaletteEntry]:
        """This screen's commands for the command palette."""
        return palette_entries(self, _ACTIONS)

    # -- what is compared ----------------------------------------------------------------
    def ids(self) -> list[str]:
        """The compared categories still active (one may be deleted meanwhile)."""
        alive = {c.id for c in self.session.active_categories()}
        return [cid for cid in self.category_ids if cid in alive]

    def pair_list(self) -> list[tuple[str, str]]:
        """Every pair, in asking order."""
        return pairs(self.ids())

    def current_pair(self) -> tuple[str, str] | None:
        """The pair being asked, or None at the "all done" place."""
        all_pairs = self.pair_list()
        return all_pairs[self.position] if self.position < len(all_pairs) else None

    def title_of(self, category_id: str) -> str:
        """A category's title, or a placeholder."""
        cat = self.session.category(category_id)
        return (cat.title if cat else "") or t(UNTITLED)

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Heading, progress, the question with A and B, the table, the result, keys."""
        with Vertical(id="pw-box"):
            yield Static("", id="pw-title", markup=False)
            yield Static("", id="pw-progress", markup=False)
            yield Static("", id="pw-question", markup=False)
            yield Static("", id="pw-a", markup=False, classes="pw-option")
            yield Static("", id="pw-b", markup=False, classes="pw-option")
            yield Static("", id="pw-saved", markup=False)
            yield PairwiseMatrix(id="pw-matrix")
            yield Static(t("pairwise.rule"), id="pw-rule", markup=False)
            yield Static("", id="pw-result", markup=False)
            yield Static(t("pairwise.hint"), id="pw-hint", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        """Draw, and follow every change of the session (also undo/redo)."""
        self.follow_session()
        self.redraw()

    # -- drawing ---------------------------------------------------------------------
    def redraw(self) -> None:
        """Draw everything from the session (a few lines: cheap)."""
        ids = self.ids()
        all_pairs = self.pair_list()
        self.position = min(self.position, len(all_pairs))
        choices = self.session.pairwise
        todo = unanswered(ids, choices)
        key = "pairwise.title.tie" if self.tie_only else "pairwise.title"
        self.query_one("#pw-title", Static).update(t(key, n=len(ids)))
        self.query_one("#pw-progress", Static).update(
            t("pairwise.progress", i=min(self.position + 1, len(all_pairs)), n=len(all_pairs),
              done=len(all_pairs) - len(todo)) if all_pairs else "")
        self._draw_question(self.current_pair(), len(ids), bool(todo))
        rows = pairwise_ranking(ids, choices)
        index = {cid: i for i, cid in enumerate(ids)}
        pair = self.current_pair()
        self.query_one(PairwiseMatrix).show(matrix_content(
            [self.title_of(cid) for cid in ids], matrix(ids, choices),
            {index[r.category_id]: r for r in rows},
            heads=(t("pairwise.col.category"), t("pairwise.col.points"),
                   t("pairwise.col.rank")),
            current=(index[pair[0]], index[pair[1]]) if pair else None))
        self.query_one("#pw-result", Static).update(self._result_text(ids, todo))
        self.refresh_bindings()

    def _draw_question(self, pair: tuple[str, str] | None, count: int, open_pairs: bool) -> None:
        question = self.query_one("#pw-question", Static)
        a_line, b_line = self.query_one("#pw-a", Static), self.query_one("#pw-b", Static)
        saved = self.query_one("#pw-saved", Static)
        if pair is None:
            if count < 2:
                question.update(t("pairwise.none.tie" if self.tie_only else "pairwise.none"))
            else:
                question.update(t("pairwise.open_left") if open_pairs else t("pairwise.all_done"))
            for line in (a_line, b_line, saved):
                line.display = False
            return
        a_line.display = b_line.display = True
        a, b = pair
        question.update(t("pairwise.question"))
        a_line.update(Content.assemble(Content("A  ").stylize("bold"),
                                       Content(" ".join(self.title_of(a).split()))))
        b_line.update(Content.assemble(Content("B  ").stylize("bold"),
                                       Content(" ".join(self.title_of(b).split()))))
        winner = self._saved_answer(a, b)
        saved.display = winner is not False
        if winner is False:
            saved.update("")
        elif winner is None:
            saved.update(t("pairwise.saved.same"))
        else:
            saved.update(t("pairwise.saved.winner", side="A" if winner == a else "B"))

    def _saved_answer(self, a: str, b: str) -> str | None | bool:
        """The recorded winner of the pair, None for a draw, False when unanswered."""
        result = answers([a, b], self.session.pairwise)
        return result[min(a, b), max(a, b)] if result else False

    def _result_text(self, ids: list[str], todo: list[tuple[str, str]]) -> str:
        if len(ids) < 2:
            return ""
        if todo:
            return t("pairwise.result.open", n=len(todo))
        if self.tie_only:
            order = pairwise_tie_order(self.session, ids)
            if order is None:
                return t("pairwise.result.tie_undecided")
            return t("pairwise.result.tie_decided",
                     order=" > ".join(" ".join(self.title_of(c).split()) for c in order))
        method = self.session.settings.ranking_method
        key = ("pairwise.result.in_use" if method is RankingMethod.PAIRWISE
               else "pairwise.result.done")
        return t(key)

    # -- editing ---------------------------------------------------------------------
    def _edit(self, fn: Callable[[Session], T]) -> tuple[bool, T | None]:
        """``controller.edit(fn)``; a refused edit is shown as a notification."""
        return run_edit(self, self.controller, fn)

    # -- actions ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey what cannot be done now."""
        if action == "answer":
            return True if self.current_pair() is not None else None
        if action == "use":
            return True if self._can_use() else None
        if action == "use_count":
            if self.tie_only:
                return False
            return True if self.session.settings.ranking_method is RankingMethod.PAIRWISE \
                else None
        if action == "undo":
            return True if self.controller.can_undo else None
        if action == "redo":
            return True if self.controller.can_redo else None
        return True

    def _can_use(self) -> bool:
        ids = self.ids()
        if len(ids) < 2 or unanswered(ids, self.session.pairwise):
            return False
        if self.tie_only:
            return pairwise_tie_order(self.session, ids) is not None
        return True

    def action_answer(self, side: str) -> None:
        """Record A, B or "equally urgent" for the current pair, then ask the next one."""
        pair = self.current_pair()
        if pair is None:
            return
        a, b = pair
        winner = a if side == "a" else b if side == "b" else None
        ok, _ = self._edit(lambda s: record_choice(s, a, b, winner))
        if not ok:
            return
        all_pairs = self.pair_list()
        todo = set(unanswered(self.ids(), self.session.pairwise))
        after = [i for i in [*range(self.position + 1, len(all_pairs)),
                             *range(self.position)] if all_pairs[i] in todo]
        self.position = after[0] if after else len(all_pairs)
        self.redraw()

    def action_skip(self) -> None:
        """Go to the next pair without answering."""
        self.position = min(self.position + 1, len(self.pair_list()))
        self.redraw()

    def action_back(self) -> None:
        """Go back to the previous pair (its answer can be changed)."""
        self.position = max(self.position - 1, 0)
        self.redraw()

    def action_use(self) -> None:
        """Full walk: rank this session pairwise. Tie only: record the tie-break."""
        if not self._can_use():
            return
        ids = self.ids()
        if self.tie_only:
            order = pairwise_tie_order(self.session, ids)
            if order is None:
                return
            ok, _ = self._edit(lambda s: ops.break_tie(s, order, tie_reason(s, order)))
            if ok:
                self.notify(t("pairwise.tie_recorded"), timeout=3, markup=False)
                self.dismiss(None)
            return
        ok, _ = self._edit(lambda s: set_ranking_method(s, RankingMethod.PAIRWISE))
        if ok:
            self.notify(t("pairwise.method_recorded"), timeout=3, markup=False)
            self.dismiss(None)

    def action_use_count(self) -> None:
        """Go back to ranking by count (the answers stay recorded)."""
        ok, _ = self._edit(lambda s: set_ranking_method(s, RankingMethod.COUNT))
        if ok:
            self.notify(t("pairwise.count_recorded"), timeout=3, markup=False)
            self.redraw()

    def action_undo(self) -> None:
        """Undo the last edit of the session."""
        self._history(self.controller.undo)

    def action_redo(self) -> None:
        """Redo the last undone edit."""
        self._history(self.controller.redo)

    def _history(self, fn: Callable[[], bool]) -> None:
        try:
            with contextlib.suppress(SessionReadOnlyError):
                fn()
        except StoreError as exc:  # the store refused to write; the session is as before
            self.notify(error_message(exc), severity="error",
                        markup=False)

    def action_close(self) -> None:
        """Close the walk (every answer is already saved)."""
        self.dismiss(None)
