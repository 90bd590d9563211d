"""The per-category chart: every category in a workshop's usual size, the leading 30 at most."""

from __future__ import annotations

from mpa_tui.domain import ops
from mpa_tui.domain.session import Session
from mpa_tui.export.model import Chart, Table
from mpa_tui.export.summary import CHART_MOST, build_view


def _session(n: int) -> Session:
    s = Session(group_name="Kelompok Grafik")
    for i in range(n):
        cat = ops.new_category(s, f"Masalah {i:03d}")
        cards = [ops.add_card(s, f"kartu {i} {k}") for k in range(i % 7 + 1)]
        ops.move_cards(s, [c.id for c in cards], cat.id)
    return s


def _counts(s: Session) -> tuple[Table, Chart]:
    section = next(x for x in build_view(s).sections if x.key == "counts")
    table = next(b for b in section.blocks if isinstance(b, Table))
    chart = next(b for b in section.blocks if isinstance(b, Chart))
    return table, chart


def test_a_usual_workshop_charts_every_category_in_the_table_s_order() -> None:
    table, chart = _counts(_session(12))
    assert chart.labels == [row[0] for row in table.rows]
    assert chart.title == "Jumlah per kategori"


def test_hundreds_of_categories_chart_the_leading_ones_and_say_so() -> None:
    table, chart = _counts(_session(300))
    assert len(table.rows) == 300
    assert chart.labels == [row[0] for row in table.rows][:CHART_MOST]
    assert chart.series[0][1] == [float(row[3]) for row in table.rows][:CHART_MOST]
    assert chart.title == f"Jumlah per kategori ({CHART_MOST} teratas dari 300)"
