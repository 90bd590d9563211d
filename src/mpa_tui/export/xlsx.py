"""…_tabel.xlsx: a "Sesi" sheet saying whose workbook it is, then one sheet per section.

Every sheet is set up to print as it is: paper from the session (A4 or F4), landscape
when wide, one page wide, the table's header row repeated on every page, group,
village and "Halaman X dari Y" in the header and footer, wrapped text, a frozen header,
numbers stored as numbers (Excel shows their separators in the reader's language).

xlsxwriter is imported lazily. Text is always written as a string cell (never parsed as
a formula, number or link) and formula-like text also gets Excel's quote prefix, so it
stays text when someone edits the cell or saves the sheet as CSV.
"""

from __future__ import annotations

import io
from datetime import UTC
from typing import TYPE_CHECKING, Any

from mpa_tui.export.model import Block, Bullets, Chart, ExportView, Flag, Para, SubHeading, Table
from mpa_tui.export.safe import is_formula_like, strip_xml_invalid
from mpa_tui.i18n import t

if TYPE_CHECKING:  # the session model costs 0.1-0.2 s to import: the report needs none
    from mpa_tui.domain.session import Session

SHEETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("participants", ("participants",)),
    ("notes", ()),
    ("cards", ()),
    ("categories", ("counts",)),
    ("ranking", ("ranking",)),
    ("order", ("priority",)),
    ("resources", ("resources",)),
    ("network", ("network",)),
    ("action_plan", ("action_plan",)),
    ("stages", ("stages",)),
    ("evaluation", ("evaluation", "termination")),
    ("capacity", ("capacity",)),
)
"""The sheets after "Sesi": ``(sheet key, view sections on it)``; cards: the cards table;
notes: the process notes, one row each (``ExportView.notes``)."""

PAPER = {"A4": 9, "F4": 14}
"""Excel paper codes: 9 is A4, 14 is Folio (8.5 x 13 in, the F4 sold in Indonesia)."""
PORTRAIT_CHARS = 100
"""Column width (Excel characters) that still prints legibly one page wide in portrait."""
LANDSCAPE_CHARS = 150
"""The same across a landscape page: wider tables wrap their long columns to fit it."""
MAX_COL = 60
NUMBER_INT = "#,##0"
NUMBER_DEC = "#,##0.0#"
"""One or two decimals as the value has them (averages are rounded to one)."""
CHART_ROWS = 18


def write_cell(ws: Any, row: int, col: int, value: object, fmt_text: Any, fmt_quoted: Any,
               fmt_number: Any = None) -> None:
    """Write one cell safely: numbers as numbers, everything else as literal text."""
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float):
        ws.write_number(row, col, value, fmt_number)
        return
    text = strip_xml_invalid(str(value))[:32767]
    ws.write_string(row, col, text, fmt_quoted if is_formula_like(text) else fmt_text)


def write_table(wb: Any, name: str, table: Table, fmts: dict[str, Any]) -> Any:
    """Add a plain sheet holding ``table`` with a bold header row and sensible widths."""
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
    border = {"border": 1, "border_color": "#999999", "valign": "top"}
    fmts = {"head": wb.add_format({"bold": True, "bg_color": "#EEEEEE", "text_wrap": True}),
            "text": wb.add_format({"text_wrap": False}),
            "quoted": wb.add_format({"quote_prefix": True}),
            # The session workbook's printed tables: bordered, wrapped.
            "thead": wb.add_format({"bold": True, "bg_color": "#E7E7E7", "text_wrap": True,
                                    **border}),
            "cell": wb.add_format({"text_wrap": True, **border}),
            # Dates and codes: one line, the column as wide as the longest.
            "nowrap": wb.add_format({"text_wrap": False, **border}),
            "cellq": wb.add_format({"quote_prefix": True, "text_wrap": True, **border}),
            "int": wb.add_format({"num_format": NUMBER_INT, **border}),
            "dec": wb.add_format({"num_format": NUMBER_DEC, **border}),
            "title": wb.add_format({"bold": True, "font_size": 14}),
            "sub": wb.add_format({"bold": True, "font_size": 11}),
            "para": wb.add_format({"text_wrap": True, "valign": "top"}),
            "flag": wb.add_format({"bold": True, "font_color": "#B00000", "text_wrap": True,
                                   "valign": "top"}),
            "label": wb.add_format({"bold": True, "bg_color": "#E7E7E7", "text_wrap": True,
                                    **border})}
    return wb, fmts


def sheet_name(text: str) -> str:
    """An Excel-valid sheet name (max 31 chars, none of []:*?/\\)."""
    clean = "".join(ch for ch in text if ch not in "[]:*?/\\")
    return clean.strip("'")[:31] or "Sheet"


def _hf(text: str) -> str:
    """User text safe inside an Excel header/footer (``&`` starts a code there)."""
    # Cut before escaping: a cut "&&" would leave a lone "&" that eats the next code.
    return strip_xml_invalid(text).replace("\n", " ")[:70].replace("&", "&&")


def print_setup(ws: Any, *, paper: str, landscape: bool, header_row: int | None,
                left: str, right: str, lang: str) -> None:
    """Page set-up for printing: paper, orientation, one page wide, titles, header/footer.

    Args:
        ws: The worksheet.
        paper: "A4" or "F4".
        landscape: Print across the long side.
        header_row: The row repeated on every printed page and frozen on screen.
        left: Header text on the left (the group).
        right: Header text on the right (the village).
        lang: Language of "Halaman X dari Y".
    """
    ws.set_paper(PAPER.get(paper, 9))
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.8, bottom=0.8)
    if header_row is not None:
        ws.repeat_rows(header_row)
        ws.freeze_panes(header_row + 1, 0)
    ws.set_header(f"&L{_hf(left)}&R{_hf(right)}", {"margin": 0.3})
    page = t("export.doc.page", lang, page="&P", pages="&N")
    ws.set_footer(f"&C{page}", {"margin": 0.3})


class _Sheet:
    """A sheet's rows, collected first and written once the column widths are known.

    Neither Excel nor LibreOffice grows a row for wrapped text in a file written by a
    program, so each row's height is worked out here from the final column widths.
    """

    def __init__(self, ws: Any, fmts: dict[str, Any], lang: str) -> None:
        self.ws, self.fmts, self.lang = ws, fmts, lang
        self.row = 0
        self.header_row: int | None = None
        self.cells: list[tuple[int, int, object, str]] = []
        self.lines: list[tuple[int, str, str]] = []
        self.charts: list[tuple[int, Chart, int, Table]] = []
        self.last_table: tuple[int, Table] | None = None
        self.ncols = 1
        self.caps: dict[int, int] = {}

    def line(self, text: str, fmt: str) -> None:
        """A paragraph or heading across the sheet's tables' width (wrapped)."""
        self.lines.append((self.row, strip_xml_invalid(text)[:32767], fmt))
        self.row += 1

    def table(self, table: Table, *, label_column: bool = False,
              nowrap: frozenset[int] = frozenset(), caps: dict[int, int] | None = None
              ) -> None:
        """A table: bold header row (the first one on a sheet repeats when printed).

        Columns in ``nowrap`` (dates, ids) are never wrapped: they get their full width.
        A column in ``caps`` wraps past that many characters (a label), leaving the room
        to the long text beside it.
        """
        self.ncols = max(self.ncols, len(table.headers) or 2)
        self.caps.update(caps or {})
        if table.headers and not label_column:
            if self.header_row is None:
                self.header_row = self.row
            for col, head in enumerate(table.headers):
                self.cells.append((self.row, col, head, "thead"))
            self.row += 1
        first_row = self.row
        for values in table.rows:
            for col, value in enumerate(values):
                if isinstance(value, int | float) and not isinstance(value, bool):
                    fmt = "int" if float(value).is_integer() else "dec"
                else:
                    fmt = ("label" if label_column and col == 0
                           else "nowrap" if col in nowrap else "cell")
                self.cells.append((self.row, col, value, fmt))
            self.row += 1
        self.last_table = (first_row, table)

    def blocks(self, blocks: list[Block]) -> None:
        """A view section's blocks, top to bottom; a chart goes right below its table."""
        for block in blocks:
            if isinstance(block, SubHeading):
                self.line(block.text, "sub")
            elif isinstance(block, Para):
                self.line(block.text, "para")
            elif isinstance(block, Flag):
                self.line(block.text, "flag")
            elif isinstance(block, Bullets):
                for i, item in enumerate(block.items, start=1):
                    self.line(f"{i}. {item}" if block.numbered else f"• {item}", "para")
            elif isinstance(block, Table):
                self.table(block)
                self.row += 1  # a blank row after each table
            elif isinstance(block, Chart) and self.last_table is not None:
                self.charts.append((self.row, block, *self.last_table))
                self.row += CHART_ROWS + 1

    def _widths(self) -> list[int]:
        """Column widths (Excel characters) from content, fitted to a printable width."""
        from mpa_tui.export.docx_layout import distribute

        least = [6] * self.ncols
        want = [6] * self.ncols
        for _row, col, value, fmt in self.cells:
            if col >= self.ncols:
                continue
            text = f"{value:,.2f}" if fmt in ("int", "dec") else str(value)
            words = max(map(len, text.split()), default=0)  # map: 2,000-character notes
            lines = max(map(len, text.split("\n")), default=0)
            least[col] = max(least[col], (lines if fmt == "nowrap" else min(words, 25)) + 2)
            want[col] = max(want[col], min(lines, MAX_COL) + 2, least[col])
        for col, cap in self.caps.items():
            if col < self.ncols:
                want[col] = max(least[col], min(want[col], cap))
        if not self.cells:
            return [PORTRAIT_CHARS - 10]
        target = sum(want)
        # A few columns wrap their long text on a portrait page; many columns go across.
        if target > PORTRAIT_CHARS and (self.ncols <= 6 and sum(least) <= PORTRAIT_CHARS):
            target = PORTRAIT_CHARS
        elif target > PORTRAIT_CHARS:
            target = max(min(target, LANDSCAPE_CHARS), sum(least))
        return distribute(least, want, target)

    def finish(self, wb: Any) -> int:
        """Write every cell and line with its height, and the charts; the printed width."""
        widths = self._widths()
        for col, width in enumerate(widths):
            self.ws.set_column(col, col, width)
        heights: dict[int, int] = {}
        for row, col, value, fmt in self.cells:
            f = self.fmts[fmt]
            write_cell(self.ws, row, col, value, f, self.fmts["cellq"], f)
            if fmt not in ("int", "dec", "nowrap") and col < len(widths):
                heights[row] = max(heights.get(row, 1), _lines(str(value), widths[col]))
        span = len(widths)
        for row, text, fmt in self.lines:
            if span > 1:
                self.ws.merge_range(row, 0, row, span - 1, "", self.fmts[fmt])
            self.ws.write_string(row, 0, text, self.fmts[fmt])
            heights[row] = max(heights.get(row, 1), _lines(text, sum(widths)))
        for row, n in heights.items():
            if n > 1:
                self.ws.set_row(row, min(15 * n + 2, 409))
        self._draw_charts(wb, widths)
        return sum(widths)

    def _draw_charts(self, wb: Any, widths: list[int]) -> None:
        """Native bar charts over their table's cells, each starting a printed page if low."""
        breaks = []
        for anchor, chart, first, table in self.charts:
            native = wb.add_chart({"type": "bar"})
            # A chart of the first rows only (the report's top problems) stops at its labels.
            last = first + min(len(table.rows), len(chart.labels) or len(table.rows)) - 1
            for name, _ in chart.series:
                col = table.headers.index(name) if name in table.headers else 1
                native.add_series({"name": [self.ws.name, first - 1, col],
                                   "categories": [self.ws.name, first, 0, last, 0],
                                   "values": [self.ws.name, first, col, last, col]})
            native.set_title({"name": strip_xml_invalid(chart.title)[:200]})
            native.set_legend({"none": True} if len(chart.series) < 2 else {"position": "top"})
            native.set_y_axis({"reverse": True})
            if chart.max_value:
                native.set_x_axis({"min": 0, "max": chart.max_value})
            # As wide as the printed columns (about 7 pixels a character), never wider.
            native.set_size({"width": min(7 * sum(widths), 900), "height": 20 * CHART_ROWS})
            self.ws.insert_chart(anchor, 0, native, {"object_position": 1})
            if anchor > 30:
                breaks.append(anchor)
        if breaks:
            self.ws.set_h_pagebreaks(breaks)


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide."""
    per_line = max(1.0, (width - 1) / 0.95)
    return sum(max(1, -(-len(part) // int(per_line))) for part in text.split("\n"))


def render_view_xlsx(view: ExportView, cards: Table) -> bytes:
    """Render a view (plus the cards table) as .xlsx bytes, every sheet ready to print."""
    buf = io.BytesIO()
    wb, fmts = new_workbook(buf)
    lang = view.lang
    by_key = {s.key: s for s in view.sections}
    sheets: list[tuple[_Sheet, str]] = []
    first = _Sheet(wb.add_worksheet(sheet_name(t("export.sheet.session", lang))), fmts, lang)
    first.line(t("export.doc.title", lang), "title")
    first.line(view.title, "sub")
    if "notice" in by_key:  # example data or personal data: the first sheet says so
        first.blocks(by_key["notice"].blocks)
    details = view.table("details")
    if details is not None:
        first.table(Table("details", [], [r for r in details.rows if str(r[1]).strip()]),
                    label_column=True)
    sheets.append((first, t("export.sheet.session", lang)))
    for key, section_keys in SHEETS:
        name = t(f"export.sheet.{key}", lang)
        sheet = _Sheet(wb.add_worksheet(sheet_name(name)), fmts, lang)
        if key == "cards":
            sheet.table(cards)
        elif key == "notes" and view.notes is not None:
            # The time on one line; the step's name wraps: the notes get the room.
            sheet.table(view.notes, nowrap=frozenset({1}), caps={0: 16})
        for sk in section_keys:
            if sk in by_key:
                if len(section_keys) > 1:
                    sheet.line(by_key[sk].title, "sub")
                sheet.blocks(by_key[sk].blocks)
        sheets.append((sheet, name))
    for sheet, _name in sheets:
        width = sheet.finish(wb)
        print_setup(sheet.ws, paper=view.paper_size, landscape=width > PORTRAIT_CHARS,
                    header_row=sheet.header_row, left=view.group, right=view.village,
                    lang=lang)
    wb.set_properties({
        "title": strip_xml_invalid(f"{t('export.doc.title', lang)}: {view.group}")[:250],
        "author": strip_xml_invalid(", ".join(view.facilitators))[:250]
        or t("export.doc.app", lang),
        "created": view.exported_at.astimezone(UTC).replace(tzinfo=None)
    } if view.exported_at else {})
    wb.close()
    return buf.getvalue()


def render_xlsx(session: Session, *, lang: str = "id", with_names: bool = False) -> bytes:
    """The session's workbook as .xlsx bytes."""
    from mpa_tui.export.summary import build_view, cards_table

    view = build_view(session, lang=lang, with_names=with_names)
    return render_view_xlsx(view, cards_table(session, lang=lang, with_names=with_names))
