"""Column widths for the Word report's tables, from their content (no Word needed).

Text is measured with Arial/Liberation Sans advance widths (per class of character, a
little generous), so a column is never narrower than its longest word: Word then wraps
at spaces and never breaks a word in two. What is left of the page's text width goes to
the columns that hold long text. A table whose words cannot fit side by side on a
portrait page goes into a landscape section; if it does not fit there either, it is laid
out as records (one small field/value table per row).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

TWIPS_PER_MM = 56.6929
TWIPS_PER_PT = 20
CELL_PAD = 2 * 108 + 30
"""Word's default left and right cell margins (108 twips each) and a little slack."""
WORD_CAP = 30
"""A "word" longer than this (a URL, a string without spaces) may wrap inside the word."""
LINE_CAP = 70
"""Columns want room for lines up to this long before wrapping."""

_NARROW = set("iljtfrI.,;:'!|()[]/ ")
_WIDE = set("mwMW@%")


def char_em(ch: str) -> float:
    """A character's advance width in em, rounded up from Arial's metrics."""
    if ch in _NARROW:
        return 0.34
    if ch in _WIDE:
        return 0.89
    if ch.isupper() or ch.isdigit():
        return 0.70
    return 0.58


def text_twips(text: str, size_pt: float, *, bold: bool = False) -> int:
    """The width of one line of ``text`` at ``size_pt``, in twips."""
    em = _text_em(text) * (1.07 if bold else 1.0)
    return int(em * size_pt * TWIPS_PER_PT) + 1


@lru_cache(maxsize=1 << 16)
def _text_em(text: str) -> float:
    # Cached: a table's words repeat (thousands of cards share "modal", "usaha"...), and
    # measuring them one character at a time was most of the Word export at the maxima.
    return sum(map(char_em, text))


def longest_word_twips(text: str, size_pt: float, *, bold: bool = False) -> int:
    """The width of the widest word (capped at :data:`WORD_CAP` characters)."""
    words = str(text).split() or [""]
    return max(text_twips(w[:WORD_CAP], size_pt, bold=bold) for w in words)


def longest_line_twips(text: str, size_pt: float, *, bold: bool = False) -> int:
    """The width of the widest line, capped at :data:`LINE_CAP` characters."""
    lines = str(text).split("\n") or [""]
    return max(text_twips(line[:LINE_CAP], size_pt, bold=bold) for line in lines)


@dataclass(frozen=True)
class Layout:
    """How a table goes on the page: its column widths and orientation, or as records."""

    widths: list[int]
    landscape: bool = False
    records: bool = False


def _column_needs(headers: Sequence[str], rows: Sequence[Sequence[object]],
                  size_pt: float) -> tuple[list[int], list[int]]:
    n = len(headers)
    least, want = [], []
    for col in range(n):
        cells = [str(r[col]) for r in rows if col < len(r)]
        head_word = longest_word_twips(headers[col], size_pt, bold=True)
        head_line = longest_line_twips(headers[col], size_pt, bold=True)
        words = max([head_word] + [longest_word_twips(c, size_pt) for c in cells])
        lines = max([head_line] + [longest_line_twips(c, size_pt) for c in cells])
        least.append(words + CELL_PAD)
        want.append(max(lines, words) + CELL_PAD)
    return least, want


def distribute(least: list[int], want: list[int], total: int) -> list[int]:
    """Widths summing to ``total``, each at least ``least``.

    Columns that want less than a fair share get what they want; the others share the
    rest by how much they want, never below their least (water-filling).
    """
    widths = list(least)
    open_cols = list(range(len(least)))
    remaining = total
    while open_cols:
        fair = remaining / len(open_cols)
        small = [c for c in open_cols if max(want[c], least[c]) <= fair]
        if not small:
            break
        for c in small:
            widths[c] = max(want[c], least[c])
            remaining -= widths[c]
            open_cols.remove(c)
    while open_cols:
        weight = sum(want[c] for c in open_cols) or 1
        short = [c for c in open_cols if remaining * want[c] / weight < least[c]]
        if not short:
            for c in open_cols:
                widths[c] = int(remaining * want[c] / weight)
            break
        for c in short:
            widths[c] = least[c]
            remaining -= least[c]
            open_cols.remove(c)
    spare = total - sum(widths)
    if spare > 0 and not open_cols:  # every column has what it wants: share what is left
        base = sum(widths) or 1
        widths = [w + spare * w // base for w in widths]
    widths[widths.index(max(widths))] += total - sum(widths)
    return widths


def plan_table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, size_pt: float,
               portrait: int, landscape: int | None) -> Layout:
    """Choose portrait, landscape or records for a table and its column widths.

    Args:
        headers: The header cells.
        rows: The body rows.
        size_pt: The table's font size.
        portrait: The text width of a portrait page, in twips.
        landscape: The text width of a landscape page (None: stay in portrait).
    """
    least, want = _column_needs(headers, rows, size_pt)
    if sum(least) <= portrait:
        return Layout(distribute(least, want, portrait))
    if landscape is not None and sum(least) <= landscape:
        return Layout(distribute(least, want, landscape), landscape=True)
    field_col = max(longest_word_twips(h, size_pt, bold=True) for h in headers) + CELL_PAD
    field_col = min(field_col, portrait // 3)
    return Layout([field_col, portrait - field_col], records=True)
