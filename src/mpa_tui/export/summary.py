"""Build the language-aware, privacy-filtered view of a session that every writer renders.

Privacy: participants appear as codes (P01, P02, ... in an order that follows no seat) unless
``with_names``; who wrote a card is shown only with names; quotes use the speaker's code.
Items in the trash are left out everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime

from mpa_tui.domain.enums import (
    CardKind,
    Role,
    StageKind,
)
from mpa_tui.domain.privacy import code_names
from mpa_tui.domain.rules import tally
from mpa_tui.domain.session import Location, Participant, Session
from mpa_tui.export.model import (
    Bullets,
    Chart,
    ExportView,
    Flag,
    Para,
    Section,
    SubHeading,
    Table,
)
from mpa_tui.export.summary_ctx import Ctx
from mpa_tui.export.summary_cycle import (
    action_plan_section,
    capacity_section,
    evaluation_sections,
    network_section,
    resources_section,
    stages_section,
)
from mpa_tui.export.summary_notes import notes_view
from mpa_tui.i18n import t
from mpa_tui.i18n.formats import format_moment

EXAMPLE_MARK = "CONTOH / EXAMPLE"
"""Heads every export of an example session, in both languages at once."""


def notice_lines(session: Session, *, lang: str, with_names: bool) -> list[str]:
    """What every document of this export must say first: example, personal data."""
    lines = []
    if session.is_example:
        lines.append(f"{EXAMPLE_MARK}: {t('export.notice.example', lang)}")
    if with_names:
        lines.append(t("export.notice.personal_data", lang))
    return lines


def notice_section(session: Session, *, lang: str, with_names: bool) -> Section | None:
    """The notices as the first section of a document (None when there are none)."""
    lines = notice_lines(session, lang=lang, with_names=with_names)
    if not lines:
        return None
    return Section("notice", t("export.section.notice", lang), [Flag(x) for x in lines])


def _details(c: Ctx) -> Section:
    s = c.s
    loc = s.location
    dates = c.days(s.start_date, s.end_date)
    rows: list[list[str | int | float]] = [
        [c.tr("export.field.group"), s.group_name],
        [c.tr("export.field.village"), loc.village],
        [c.tr("export.field.subdistrict"), loc.subdistrict],
        [c.tr("export.field.regency"), loc.regency],
        [c.tr("export.field.province"), loc.province],
        [c.tr("export.field.region_code"), _region_code(c, loc)],
        [c.tr("export.field.dates"), dates],
        [c.tr("export.field.place"), s.place],
        [c.tr("export.field.facilitators"), ", ".join(s.facilitators)],
        [c.tr("export.field.question"), s.guiding_question],
        [c.tr("export.field.session_id"), s.id],
    ]
    rows[8:8] = _identity_rows(c)
    return Section("details", c.tr("export.section.details"), [
        Table("details", [c.tr("export.col.field"), c.tr("export.col.value")], rows)
    ])


def _region_code(c: Ctx, loc: Location) -> str:
    """The Kemendagri code, or why there is none (the district counts villages by it)."""
    from mpa_tui.domain.places import not_listed

    if loc.region_code and not not_listed(loc):
        return loc.region_code
    key = "export.region.not_listed" if loc.region_code else "export.region.none"
    return " ".join(x for x in (loc.region_code, c.tr(key)) if x)


def _identity_rows(c: Ctx) -> list[list[str | int | float]]:
    """The stages' dates, when the export was made and whether it holds names."""
    live = [r for r in c.s.stages if r.deleted_at is None and r.date is not None]
    stages = "; ".join(
        f"{c.tr(f'export.stage.{kind.value}')}: {c.days(r.date, r.end_date)}"
        for kind in StageKind for r in sorted(live, key=lambda r: r.date or date.max)
        if r.stage is kind)
    rows: list[list[str | int | float]] = []
    if stages:
        rows.append([c.tr("export.field.stage_dates"), stages])
    if c.exported_at is not None:
        rows.append([c.tr("export.field.exported"), format_moment(c.exported_at, c.lang)])
    rows.append([c.tr("export.field.names"),
                 c.tr("export.field.names_yes" if c.with_names else "export.field.names_no")])
    return rows


def _participants(c: Ctx) -> Section:
    circle = c.s.circle()
    blocks: list = [Para(c.tr("export.participants_total", n=len(circle),
                                 present=sum(1 for p in circle if p.present)))]
    if not c.with_names:
        # Who holds which office, sex or age band would point back at a person: counts only.
        blocks.append(Para(c.tr("export.names_hidden")))
        blocks.append(_participant_counts(c, circle))
        return Section("participants", c.tr("export.section.participants"), blocks)
    for role in Role:
        people = [p for p in circle if p.role is role]
        if not people:
            continue
        blocks.append(SubHeading(c.tr(f"export.role.{role.value}")))
        blocks.append(Bullets([
            c.person(p.id) + ("" if p.present else f" ({c.tr('export.absent')})") for p in people
        ]))
    return Section("participants", c.tr("export.section.participants"), blocks)


def _participant_counts(c: Ctx, circle: list[Participant]) -> Table:
    rows: list[list[str | int | float]] = []
    for label, values in (
        ("role", [c.tr(f"export.role.{p.role.value}") for p in circle]),
        ("sex", [c.tr(f"export.sex.{p.sex.value}") if p.sex else "-" for p in circle]),
        ("age_band", [p.age_band.value if p.age_band else "-" for p in circle]),
    ):
        for value, n in sorted(Counter(values).items()):
            rows.append([c.tr(f"export.col.{label}"), value, n])
    return Table("participant_counts", [c.tr("export.col.field"), c.tr("export.col.value"),
                                        c.tr("export.col.count")], rows)


def _board(c: Ctx) -> Section:
    blocks: list = []
    for cid in c.order:
        cat = c.s.category(cid)
        if cat is None:
            continue
        lines = [x for x in (c.card_line(k) for k in cat.card_ids) if x is not None]
        blocks.append(SubHeading(f"{c.cat_titles[cid]} ({len(lines)})"))
        blocks.append(Bullets(lines) if lines else Para(c.tr("export.none")))
    # Potential and resource cards outside any category are shown under "Resources".
    kinds = (CardKind.PROBLEM, CardKind.NEED)
    loose = [x for x in (c.card_line(k.id) for k in c.s.active_cards()
                         if k.category_id is None and k.kind in kinds) if x is not None]
    if loose:
        blocks.append(SubHeading(c.tr("export.unsorted", n=len(loose))))
        blocks.append(Bullets(loose))
    if not blocks:
        blocks.append(Para(c.tr("export.none")))
    return Section("board", c.tr("export.section.board"), blocks)


CHART_MOST = 30
"""The most categories the per-category chart shows (a workshop has 6-15)."""


def _counts_and_ranking(c: Ctx) -> list[Section]:
    tallies = tally(c.s)
    ranking = c.ranked
    mode = c.s.settings.counting_mode.value
    headers = [c.tr("export.col.category"), c.tr("export.col.cards"), c.tr("export.col.votes"),
               c.tr("export.col.score")]
    rows: list[list[str | int | float]] = [
        [c.cat_titles[r.category_id], tallies[r.category_id].cards,
         tallies[r.category_id].votes, r.score] for r in ranking
    ]
    counts = Section("counts", c.tr("export.section.counts"), [
        Para(c.tr("export.counting_mode", mode=c.tr(f"export.mode.{mode}"))),
        Table("categories", headers, rows),
    ])
    if rows:
        # The table above lists every category; a bar chart of hundreds is unreadable on a
        # page (and a 12,000-pixel image): it shows the first ones in the ranking's order.
        top = ranking[:CHART_MOST]
        title = (c.tr("export.chart.counts") if len(ranking) <= CHART_MOST else
                 c.tr("export.chart.counts_top", n=len(top), total=len(ranking)))
        counts.blocks.append(Chart(
            "counts", title, [c.cat_titles[r.category_id] for r in top],
            [(c.tr("export.col.score"), [float(r.score) for r in top])],
        ))
    breaks = {tb.id: tb for tb in c.s.tie_breaks}
    rank_rows: list[list[str | int | float]] = []
    for r in ranking:
        note = ""
        if r.tied:
            note = c.tr("export.tie_open")
        elif r.tie_break_id and r.tie_break_id in breaks:
            note = c.tr("export.tie_broken", reason=breaks[r.tie_break_id].reason)
        rank_rows.append([r.rank, c.cat_titles[r.category_id], r.score, note])
    rank_blocks: list = [Table("ranking", [
        c.tr("export.col.rank"), c.tr("export.col.category"), c.tr("export.col.score"),
        c.tr("export.col.note")], rank_rows)]
    if any(r.tied for r in ranking):
        rank_blocks.append(Flag(c.tr("export.flag.open_ties")))
    ranking_sec = Section("ranking", c.tr("export.section.ranking"), rank_blocks)
    order = [c.cat_titles[cid] for cid in c.order]
    prio_blocks: list = [Bullets(order, numbered=True) if order else Para(c.tr("export.none"))]
    if order and c.s.priority_confirmed_at is None:
        prio_blocks.append(Flag(c.tr("export.flag.order_unconfirmed")))
    priority = Section("priority", c.tr("export.section.priority"), prio_blocks)
    return [counts, ranking_sec, priority]


_BUILDERS: list[Callable[[Ctx], Section | list[Section]]] = [
    _details, _participants, _board, _counts_and_ranking, resources_section, network_section,
    action_plan_section, stages_section, evaluation_sections, capacity_section,
]


def build_view(session: Session, *, lang: str = "id", with_names: bool = False,
               exported_at: datetime | None = None, coded: bool = False) -> ExportView:
    """Build the export view of a session.

    Args:
        session: The session (not changed).
        lang: Export language, "id" or "en".
        with_names: Show participants' names (and authorship) instead of codes.
        exported_at: When the export is made (shown in the identity block); None on screen.
        coded: ``session`` is already :func:`code_names`' copy (an export codes once for
            every format: coding again changes nothing but costs time on long texts).

    Returns:
        The sections in reading order, headed in ``lang``.
    """
    if not with_names and not coded:  # a name typed into any free-text field: her code
        session = code_names(session)
    ctx = Ctx(session, lang, with_names, exported_at)
    sections: list[Section] = []
    notice = notice_section(session, lang=lang, with_names=with_names)
    if notice is not None:
        sections.append(notice)
    for build in _BUILDERS:
        out = build(ctx)
        sections.extend(out if isinstance(out, list) else [out])
    notes, notes_table = notes_view(ctx)
    if notes is not None:  # how the workshop went, right after who took part
        at = next(i for i, sec in enumerate(sections) if sec.key == "participants")
        sections.insert(at + 1, notes)
    loc = ", ".join(x for x in (session.location.village, session.location.subdistrict,
                                session.location.regency) if x)
    title = ctx.tr("export.title", group=session.group_name)
    if session.is_example:  # fictional people and cards: never mistaken for a real session
        title = f"{EXAMPLE_MARK} — {title}"
    return ExportView(
        lang=lang, session_id=session.id,
        title=title,
        subtitle=" · ".join(x for x in (loc, ctx.d(session.start_date)) if x),
        sections=sections, with_names=with_names,
        paper_size=session.settings.paper_size.value, group=session.group_name,
        village=session.location.village, facilitators=list(session.facilitators),
        exported_at=exported_at, notes=notes_table,
    )


def cards_table(session: Session, *, lang: str = "id", with_names: bool = False,
                coded: bool = False) -> Table:
    """Every active card as a flat row (for kartu.csv and the xlsx "cards" sheet).

    ``coded``: as for :func:`build_view`.
    """
    if not with_names and not coded:
        session = code_names(session)
    ctx = Ctx(session, lang, with_names)
    headers = [ctx.tr("export.col.no"), ctx.tr("export.col.card"), ctx.tr("export.col.kind"),
               ctx.tr("export.col.colour"), ctx.tr("export.col.category")]
    if with_names:
        headers.append(ctx.tr("export.col.author"))
    rows: list[list[str | int | float]] = []
    for i, card in enumerate(session.active_cards(), start=1):
        row: list[str | int | float] = [
            i, card.text, ctx.tr(f"export.kind.{card.kind.value}"),
            ctx.tr(f"export.colour.{card.colour.value}"),
            ctx.cat_titles.get(card.category_id or "", ""),
        ]
        if with_names:
            row.append(ctx.person(card.author_id))
        rows.append(row)
    return Table("cards", headers, rows)
