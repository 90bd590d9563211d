"""kartu.csv and peringkat.csv: UTF-8 with BOM and ``;`` separators (Excel in Indonesia).

Formula-like cells get a leading apostrophe so a spreadsheet shows them as text.
"""

from __future__ import annotations

import csv as _csv
import io

from mpa_tui.domain.session import Session
from mpa_tui.export.model import Table
from mpa_tui.export.safe import neutralise_cell
from mpa_tui.export.summary import build_view, cards_table

BOM = "\ufeff"


def table_csv(table: Table, *, bom: bool = True, delimiter: str = ";") -> bytes:
    """A table as CSV bytes (CRLF rows, every text cell neutralised)."""
    buf = io.StringIO()
    writer = _csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise_cell(str(h)) for h in table.headers])
    for row in table.rows:
        writer.writerow([v if isinstance(v, int | float) else neutralise_cell(str(v)) for v in row])
    return ((BOM if bom else "") + buf.getvalue()).encode("utf-8")


def render_cards_csv(session: Session, *, lang: str = "id", with_names: bool = False) -> bytes:
    """kartu.csv: one row per active card."""
    return table_csv(cards_table(session, lang=lang, with_names=with_names))


def render_ranking_csv(session: Session, *, lang: str = "id", with_names: bool = False) -> bytes:
    """peringkat.csv: the ranking with tie notes."""
    view = build_view(session, lang=lang, with_names=with_names)
    table = view.table("ranking")
    assert table is not None
    return table_csv(table)
