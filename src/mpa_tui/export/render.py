"""Which files each export format makes, rendered in memory (bytes) before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mpa_tui.export.model import ExportView, Table
from mpa_tui.export.naming import SUMS_FILE

if TYPE_CHECKING:  # the session model costs 0.2 s to import: the report needs none
    from mpa_tui.domain.session import Session

FORMATS = ("md", "html", "docx", "xlsx", "csv", "json")
"""Every format, in the order files are written."""

# Each file's kind; the written name is ``<date>_<group>_<village>_<kind>`` (naming.file_name).

FILES: dict[str, tuple[str, ...]] = {
    "md": ("ringkasan.md",),
    "html": ("ringkasan.html",),
    "docx": ("laporan.docx",),
    "xlsx": ("tabel.xlsx",),
    "csv": ("kartu.csv", "peringkat.csv"),
    "json": ("sesi.mpa.json",),
}
SUMS_NAME = SUMS_FILE


class BadFormatError(ValueError):
    """An unknown format name was asked for."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def parse_formats(value: str | set[str] | list[str] | None) -> list[str]:
    """Formats from a comma string or a collection (None or empty: all), in write order.

    Raises:
        BadFormatError: for a name not in :data:`FORMATS`.
    """
    if value is None:
        return list(FORMATS)
    items = value.split(",") if isinstance(value, str) else list(value)
    wanted = {i.strip().lower().lstrip(".") for i in items if i.strip()}
    aliases = {"markdown": "md", "htm": "html", "word": "docx", "excel": "xlsx", "bundle": "json"}
    wanted = {aliases.get(w, w) for w in wanted}
    for name in sorted(wanted):
        if name not in FORMATS:
            raise BadFormatError(name)
    return [f for f in FORMATS if f in wanted] or list(FORMATS)


def render_format(fmt: str, session: Session, view: ExportView, cards: Callable[[], Table],
                  *, coded: bool = False) -> dict[str, bytes]:
    """Render one format to ``{file name: bytes}``; heavy libraries load only when needed.

    ``coded``: ``session`` is already the names-coded copy the view was built from.
    """
    if fmt == "md":
        from mpa_tui.export.markdown import render_view_markdown

        return {"ringkasan.md": render_view_markdown(view).encode("utf-8")}
    if fmt == "html":
        from mpa_tui.export.html import render_view_html

        return {"ringkasan.html": render_view_html(view).encode("utf-8")}
    if fmt == "docx":
        from mpa_tui.export.docx import render_view_docx

        return {"laporan.docx": render_view_docx(view, cards())}
    if fmt == "xlsx":
        from mpa_tui.export.xlsx import render_view_xlsx

        return {"tabel.xlsx": render_view_xlsx(view, cards())}
    if fmt == "csv":
        from mpa_tui.export.csv import table_csv

        ranking = view.table("ranking")
        assert ranking is not None
        return {"kartu.csv": table_csv(cards()), "peringkat.csv": table_csv(ranking)}
    if fmt == "json":
        from mpa_tui.export.bundle import render_bundle

        return {"sesi.mpa.json": render_bundle(session, with_names=view.with_names,
                                                coded=coded)}
    raise BadFormatError(fmt)
