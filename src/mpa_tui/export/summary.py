"""Build the language-aware, privacy-filtered view of a session that every writer renders.

Privacy: participants appear as codes (P01, P02, ... in circle order) unless
``with_names``; who wrote a card is shown only with names; quotes use the speaker's code.
Items in the trash are left out everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime

from mpa_tui.domain.capacity import CapacityRow, CapacitySummary, capacity_summary
from mpa_tui.domain.enums import (
    CardKind,
    Role,
    StageKind,
)
from mpa_tui.domain.order import final_order, unplanned_top
from mpa_tui.domain.privacy import code_names, participant_codes
from mpa_tui.domain.rules import rank_categories, tally
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
from mpa_tui.i18n import UNTITLED, t
from mpa_tui.i18n.formats import format_day, format_day_range, format_moment

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


class _Ctx:
    """What every section builder needs: the session, the language and the names policy."""

    def __init__(self, session: Session, lang: str, with_names: bool,
                 exported_at: datetime | None = None) -> None:
        self.s = session
        self.exported_at = exported_at
        self.lang = lang
        self.with_names = with_names
        self.codes = participant_codes(session)
        self.names = {p.id: p.name for p in session.participants}
        # Free-text fields (person responsible, contacts) may hold a participant's name:
        # without names it is replaced by her code.
        self.by_name = {p.name.casefold(): self.codes[p.id] for p in session.participants}
        # Computed once per view: every section shows the same ranking and order.
        self.ranked = rank_categories(session)
        self.order = final_order(session, self.ranked)
        self.cat_titles = {
            c.id: (c.title or self.tr(UNTITLED)) for c in session.categories
        }

    def tr(self, key: str, **kw: object) -> str:
        return t(key, self.lang, **kw)

    def person(self, participant_id: str | None) -> str:
        if participant_id is None:
            return ""
        if self.with_names:
            return self.names.get(participant_id, "")
        return self.codes.get(participant_id, "")

    def free_person(self, text: str) -> str:
        if self.with_names:
            return text
        return self.by_name.get(text.strip().casefold(), text)

    def d(self, value: date | None) -> str:
        return format_day(value, self.lang)

    def days(self, start: date | None, end: date | None) -> str:
        return format_day_range(start, end, self.lang)

    def yes_no(self, value: bool | None) -> str:
        if value is None:
            return "-"
        return self.tr("export.yes") if value else self.tr("export.no")


def _details(c: _Ctx) -> Section:
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


def _region_code(c: _Ctx, loc: Location) -> str:
    """The Kemendagri code, or why there is none (the district counts villages by it)."""
    from mpa_tui.domain.places import not_listed

    if loc.region_code and not not_listed(loc):
        return loc.region_code
    key = "export.region.not_listed" if loc.region_code else "export.region.none"
    return " ".join(x for x in (loc.region_code, c.tr(key)) if x)


def _identity_rows(c: _Ctx) -> list[list[str | int | float]]:
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


def _participants(c: _Ctx) -> Section:
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


def _participant_counts(c: _Ctx, circle: list[Participant]) -> Table:
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


def _card_line(c: _Ctx, card_id: str) -> str | None:
    card = c.s.card(card_id)
    if card is None or card.deleted_at is not None:
        return None
    text = card.text
    if card.kind is not CardKind.PROBLEM:
        text = f"[{c.tr(f'export.kind.{card.kind.value}')}] {text}"
    if c.with_names and card.author_id:
        text = f"{text} — {c.person(card.author_id)}"
    return text


def _board(c: _Ctx) -> Section:
    blocks: list = []
    for cid in c.order:
        cat = c.s.category(cid)
        if cat is None:
            continue
        lines = [x for x in (_card_line(c, k) for k in cat.card_ids) if x is not None]
        blocks.append(SubHeading(f"{c.cat_titles[cid]} ({len(lines)})"))
        blocks.append(Bullets(lines) if lines else Para(c.tr("export.none")))
    # Potential and resource cards outside any category are shown under "Resources".
    kinds = (CardKind.PROBLEM, CardKind.NEED)
    loose = [x for x in (_card_line(c, k.id) for k in c.s.active_cards()
                         if k.category_id is None and k.kind in kinds) if x is not None]
    if loose:
        blocks.append(SubHeading(c.tr("export.unsorted", n=len(loose))))
        blocks.append(Bullets(loose))
    if not blocks:
        blocks.append(Para(c.tr("export.none")))
    return Section("board", c.tr("export.section.board"), blocks)


def _counts_and_ranking(c: _Ctx) -> list[Section]:
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
        counts.blocks.append(Chart(
            "counts", c.tr("export.chart.counts"), [str(r[0]) for r in rows],
            [(c.tr("export.col.score"), [float(r.score) for r in ranking])],
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


def _resources(c: _Ctx) -> Section:
    blocks: list = []
    kinds = (CardKind.POTENTIAL, CardKind.RESOURCE)
    cards = [k for k in c.s.active_cards() if k.kind in kinds]
    if cards:
        blocks.append(SubHeading(c.tr("export.resource_cards")))
        blocks.append(Bullets([x for x in (_card_line(c, k.id) for k in cards) if x]))
    rows: list[list[str | int | float]] = []
    for r in (r for r in c.s.resources if r.deleted_at is None):
        linked = ", ".join(c.cat_titles.get(cid, "") for cid in r.linked_category_ids)
        rows.append([r.name, c.tr(f"export.scope.{r.scope.value}"),
                     c.tr(f"export.rtype.{r.type.value}"), c.free_person(r.contact),
                     r.can_help_with, linked])
    if rows:
        blocks.append(SubHeading(c.tr("export.resource_systems")))
        blocks.append(Table("resources", [
            c.tr("export.col.name"), c.tr("export.col.scope"), c.tr("export.col.type"),
            c.tr("export.col.contact"), c.tr("export.col.can_help"),
            c.tr("export.col.linked")], rows))
    if not blocks:
        blocks.append(Para(c.tr("export.none")))
    return Section("resources", c.tr("export.section.resources"), blocks)


def _network(c: _Ctx) -> Section:
    rows: list[list[str | int | float]] = [
        [c.d(n.date), n.partner, n.purpose, n.outcome, n.follow_up]
        for n in c.s.network_links if n.deleted_at is None
    ]
    blocks: list = [Table("network", [
        c.tr("export.col.date"), c.tr("export.col.partner"), c.tr("export.col.purpose"),
        c.tr("export.col.outcome"), c.tr("export.col.follow_up")], rows)] if rows else [
        Para(c.tr("export.none"))]
    return Section("network", c.tr("export.section.network"), blocks)


def _action_plan(c: _Ctx) -> Section:
    order = c.order
    pos = {cid: i for i, cid in enumerate(order, start=1)}
    items = [a for a in c.s.action_items if a.deleted_at is None]
    items.sort(key=lambda a: (pos.get(a.category_id or "", 10**6), a.created_at))
    rows: list[list[str | int | float]] = []
    for a in items:
        when = c.d(a.when) or a.when_text
        prio = pos.get(a.category_id or "")
        rows.append([
            prio if prio is not None else "", c.cat_titles.get(a.category_id or "", ""),
            a.action, a.objective, c.free_person(a.responsible), when, a.where, a.partner,
            a.indicator, c.tr(f"export.status.{a.status.value}"),
        ])
    blocks: list = []
    for place, cid in unplanned_top(c.s, order):  # a dropped action does not count
        key = "top_without_action" if place == 1 else "priority_without_action"
        blocks.append(Flag(c.tr(f"export.flag.{key}", place=place, title=c.cat_titles[cid])))
    blocks.append(Table("action_plan", [
        c.tr("export.col.priority"), c.tr("export.col.category"), c.tr("export.col.action"),
        c.tr("export.col.objective"), c.tr("export.col.responsible"), c.tr("export.col.when"),
        c.tr("export.col.where"), c.tr("export.col.partner"), c.tr("export.col.indicator"),
        c.tr("export.col.status")], rows) if rows else Para(c.tr("export.none")))
    return Section("action_plan", c.tr("export.section.action_plan"), blocks)


def _stages(c: _Ctx) -> Section:
    blocks: list = []
    records = [r for r in c.s.stages if r.deleted_at is None]
    for kind in StageKind:
        blocks.append(SubHeading(c.tr(f"export.stage.{kind.value}")))
        mine = sorted((r for r in records if r.stage is kind),
                      key=lambda r: (r.date or date.max, r.created_at))
        if not mine:
            blocks.append(Para(c.tr("export.none")))
        for r in mine:
            when = c.days(r.date, r.end_date)
            lines = [f"{c.tr('export.col.date')}: {when or '-'}"]
            if r.place:
                lines.append(f"{c.tr('export.col.where')}: {r.place}")
            for ct in r.contacts:
                via = c.tr(f"export.channel.{ct.channel.value}")
                who = c.free_person(ct.name) + (f" ({ct.role})" if ct.role else "")
                lines.append(f"{c.tr('export.col.contact')}: {who}, {via}")
            for label, text in (("agreed", r.agreed), ("findings", r.findings),
                                ("notes", r.notes)):
                if text:
                    lines.append(f"{c.tr(f'export.col.{label}')}: {text}")
            blocks.append(Bullets(lines))
    return Section("stages", c.tr("export.section.stages"), blocks)


def _evaluation(c: _Ctx) -> list[Section]:
    ev = c.s.evaluation
    rows: list[list[str | int | float]] = [
        [c.tr(f"export.check.{i.key.value}"), c.yes_no(i.achieved), i.note] for i in ev.checklist
    ]
    blocks: list = [Table("checklist", [c.tr("export.col.item"), c.tr("export.col.achieved"),
                                        c.tr("export.col.note")], rows)]
    for key, items in (("supporting", ev.supporting_factors), ("obstacles", ev.obstacles),
                       ("results", ev.results), ("innovation", ev.innovation)):
        if items:
            blocks.append(SubHeading(c.tr(f"export.eval.{key}")))
            blocks.append(Bullets(list(items)))
    quotes = [q for q in ev.quotes if q.deleted_at is None]
    if quotes:
        blocks.append(SubHeading(c.tr("export.eval.validation")))
        lines = []
        for q in quotes:
            who = c.person(q.participant_id) if q.participant_id else q.speaker_code
            if not c.with_names and not q.participant_id:
                who = c.free_person(q.speaker_code)
            lines.append(f"“{q.text}”" + (f" — {who}" if who else ""))
        blocks.append(Bullets(lines))
    if ev.impact:
        blocks.append(SubHeading(c.tr("export.eval.impact")))
        blocks.append(Para(ev.impact))
    term: list = [Table("termination", [c.tr("export.col.field"), c.tr("export.col.value")], [
        [c.tr("export.col.date"), c.d(ev.termination_date)],
        [c.tr("export.eval.handover"), ev.handover],
    ])]
    return [Section("evaluation", c.tr("export.section.evaluation"), blocks),
            Section("termination", c.tr("export.section.termination"), term)]


def _capacity_rows(c: _Ctx, rows: list[CapacityRow], *, raters: bool
                   ) -> list[list[str | int | float]]:
    out: list[list[str | int | float]] = []
    for r in rows:
        change: str | float = "" if r.change is None else r.change
        before: str | float = "" if r.before is None else r.before
        after: str | float = "" if r.after is None else r.after
        name = c.tr(f"export.competency.{r.competency.value}")
        out.append([name, before, r.before_raters, after, r.after_raters, change] if raters
                   else [name, before, after, change])
    return out


def _capacity_chart(c: _Ctx, data: CapacitySummary) -> Chart:
    """One chart: before/after of the group's rating and of the participants' mean."""
    series: list[tuple[str, list[float]]] = []
    for shown, who, rows in ((data.has_group, "export.capacity_group_short", data.group),
                             (data.has_people, "export.capacity_people_short", data.people)):
        if shown:
            for col, pick in (("before", 0), ("after", 1)):
                values = [((r.before, r.after)[pick] or 0.0) for r in rows]
                series.append((f"{c.tr(who)}: {c.tr(f'export.col.{col}')}", values))
    return Chart("capacity", c.tr("export.chart.capacity"),
                 [c.tr(f"export.competency.{r.competency.value}") for r in data.people],
                 series, max_value=5.0)


def _capacity(c: _Ctx) -> Section:
    """The group's own rating and the participants' mean, never mixed (domain.capacity)."""
    data = capacity_summary(c.s)
    blocks: list = [Para(c.tr("export.capacity_scale"))]
    if data.has_group:
        blocks += [SubHeading(c.tr("export.capacity_group")), Table("capacity", [
            c.tr("export.col.competency"), c.tr("export.col.before"),
            c.tr("export.col.after"), c.tr("export.col.change")],
            _capacity_rows(c, data.group, raters=False))]
    if data.has_people:
        blocks += [SubHeading(c.tr("export.capacity_people", n=data.raters)),
                   Table("capacity_people", [
                       c.tr("export.col.competency"), c.tr("export.col.before"),
                       c.tr("export.col.raters"), c.tr("export.col.after"),
                       c.tr("export.col.raters"), c.tr("export.col.change")],
                       _capacity_rows(c, data.people, raters=True))]
    if data.has_group or data.has_people:
        blocks.append(_capacity_chart(c, data))
    else:
        blocks.append(Para(c.tr("export.none")))
    return Section("capacity", c.tr("export.section.capacity"), blocks)


_BUILDERS: list[Callable[[_Ctx], Section | list[Section]]] = [
    _details, _participants, _board, _counts_and_ranking, _resources, _network,
    _action_plan, _stages, _evaluation, _capacity,
]


def build_view(session: Session, *, lang: str = "id", with_names: bool = False,
               exported_at: datetime | None = None) -> ExportView:
    """Build the export view of a session.

    Args:
        session: The session (not changed).
        lang: Export language, "id" or "en".
        with_names: Show participants' names (and authorship) instead of codes.
        exported_at: When the export is made (shown in the identity block); None on screen.

    Returns:
        The sections in reading order, headed in ``lang``.
    """
    if not with_names:  # a name typed into any free-text field becomes her code
        session = code_names(session)
    ctx = _Ctx(session, lang, with_names, exported_at)
    sections: list[Section] = []
    notice = notice_section(session, lang=lang, with_names=with_names)
    if notice is not None:
        sections.append(notice)
    for build in _BUILDERS:
        out = build(ctx)
        sections.extend(out if isinstance(out, list) else [out])
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
        exported_at=exported_at,
    )


def cards_table(session: Session, *, lang: str = "id", with_names: bool = False) -> Table:
    """Every active card as a flat row (for kartu.csv and the xlsx "cards" sheet)."""
    if not with_names:
        session = code_names(session)
    ctx = _Ctx(session, lang, with_names)
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
