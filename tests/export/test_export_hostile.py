"""Any text a user can store is exported safely by every writer (hypothesis)."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
from export_fixtures import make_session
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mpa_tui.domain import ops
from mpa_tui.domain.session import Session
from mpa_tui.export.csv import render_cards_csv
from mpa_tui.export.docx import render_docx
from mpa_tui.export.html import render_html
from mpa_tui.export.markdown import render_markdown
from mpa_tui.export.xlsx import render_xlsx

FIXED = ["[red]", "[/]", "[b", "[@click=app.quit]", "<script>alert(1)</script>",
         "=HYPERLINK(\"http://x\")", "\u202eevil", "a\u200bb", "🙂" * 10, "x" * 1000,
         "\ufffe\uffff", "&amp; &lt;", "|a|b|", "# heading", "*bold*"]
texts = st.one_of(st.sampled_from(FIXED), st.text(min_size=1, max_size=80))


def with_card(text: str) -> Session:
    s = make_session()
    try:
        card = ops.add_card(s, text)
        cat = ops.new_category(s, text[:200])
    except (ValidationError, ValueError):
        assume(False)
        raise
    ops.move_cards(s, [card.id], cat.id)
    return s


@given(texts)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_text_formats_stay_safe(text: str) -> None:
    s = with_card(text)
    page = render_html(s)
    assert "<script" not in page.lower()
    body = page.split("<body>", 1)[1]
    # every tag in the body is one the writer itself makes
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", body))
    assert tags <= {"h1", "h2", "h3", "p", "section", "ul", "ol", "li", "table", "thead",
                    "tbody", "tr", "th", "td", "figure", "svg", "title", "rect", "text", "div",
                    "figcaption", "tspan"}, tags
    md = render_markdown(s)
    body_md = re.sub(r"(?m)^> ", "", md)  # the writer's own warning blocks
    assert not re.search(r"(?<!\\)[<>\[\]]", body_md)  # every < > [ ] is escaped
    rows = list(csv.reader(io.StringIO(render_cards_csv(s).decode("utf-8-sig")), delimiter=";"))
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)


@given(texts)
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_office_formats_open_and_hold_no_formula(text: str) -> None:
    s = with_card(text)
    import docx

    docx.Document(io.BytesIO(render_docx(s)))  # opens: the XML is valid
    data = render_xlsx(s)
    openpyxl.load_workbook(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode()
