"""The export view's sections around the workshop: resources, network, action plan, stages,
evaluation and capacity (the workshop's own steps are in :mod:`mpa_tui.export.summary`)."""

from __future__ import annotations

from datetime import date

from mpa_tui.domain.capacity import CapacityRow, CapacitySummary, capacity_summary
from mpa_tui.domain.enums import (
    CardKind,
    StageKind,
)
from mpa_tui.domain.order import unplanned_top
from mpa_tui.export.model import (
    Bullets,
    Chart,
    Flag,
    Para,
    Section,
    SubHeading,
    Table,
)
from mpa_tui.export.summary_ctx import Ctx
from mpa_tui.export.summary_notes import quote_lines


def resources_section(c: Ctx) -> Section:
    blocks: list = []
    kinds = (CardKind.POTENTIAL, CardKind.RESOURCE)
    cards = [k for k in c.s.active_cards() if k.kind in kinds]
    if cards:
        blocks.append(SubHeading(c.tr("export.resource_cards")))
        blocks.append(Bullets([x for x in (c.card_line(k.id) for k in cards) if x]))
    rows: list[list[str | int | float]] = []
    for r in (r for r in c.s.resources if r.deleted_at is None):
        linked = ", ".join(c.cat_titles.get(cid, "") for cid in r.linked_category_ids)
        rows.append([r.name, c.tr(f"export.scope.{r.scope.value}"),
                     c.tr(f"export.rtype.{r.type.value}"), r.contact,
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


def network_section(c: Ctx) -> Section:
    rows: list[list[str | int | float]] = [
        [c.d(n.date), n.partner, n.purpose, n.outcome, n.follow_up]
        for n in c.s.network_links if n.deleted_at is None
    ]
    blocks: list = [Table("network", [
        c.tr("export.col.date"), c.tr("export.col.partner"), c.tr("export.col.purpose"),
        c.tr("export.col.outcome"), c.tr("export.col.follow_up")], rows)] if rows else [
        Para(c.tr("export.none"))]
    return Section("network", c.tr("export.section.network"), blocks)


def action_plan_section(c: Ctx) -> Section:
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
            a.action, a.objective, a.responsible, when, a.where, a.partner,
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


def stages_section(c: Ctx) -> Section:
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
                who = ct.name + (f" ({ct.role})" if ct.role else "")
                lines.append(f"{c.tr('export.col.contact')}: {who}, {via}")
            for label, text in (("agreed", r.agreed), ("findings", r.findings),
                                ("notes", r.notes)):
                if text:
                    lines.append(f"{c.tr(f'export.col.{label}')}: {text}")
            blocks.append(Bullets(lines))
    return Section("stages", c.tr("export.section.stages"), blocks)


def evaluation_sections(c: Ctx) -> list[Section]:
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
    quotes = quote_lines(c)  # the evaluation's own and the notes marked as quotes
    if quotes:
        blocks.append(SubHeading(c.tr("export.eval.validation")))
        blocks.append(Bullets(quotes))
    if ev.impact:
        blocks.append(SubHeading(c.tr("export.eval.impact")))
        blocks.append(Para(ev.impact))
    term: list = [Table("termination", [c.tr("export.col.field"), c.tr("export.col.value")], [
        [c.tr("export.col.date"), c.d(ev.termination_date)],
        [c.tr("export.eval.handover"), ev.handover],
    ])]
    return [Section("evaluation", c.tr("export.section.evaluation"), blocks),
            Section("termination", c.tr("export.section.termination"), term)]


def _capacity_rows(c: Ctx, rows: list[CapacityRow], *, raters: bool
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


def _capacity_chart(c: Ctx, data: CapacitySummary) -> Chart:
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


def capacity_section(c: Ctx) -> Section:
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
