"""tabel.xlsx: cards, categories (with a native chart), ranking, action plan, competencies.

xlsxwriter is imported lazily. Text is always written as a string cell (never parsed as
a formula, number or link) and formula-like text also gets Excel's quote prefix, so it
stays text when someone edits the cell or saves the sheet as CSV.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from mpa_tui.export.model import ExportView, Flag, Table
from mpa_tui.export.safe import is_formula_like, strip_xml_invalid
from mpa_tui.i18n import t

if TYPE_CHECKING:  # the session model costs 0.1-0.2 s to import: the report needs none
    from mpa_tui.domain.session import Session

_SHEETS = (("cards", "cards"), ("categories", "categories"), ("ranking", "ranking"),
           ("action_plan", "action_plan"), ("capacity", "capacity"),
           ("capacity_people", "capacity_people"))


def write_cell(ws: Any, row: int, col: int, value: object, fmt_text: Any, fmt_quoted: Any) -> None:
    """Write one cell safely: numbers as numbers, everything else as literal text."""
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float):
        ws.write_number(row, col, value)
        return
    text = strip_xml_invalid(str(value))[:32767]
    ws.write_string(row, col, text, fmt_quoted if is_formula_like(text) else fmt_text)


def write_table(wb: Any, name: str, table: Table, fmts: dict[str, Any]) -> Any:
    """Add a sheet holding ``table`` with a bold header row and sensible widths."""
    ws = wb.add_worksheet(name)
    for col, head in enumerate(table.headers):
        ws.write_string(0, col, strip_xml_invalid(head), fmts["head"])
        longest = max([len(str(head))] + [len(str(r[col])) for r in table.rows if col < len(r)])
        ws.set_column(col, col, min(max(8, longest + 2), 60))
    for r, row in enumerate(table.rows, start=1):
        for col, value in enumerate(row):
            write_cell(ws, r, col, value, fmts["text"], fmts["quoted"])
    ws.freeze_panes(1, 0)
    return ws


def new_workbook(buf: io.BytesIO) -> tuple[Any, dict[str, Any]]:
    """An in-memory workbook that never turns strings into formulas, numbers or links."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(buf, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False,
    })
    fmts = {"head": wb.add_format({"bold": True, "bg_color": "#EEEEEE", "text_wrap": True}),
            "text": wb.add_format({"text_wrap": False}),
            "quoted": wb.add_format({"quote_prefix": True})}
    return wb, fmts


def sheet_name(text: str) -> str:
    """An Excel-valid sheet name (max 31 chars, none of []:*?/\\)."""
    clean = "".join(ch for ch in text if ch not in "[]:*?/\\")
    return clean.strip("'")[:31] or "Sheet"


def render_view_xlsx(view: ExportView, cards: Table) -> bytes:
    """Render the tables of a view (plus the cards table) as .xlsx bytes."""
    buf = io.BytesIO()
    wb, fmts = new_workbook(buf)
    notice = next((s for s in view.sections if s.key == "notice"), None)
    if notice is not None:  # example / personal data: the first sheet says so
        lines = [view.title, *(b.text for b in notice.blocks if isinstance(b, Flag))]
        write_table(wb, sheet_name(notice.title), Table("notice", [lines[0]],
                                                        [[x] for x in lines[1:]]), fmts)
    for key, sheet_key in _SHEETS:
        table = cards if key == "cards" else view.table(key)
        if table is None:
            continue
        ws = write_table(wb, sheet_name(t(f"export.sheet.{sheet_key}", view.lang)), table, fmts)
        if key == "categories" and table.rows:
            _add_chart(wb, ws, table, view)
    wb.close()
    return buf.getvalue()


def _add_chart(wb: Any, ws: Any, table: Table, view: ExportView) -> None:
    n = len(table.rows)
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({
        "name": [ws.name, 0, 3],
        "categories": [ws.name, 1, 0, n, 0],
        "values": [ws.name, 1, 3, n, 3],
    })
    chart.set_title({"name": strip_xml_invalid(t("export.chart.counts", view.lang))})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    ws.insert_chart(1, len(table.headers) + 1, chart)


def render_xlsx(session: Session, *, lang: str = "id", with_names: bool = False) -> bytes:
    """The session's tables as .xlsx bytes."""
    from mpa_tui.export.summary import build_view, cards_table

    view = build_view(session, lang=lang, with_names=with_names)
    return render_view_xlsx(view, cards_table(session, lang=lang, with_names=with_names))
