"""The HTML summary printed from a browser: charts with their tables, nothing off the page."""

from __future__ import annotations

import re

from mpa_tui.data import load_example
from mpa_tui.domain import ops
from mpa_tui.export.html import render_html


def test_each_chart_sits_with_its_table_under_a_title() -> None:
    page = render_html(load_example())
    groups = re.findall(r'<div class="with-chart"><table>.*?</table><figure>'
                        r"<figcaption>(.*?)</figcaption><svg", page, flags=re.S)
    assert groups == ["Jumlah per kategori", "Perubahan kapasitas (1-5)"]
    css = page.split("<style>")[1].split("</style>")[0]
    assert re.search(r"\.with-chart, figure \{ break-inside: avoid", css)
    assert "2,3" in page and "8–9 Juni 2023" in page
    assert "…" not in page.split("<svg", 1)[1]  # no example label is cut


def test_long_strings_wrap_and_words_stay_whole() -> None:
    s = load_example()
    long = "X" * 300
    cat = ops.new_category(s, "Judul" + long[:150])
    ops.move_cards(s, [ops.add_card(s, long).id], cat.id)
    page = render_html(s)
    css = page.split("<style>")[1].split("</style>")[0]
    assert re.search(r"li, p, h1, h2, h3, figcaption, \.long \{ overflow-wrap: anywhere; \}", css)
    assert re.search(r"td, th \{ overflow-wrap: break-word", css)  # ordinary words stay whole
    assert f'<td class="pre long">Judul{long[:150]}</td>' in page
    assert '<td class="pre">Modal usaha dan pinjaman</td>' in page
    # a label never cut mid-phrase: "Beban waktu dan urusan rumah tangga" wraps onto two lines
    assert ">Beban waktu dan urusan rumah</tspan>" in page and ">tangga</tspan>" in page


def test_every_table_has_a_heading_and_wide_tables_print_across() -> None:
    page = render_html(load_example())
    assert "<h3>Sistem sumber yang dapat membantu</h3><table>" in page.replace("\n", "")
    assert '<section id="action_plan" class="wide">' in page
    assert re.search(r"@page wide \{ size: 297mm 210mm;", page)
