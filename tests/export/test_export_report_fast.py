"""The report's fast paths give exactly what the plain code paths give."""

from __future__ import annotations

import gc
import io
from datetime import date
from pathlib import Path

import openpyxl
import orjson
import pytest
from export_fixtures import HOSTILE, make_session

from mpa_tui.domain import ops
from mpa_tui.domain.enums import RankingMethod
from mpa_tui.domain.order import final_order
from mpa_tui.domain.rules import rank_categories
from mpa_tui.domain.session import Session
from mpa_tui.export.csv import table_csv
from mpa_tui.export.model import Table
from mpa_tui.export.report import sessions_from_store
from mpa_tui.export.report_fast import (
    csv_bytes,
    gc_paused,
    load_fast,
    session_frame,
    write_sheet,
)
from mpa_tui.export.tables_flat import flatten
from mpa_tui.export.xlsx import new_workbook, write_table
from mpa_tui.store import Store

ODD_ROWS: list[list[object]] = [
    ["plain", 1, 2.5, True, None, date(2024, 1, 2)],
    ["=1+1", "+x", "-3", "@a", "\tTab", "\rCR"],
    [HOSTILE, "a;b", 'quote "x"', "line\nbreak", "bell\x07 and \x0b vt", "x" * 40000],
    [0, -1, False, "", " lead", "ünïcödé"],
]


def test_csv_bytes_equals_table_csv() -> None:
    table = Table("t", ["=head", "b", "c", "d", "e", "f"], ODD_ROWS)
    assert csv_bytes(table) == table_csv(table)
    empty = Table("t", ["a"], [])
    assert csv_bytes(empty) == table_csv(empty)


def _cells(write) -> list[list[tuple[object, bool]]]:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    wb, fmts = new_workbook(buf)
    write(wb, "t", Table("t", ["a", "b", "c", "d", "e", "f"], ODD_ROWS), fmts)
    wb.close()
    ws = openpyxl.load_workbook(io.BytesIO(buf.getvalue())).active
    widths = [ws.column_dimensions[c].width for c in "ABCDEF"]
    return [[(c.value, c.quotePrefix) for c in row] for row in ws.iter_rows()] + [widths]


def test_write_sheet_equals_write_table() -> None:
    fast, plain = _cells(write_sheet), _cells(write_table)
    assert fast == plain
    assert fast[2][0] == ("=1+1", True)  # formula-like text stays quoted text
    assert fast[1][3] == ("True", False)


def test_gc_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not switch it back on
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def _varied() -> list[Session]:
    plain = make_session()
    confirmed = make_session()
    ids = [r.category_id for r in rank_categories(confirmed)]
    confirmed.priority_order = list(reversed(ids[:2]))
    late = ops.new_category(confirmed, "Ditambah belakangan")
    ops.move_cards(confirmed, [confirmed.active_cards()[0].id], late.id)
    pairwise = make_session()
    pairwise.settings.ranking_method = RankingMethod.PAIRWISE
    return [plain, confirmed, pairwise, make_session(hostile=True)]


@pytest.mark.parametrize("index", range(4))
def test_final_order_once_matches_the_rules(index: int) -> None:
    s = _varied()[index]
    assert final_order(s, rank_categories(s)) == final_order(s)
    rows = flatten(s)["ranking"]  # the tables hold the final order as "priority"
    by_priority = sorted((r[8], r[3]) for r in rows if r[8] is not None)
    assert [cid for _, cid in by_priority] == final_order(s)


def test_confirmed_order_is_laid_over_the_ranking() -> None:
    s = _varied()[1]
    order = final_order(s, rank_categories(s))
    assert order[:2] == s.priority_order
    assert sorted(order) == sorted(c.id for c in s.active_categories())


def test_store_fast_path_equals_repo_load(tmp_path: Path) -> None:
    sessions = _varied()
    with Store.open(tmp_path) as store:
        for s in sessions:
            store.repo.create(s)
        # Another layout (indented, keys reordered) is read by the store's own path.
        other = sessions[1].id
        path = store.repo.path_of(other)
        doc = orjson.loads(path.read_bytes())
        path.write_bytes(orjson.dumps({"session": doc["session"], "meta": doc["meta"]},
                                      option=orjson.OPT_INDENT_2))
    with Store.open(tmp_path, lock=False) as store:
        fast, bad = sessions_from_store(store)
        expected = [store.repo.load(r.id) for r in store.repo.list()]
    assert bad == []
    assert fast == expected
    assert {s.id for s in fast} == {s.id for s in sessions}


def test_store_invalid_or_foreign_files_take_the_normal_path(tmp_path: Path) -> None:
    sessions = _varied()[:3]
    with Store.open(tmp_path) as store:
        for s in sessions:
            store.repo.create(s)
        paths = [store.repo.path_of(s.id) for s in sessions]
    # A valid document whose session carries another id, and one whose text breaks the
    # rules after the store listed it: neither may pass the fast path.
    raw = paths[0].read_bytes()
    paths[0].write_bytes(raw.replace(sessions[0].id.encode(), b"x" * 8, 1))
    raw = paths[1].read_bytes()
    paths[1].write_bytes(raw.replace(b'"group_name":"Mentari"', b'"group_name":"  "', 1))
    with Store.open(tmp_path, lock=False) as store:
        frame = session_frame()
        assert load_fast(store.repo, sessions[0].id, frame) is None  # wrong id inside
        assert load_fast(store.repo, sessions[1].id, frame) is None  # invalid text
        assert load_fast(store.repo, "no-such-id", frame) is None
        assert load_fast(store.repo, "../etc", frame) is None
        assert load_fast(store.repo, sessions[2].id, frame) == sessions[2]
        listed = {r.id for r in store.repo.list()}
        loaded, bad = sessions_from_store(store)
    got = {s.id for s in loaded}
    assert sessions[2].id in got
    assert got | set(bad) == listed
    assert not got & set(bad)
    for s in loaded:
        assert s.group_name.strip()
