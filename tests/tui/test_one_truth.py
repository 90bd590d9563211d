"""One session, one answer: the capacity averages and the "top priority without an action"
flags are the same on the Kapasitas and Rencana aksi screens, the summary screen, every
export format and the report across sessions (issue 12's four rules)."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import openpyxl
from docx import Document
from tui_helpers import SIZE, app_for, make_session

from mpa_tui.domain import (
    ActionItem,
    ActionStatus,
    AssessmentPhase,
    CapacityRating,
    Competency,
    Session,
    ops,
)
from mpa_tui.domain.capacity import capacity_summary, set_capacity
from mpa_tui.domain.order import final_order, unplanned_top
from mpa_tui.export.docx import render_docx
from mpa_tui.export.html import render_html
from mpa_tui.export.markdown import render_markdown
from mpa_tui.export.report import build_report
from mpa_tui.export.xlsx import render_xlsx
from mpa_tui.i18n import t
from mpa_tui.store import Store
from mpa_tui.tui.screens.actions import ActionsScreen
from mpa_tui.tui.screens.capacity import CapacityScreen
from mpa_tui.tui.screens.summary import SummaryScreen

NEEDS = Competency.NEEDS_PROBLEMS
BEFORE, AFTER = AssessmentPhase.BEFORE, AssessmentPhase.AFTER
PEOPLE_ROW = ["3.5", "2", "4.5", "2", "1"]
"""Participants' mean of NEEDS: (3 + 4) / 2 before, (4 + 5) / 2 after, 2 raters each."""
GROUP_ROW = ["2", "4", "2"]


def _session(store: Store) -> Session:
    s = make_session(store)
    ani, bea, cut = (ops.add_participant(s, n) for n in ("Bu Ani", "Bu Bea", "Bu Cut"))
    set_capacity(s, NEEDS, BEFORE, None, 2)           # the group's own rating
    set_capacity(s, NEEDS, AFTER, None, 4)
    set_capacity(s, NEEDS, BEFORE, ani.id, 1)
    set_capacity(s, NEEDS, BEFORE, ani.id, 3)         # re-rated: replaces the 1
    set_capacity(s, NEEDS, AFTER, ani.id, 4)
    set_capacity(s, NEEDS, BEFORE, bea.id, 4)
    set_capacity(s, NEEDS, AFTER, bea.id, 5)
    set_capacity(s, NEEDS, BEFORE, cut.id, 1)
    set_capacity(s, NEEDS, AFTER, cut.id, 1)
    ops.soft_delete(s, "participants", cut.id)         # removed: her ratings do not count
    # An older duplicate, as merging two laptops' files can leave: the newest stands.
    old = CapacityRating(competency=NEEDS, phase=BEFORE, score=5, participant_id=bea.id)
    old.updated_at = s.created_at
    s.capacity.append(old)
    cats = [ops.new_category(s, title) for title in ("Modal", "Pemasaran", "Pembukuan", "Alat")]
    s.priority_order = [c.id for c in cats]
    s.action_items.append(ActionItem(category_id=cats[0].id, action="Batal",
                                     status=ActionStatus.DROPPED))
    s.action_items.append(ActionItem(category_id=cats[1].id, action="Pelatihan"))
    store.repo.save(s)
    return s


def test_set_capacity_never_adds_a_second_rating(store: Store) -> None:
    s = _session(store)
    bea = s.circle()[1]
    live = [r for r in s.capacity if r.deleted_at is None and r.participant_id == bea.id
            and r.phase is BEFORE]
    assert len(live) == 2  # the merge duplicate is still there
    set_capacity(s, NEEDS, BEFORE, bea.id, 4)
    live = [r for r in s.capacity if r.deleted_at is None and r.participant_id == bea.id
            and r.phase is BEFORE]
    assert [r.score for r in live] == [4]  # one live rating per cell after an edit


def _cells(text: str) -> list[str]:
    return [c.strip() for c in text.strip().strip("|").split("|")]


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _trim(row: list[object]) -> list[object]:
    while row and row[-1] is None:
        row.pop()
    return row


def _num(value: object) -> object:
    return float(value) if isinstance(value, int | float) else value


def test_capacity_and_flags_agree_in_every_export(store: Store) -> None:
    s = _session(store)
    data = capacity_summary(s)
    row = data.people[0]
    assert (row.before, row.before_raters, row.after, row.after_raters) == (3.5, 2, 4.5, 2)
    assert (data.group[0].before, data.group[0].after) == (2.0, 4.0)
    label = t("export.competency.kebutuhan_masalah", "en")
    md = render_markdown(s, lang="en")
    md_rows = [_cells(line) for line in md.splitlines() if line.startswith("| ")]
    assert [label, *PEOPLE_ROW] in md_rows and [label, *GROUP_ROW] in md_rows
    parser = _Rows()
    parser.feed(render_html(s, lang="en"))
    assert [label, *PEOPLE_ROW] in parser.rows and [label, *GROUP_ROW] in parser.rows
    doc = Document(io.BytesIO(render_docx(s, lang="en")))
    doc_rows = [[c.text.strip() for c in r.cells] for tb in doc.tables for r in tb.rows]
    assert [label, *PEOPLE_ROW] in doc_rows and [label, *GROUP_ROW] in doc_rows
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(s, lang="en")))
    # A sheet is as wide as its widest table: a narrower table's rows end in empty cells.
    xl = [_trim([_num(c) for c in r]) for ws in wb.worksheets
          for r in ws.iter_rows(values_only=True)]
    assert [label, *map(float, PEOPLE_ROW)] in xl and [label, *map(float, GROUP_ROW)] in xl
    report = build_report([s], lang="en").flat["capacity"].rows
    assert [s.id, "participants", NEEDS.value, BEFORE.value, 3.5, 2] in report
    assert [s.id, "participants", NEEDS.value, AFTER.value, 4.5, 2] in report
    assert [s.id, "group", NEEDS.value, BEFORE.value, 2.0, 1] in report
    # Top 3 without an action that is not dropped: 1 (only a dropped one) and 3 (none).
    titles = {c.id: c.title for c in s.categories}
    assert [(p, titles[c]) for p, c in unplanned_top(s)] == [(1, "Modal"), (3, "Pembukuan")]
    flags = [t("export.flag.top_without_action", "en", title="Modal"),
             t("export.flag.priority_without_action", "en", place=3, title="Pembukuan")]
    for text in (md, "\n".join(" ".join(r) for r in parser.rows) + render_html(s, lang="en"),
                 "\n".join(p.text for p in doc.paragraphs)):
        found = [f for f in flags if f in text.replace("&quot;", '"').replace("\\", "")]
        assert found == flags
        assert "Pemasaran&quot; has" not in text and 'Pemasaran" has' not in text


async def test_screens_show_the_same_numbers_and_flags(store: Store) -> None:
    s = _session(store)
    assert final_order(s)[:1] == [s.priority_order[0]]
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(s.id)
        screen = CapacityScreen(app.controller)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.press("p")  # the group -> the participants' average
        await pilot.pause()
        lines = str(screen.query_one("#cap-grid").render()).splitlines()
        needs = next(x for x in lines if x.startswith(t("cycle.competency.kebutuhan_masalah")[:20]))
        assert "3.5" in needs and "4.5" in needs and "+1" in needs
        assert t("cycle.cap.raters_cell", before=2, after=2) in needs
        await pilot.press("P")  # back to the group's own rating
        await pilot.pause()
        lines = str(screen.query_one("#cap-grid").render()).splitlines()
        needs = next(x for x in lines if x.startswith(t("cycle.competency.kebutuhan_masalah")[:20]))
        assert " 2 " in needs and " 4 " in needs and "3.5" not in needs
        app.pop_screen()
        await pilot.pause()
        actions = ActionsScreen(app.controller)
        app.push_screen(actions)
        await pilot.pause()
        assert t("cycle.act.flag", places="1, 3") in str(actions.query_one("#act-flag").render())
        app.pop_screen()
        await pilot.pause()
        app.open_summary()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        text = summary.query_one("#sum-scroll").text
        before, after, raters = (t(f"export.col.{k}") for k in ("before", "after", "raters"))
        assert f"{before}: 3.5" in text and f"{after}: 4.5" in text and f"{raters}: 2" in text
        group = t("export.competency.kebutuhan_masalah") + " 2.0     4.0     2.0"
        assert group in text
        assert t("export.flag.top_without_action", title="Modal") in text
        assert t("export.flag.priority_without_action", place=3, title="Pembukuan") in text
        assert t("export.flag.priority_without_action", place=2, title="Pemasaran") not in text
