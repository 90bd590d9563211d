"""The pairwise results table, drawn as literal text that fits 80 columns.

Columns are numbers (the row numbers of the categories), so the table stays narrow with
long titles: ``1`` won, ``½`` equally urgent, ``0`` lost, ``·`` not asked yet, ``—``
the category against itself. Titles are user text: always :class:`Content`, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from mpa_tui.domain.pairwise import PairwiseRow
from mpa_tui.tui.widgets.plain import PlainStatic

CELL = 3
"""Width of one result column (a number and two spaces)."""


def points_text(points: float) -> str:
    """Points with a half as "½": 2, 1½, ½, 0."""
    whole = int(points)
    half = points - whole >= 0.5
    if half:
        return f"{whole}½" if whole else "½"
    return str(whole)


def cell_text(value: float | None, diagonal: bool) -> str:
    """One result cell."""
    if diagonal:
        return "—"
    if value is None:
        return "·"
    return points_text(value)


def rank_text(row: PairwiseRow | None) -> str:
    """The rank, with "=" when shared."""
    if row is None:
        return ""
    return f"{row.rank}=" if row.tied else str(row.rank)


def matrix_content(
    titles: Sequence[str],
    cells: Sequence[Sequence[float | None]],
    rows: dict[int, PairwiseRow],
    *,
    heads: tuple[str, str, str],
    width: int = 76,
    current: tuple[int, int] | None = None,
) -> Content:
    """The results table as one multi-line :class:`Content`.

    Args:
        titles: Category titles in matrix order (user text, shown literally).
        cells: ``cells[i][j]`` from :func:`mpa_tui.domain.pairwise.matrix`.
        rows: The pairwise ranking row of category ``i``.
        heads: Translated headers: (category, points, rank).
        width: Cells available for a line.
        current: The pair being asked ``(i, j)``: its two cells are highlighted.
    """
    n = len(titles)
    num_w = len(str(n))
    points_w = max(len(heads[1]), 4)
    rank_w = max(len(heads[2]), 3)
    title_w = max(8, width - (num_w + 1) - CELL * n - (points_w + 1) - (rank_w + 1))
    lines: list[Content] = []
    head = Content.assemble(
        " " * (num_w + 1),
        Content(heads[0]).truncate(title_w, ellipsis=True).pad_right(
            title_w - min(len(heads[0]), title_w)),
        *[str(j + 1).rjust(CELL) for j in range(n)],
        " ", heads[1].rjust(points_w), " ", heads[2].rjust(rank_w),
    ).stylize("bold")
    lines.append(head)
    for i, title in enumerate(titles):
        flat = Content(" ".join(title.split()))
        if flat.cell_length > title_w:
            flat = flat.truncate(title_w, ellipsis=True)
        flat = flat.pad_right(title_w - flat.cell_length)
        parts: list[Content | str] = [str(i + 1).rjust(num_w) + " ", flat]
        for j in range(n):
            text = Content(cell_text(cells[i][j], i == j).rjust(CELL))
            if current is not None and (i, j) in (current, current[::-1]):
                text = text.stylize("reverse", CELL - 1, CELL)
            parts.append(text)
        row = rows.get(i)
        parts += [" ", points_text(row.points if row else 0).rjust(points_w),
                  " ", rank_text(row).rjust(rank_w)]
        line = Content.assemble(*parts)
        if row is not None and row.tied:
            line = line.stylize("bold")
        lines.append(line)
    return Content("\n").join(lines)


class PairwiseMatrix(PlainStatic):
    """Shows :func:`matrix_content` (a handful of rows: redrawn whole after each answer)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)

    def show(self, content: Content) -> None:
        """Replace the table."""
        self.update(content)
