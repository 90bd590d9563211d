"""Merging two versions of one session (from two laptops), entity by entity, by id.

Rules: an entity present on one side only is kept; present on both, the version with
more edits (``version``) wins, then the newest ``updated_at`` (equal: a fixed order of
their content, so the result never depends on which side is "local"). A laptop whose
clock is a year off therefore neither wins nor loses every conflict: an edit made after
receiving the other's version always counts higher. Deletions are soft (``deleted_at``)
and travel like any other change. The session's own fields come from the newer session. The merge
is pure: no store, no clock, no I/O.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from mpa_tui.domain.session import Session

COLLECTIONS = (
    "participants", "cards", "categories", "votes", "tie_breaks", "pairwise", "resources",
    "network_links", "action_items", "stages", "capacity", "notes",
)
_NESTED = {"evaluation": ("quotes",)}
_DERIVED = {"category_id", "card_ids"}


@dataclass(frozen=True)
class Conflict:
    """An entity both sides changed differently; ``winner`` says whose version was kept."""

    collection: str
    entity_id: str
    winner: str
    """"local", "incoming" or "both" (same moment: the cards of both kept)."""


@dataclass
class MergeResult:
    """The merged session, whether it differs from the local one, and the conflicts."""

    session: Session
    changed: bool
    conflicts: list[Conflict] = field(default_factory=list)


def _key(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _when(value: Any) -> datetime:
    # Parsed, not compared as text: "…:00Z" and "…:00.5Z" do not sort as strings.
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _version(item: dict[str, Any]) -> int:
    v = item.get("version", 0)
    return v if isinstance(v, int) else 0


def _stamp(item: dict[str, Any]) -> tuple[int, datetime]:
    """How recent a version is: its edit count first, its clock only to break a tie."""
    return (_version(item), _when(item.get("updated_at")))


def _pick(a: dict[str, Any], b: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The winning version of two dumps of the same thing, and whether ``b`` won."""
    ta, tb = _stamp(a), _stamp(b)
    if ta != tb:
        return (b, True) if tb > ta else (a, False)
    # Equal times: a fixed order of the content. Card membership (set again after the
    # merge) is compared last, so the merge's own repair cannot flip a later choice.
    ka = (_key({k: v for k, v in a.items() if k not in _DERIVED}), _key(a))
    kb = (_key({k: v for k, v in b.items() if k not in _DERIVED}), _key(b))
    return (b, True) if kb > ka else (a, False)


def _order_key(item: dict[str, Any]) -> tuple[datetime, str]:
    return (_when(item.get("created_at")), str(item["id"]))


def _same_but_members(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two category versions stamped at the same moment that differ only in their cards."""
    if "card_ids" not in a or _stamp(a) != _stamp(b):
        return False
    return _key({**a, "card_ids": []}) == _key({**b, "card_ids": []})


def _merge_list(name: str, local: list[dict[str, Any]], incoming: list[dict[str, Any]],
                conflicts: list[Conflict], unions: set[str] | None = None
                ) -> list[dict[str, Any]]:
    """Union by id; the local order is kept and new items follow in the incoming order."""
    merged: dict[str, dict[str, Any]] = {i["id"]: i for i in local}
    for item in incoming:
        mine = merged.get(item["id"])
        if mine is None:
            merged[item["id"]] = item
            continue
        if _key(mine) == _key(item):
            continue
        if unions is not None and _same_but_members(mine, item):
            # No newer side to prefer: keep both sides' cards, the chosen side's first.
            win, theirs = _pick(mine, item)
            other = mine if theirs else item
            both = win["card_ids"] + [c for c in other["card_ids"] if c not in win["card_ids"]]
            merged[item["id"]] = {**win, "card_ids": both}
            unions.add(item["id"])
            conflicts.append(Conflict(name, item["id"], "both"))
            continue
        win, theirs = _pick(mine, item)
        merged[item["id"]] = win
        conflicts.append(Conflict(name, item["id"], "incoming" if theirs else "local"))
    return list(merged.values())


def _newest_first(item: dict[str, Any]) -> tuple[int, datetime, str]:
    return (*_stamp(item), str(item["id"]))


def _reconcile_membership(out: dict[str, Any], unions: set[str]) -> None:
    """Settle which category holds each card, whatever order the lists are in.

    Two laptops may have put the same card in different categories. The category whose
    version is newest keeps it; a card naming a category that does not list it is added
    there (in a fixed order). The model's own check then finds nothing to change, so
    the result does not depend on which side was "local".
    """
    cards = {c["id"]: c for c in out["cards"]}
    cats = {c["id"]: c for c in out["categories"]}
    owner: dict[str, str] = {}
    for cat in sorted(cats.values(), key=_newest_first, reverse=True):
        for cid in cat["card_ids"]:
            if cid in cards:
                owner.setdefault(cid, cat["id"])
    for cat in cats.values():
        kept = list(dict.fromkeys(c for c in cat["card_ids"] if owner.get(c) == cat["id"]))
        if kept != cat["card_ids"]:
            cat["card_ids"] = kept
    strays = sorted((c for c in cards.values() if c["id"] not in owner
                     and c.get("category_id") in cats), key=_order_key)
    for card in strays:
        cats[card["category_id"]]["card_ids"].append(card["id"])
        owner[card["id"]] = card["category_id"]
    for card in cards.values():
        want = owner.get(card["id"])
        if card.get("category_id") != want:
            card["category_id"] = want


def content(session: Session) -> dict[str, Any]:
    """The session as data with entity lists keyed by id (list order does not matter)."""
    data = session.model_dump(mode="json")
    for name in COLLECTIONS:
        data[name] = {i["id"]: i for i in data[name]}
    for parent, names in _NESTED.items():
        for name in names:
            data[parent][name] = {i["id"]: i for i in data[parent][name]}
    return data


def merge_sessions(local: Session, incoming: Session) -> MergeResult:
    """Merge ``incoming`` into ``local`` (same session id).

    Returns:
        A :class:`MergeResult`; when nothing differs in content, ``session`` is a copy
        of ``local`` and ``changed`` is False.

    Raises:
        ValueError: when the two sessions have different ids.
    """
    if local.id != incoming.id:
        raise ValueError("different sessions")
    a, b = local.model_dump(mode="json"), incoming.model_dump(mode="json")
    conflicts: list[Conflict] = []
    top, _ = _pick({k: v for k, v in a.items() if k not in COLLECTIONS and k != "evaluation"},
                   {k: v for k, v in b.items() if k not in COLLECTIONS and k != "evaluation"})
    out: dict[str, Any] = dict(top)
    # Step 2's draft belongs to this laptop: bundles never carry one, a merge never drops it.
    out["capture"] = a["capture"]
    out["created_at"] = min(a["created_at"], b["created_at"], key=_when)
    unions: set[str] = set()
    for name in COLLECTIONS:
        out[name] = _merge_list(name, a[name], b[name], conflicts,
                                unions if name == "categories" else None)
    ev_a = {k: v for k, v in a["evaluation"].items() if k != "quotes"}
    ev_b = {k: v for k, v in b["evaluation"].items() if k != "quotes"}
    ev, ev_theirs = _pick(ev_a, ev_b)
    if _key(ev_a) != _key(ev_b):
        conflicts.append(Conflict("evaluation", a["evaluation"]["id"],
                                  "incoming" if ev_theirs else "local"))
    ev = dict(ev)
    ev["quotes"] = _merge_list("quotes", a["evaluation"]["quotes"],
                               b["evaluation"]["quotes"], conflicts)
    out["evaluation"] = ev
    _reconcile_membership(out, unions)
    merged = Session.model_validate(out)
    if content(merged) == content(local):
        return MergeResult(local.model_copy(deep=True), False, [])
    return MergeResult(merged, True, conflicts)
