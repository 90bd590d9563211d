"""The neutral document model every export writer renders: sections of blocks.

The summary builder (``summary.py``) turns a session into an :class:`ExportView` once,
already translated into the export language and already privacy-filtered, so each
writer (Markdown, HTML, DOCX, XLSX, CSV) only decides *how* to draw it, never *what*
may be shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Para:
    """A paragraph of plain (user or catalog) text."""

    text: str


@dataclass(frozen=True)
class Flag:
    """A warning the reader should notice (e.g. a top priority without an action)."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A bulleted (or numbered) list."""

    items: list[str]
    numbered: bool = False
    quoted: tuple[bool, ...] = ()
    """Per item: someone's words as said (a quote); documents may set them in italics."""

    def with_quotes(self) -> list[tuple[str, bool]]:
        """Each item with whether it is a quote."""
        flags = self.quoted + (False,) * (len(self.items) - len(self.quoted))
        return list(zip(self.items, flags, strict=False))


@dataclass(frozen=True)
class Table:
    """A table with a stable key (used for sheet and CSV names) and text cells."""

    key: str
    headers: list[str]
    rows: list[list[str | int | float]]


@dataclass(frozen=True)
class SubHeading:
    """A heading one level below the section's."""

    text: str


@dataclass(frozen=True)
class Chart:
    """A bar chart: one bar group per label, one bar per series."""

    key: str
    title: str
    labels: list[str]
    series: list[tuple[str, list[float]]]
    max_value: float | None = None


Block = Para | Flag | Bullets | Table | SubHeading | Chart


@dataclass
class Section:
    """A titled part of the summary."""

    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class ExportView:
    """A session ready to render, in one language, names or codes already decided."""

    lang: str
    session_id: str
    title: str
    subtitle: str
    sections: list[Section]
    with_names: bool
    paper_size: str = "A4"
    group: str = ""
    village: str = ""
    facilitators: list[str] = field(default_factory=list)
    exported_at: datetime | None = None
    """When the export was made (None on screen); documents carry it as their date."""
    notes: Table | None = None
    """The process notes, one row each (the workbook's "Catatan" sheet); the readable
    documents show the same notes as the "notes" section."""

    def table(self, key: str) -> Table | None:
        """The first table with this key, in any section."""
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Table) and block.key == key:
                    return block
        return None

    def chart(self, key: str) -> Chart | None:
        """The first chart with this key, in any section."""
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Chart) and block.key == key:
                    return block
        return None


def cell_text(value: object, lang: str) -> str:
    """A table cell as a person reads it: numbers in the language's form ("1,75")."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        from mpa_tui.i18n.formats import format_number

        return format_number(value, lang)
    return str(value)
