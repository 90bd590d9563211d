"""Making user text safe for each output format (formula injection, XML, Markdown)."""

from __future__ import annotations

import re

# Spreadsheets treat a cell starting with one of these as a formula (or DDE payload).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Characters XML 1.0 cannot hold: C0 controls except tab/LF/CR, surrogates, U+FFFE/U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Markdown punctuation that could start emphasis, links, raw HTML, headings or tables.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~!&])")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read this cell text as a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralise_cell(text: str) -> str:
    """Prefix formula-like text with an apostrophe so spreadsheets show it as text."""
    return "'" + text if is_formula_like(text) else text


def strip_xml_invalid(text: str) -> str:
    """Drop the characters XML (and so DOCX/XLSX) cannot store."""
    return _XML_INVALID.sub("", text)


def md_escape(text: str) -> str:
    """Escape Markdown syntax so user text renders literally (and raw HTML never runs)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_cell(text: str) -> str:
    """A Markdown table cell: escaped, on one line."""
    return md_escape(text).replace("\r", " ").replace("\n", " ")
