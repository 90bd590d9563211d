"""The MPA domain: Pydantic v2 models and pure rules. Imports no Textual and no TinyDB.

The names below are loaded on first use (PEP 562): importing ``mpa_tui.domain.enums``
or ``mpa_tui.domain.version`` must not build every pydantic model, because the app's
start-up (home screen, ``mpa list``) needs neither (docs/BENCHMARKS.md, start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mpa_tui.domain.base import Entity, new_id, utcnow
    from mpa_tui.domain.cycle import (
        ActionItem,
        CapacityRating,
        ChecklistItem,
        Contact,
        Evaluation,
        NetworkLink,
        Quote,
        Resource,
        StageRecord,
    )
    from mpa_tui.domain.enums import (
        ActionStatus,
        AgeBand,
        AssessmentPhase,
        CardColour,
        CardKind,
        ChecklistKey,
        Competency,
        ContactChannel,
        CountingMode,
        PaperSize,
        RankingMethod,
        ResourceScope,
        ResourceType,
        Role,
        Sex,
        StageKind,
        Step,
        VoteEntry,
    )
    from mpa_tui.domain.errors import DomainError, Problem, problems_from
    from mpa_tui.domain.note import Note, NoteTopic, Speaker
    from mpa_tui.domain.order import final_order
    from mpa_tui.domain.rules import RankedCategory, Tally, rank_categories, tally
    from mpa_tui.domain.session import (
        Card,
        Category,
        Location,
        PairwiseChoice,
        Participant,
        Session,
        Settings,
        TieBreak,
        Vote,
    )
    from mpa_tui.domain.version import SCHEMA_VERSION

_WHERE: dict[str, str] = {
    "Entity": "mpa_tui.domain.base",
    "new_id": "mpa_tui.domain.base",
    "utcnow": "mpa_tui.domain.base",
    "ActionItem": "mpa_tui.domain.cycle",
    "CapacityRating": "mpa_tui.domain.cycle",
    "ChecklistItem": "mpa_tui.domain.cycle",
    "Contact": "mpa_tui.domain.cycle",
    "Evaluation": "mpa_tui.domain.cycle",
    "NetworkLink": "mpa_tui.domain.cycle",
    "Quote": "mpa_tui.domain.cycle",
    "Resource": "mpa_tui.domain.cycle",
    "StageRecord": "mpa_tui.domain.cycle",
    "ActionStatus": "mpa_tui.domain.enums",
    "AgeBand": "mpa_tui.domain.enums",
    "AssessmentPhase": "mpa_tui.domain.enums",
    "CardColour": "mpa_tui.domain.enums",
    "CardKind": "mpa_tui.domain.enums",
    "ChecklistKey": "mpa_tui.domain.enums",
    "Competency": "mpa_tui.domain.enums",
    "ContactChannel": "mpa_tui.domain.enums",
    "CountingMode": "mpa_tui.domain.enums",
    "PaperSize": "mpa_tui.domain.enums",
    "RankingMethod": "mpa_tui.domain.enums",
    "ResourceScope": "mpa_tui.domain.enums",
    "ResourceType": "mpa_tui.domain.enums",
    "Role": "mpa_tui.domain.enums",
    "Sex": "mpa_tui.domain.enums",
    "StageKind": "mpa_tui.domain.enums",
    "Step": "mpa_tui.domain.step",
    "VoteEntry": "mpa_tui.domain.enums",
    "DomainError": "mpa_tui.domain.errors",
    "Note": "mpa_tui.domain.note",
    "NoteTopic": "mpa_tui.domain.note",
    "Speaker": "mpa_tui.domain.note",
    "Problem": "mpa_tui.domain.errors",
    "problems_from": "mpa_tui.domain.errors",
    "RankedCategory": "mpa_tui.domain.rules",
    "Tally": "mpa_tui.domain.rules",
    "final_order": "mpa_tui.domain.order",
    "rank_categories": "mpa_tui.domain.rules",
    "tally": "mpa_tui.domain.rules",
    "Card": "mpa_tui.domain.session",
    "Category": "mpa_tui.domain.session",
    "Location": "mpa_tui.domain.session",
    "PairwiseChoice": "mpa_tui.domain.session",
    "Participant": "mpa_tui.domain.session",
    "Session": "mpa_tui.domain.session",
    "Settings": "mpa_tui.domain.session",
    "TieBreak": "mpa_tui.domain.session",
    "Vote": "mpa_tui.domain.session",
    "SCHEMA_VERSION": "mpa_tui.domain.version",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is a plain module attribute
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_WHERE))


__all__ = [
    "SCHEMA_VERSION", "ActionItem", "ActionStatus", "AgeBand", "AssessmentPhase",
    "CapacityRating", "Card", "CardColour", "CardKind", "Category", "ChecklistItem",
    "ChecklistKey", "Competency", "Contact", "ContactChannel", "CountingMode", "DomainError",
    "Entity", "Evaluation", "Location", "NetworkLink", "Note", "NoteTopic", "PairwiseChoice",
    "PaperSize",
    "Participant", "Problem", "Quote", "RankedCategory", "RankingMethod", "Resource",
    "ResourceScope", "ResourceType", "Role", "Session", "Settings", "Sex", "Speaker", "StageKind",
    "StageRecord", "Step", "Tally", "TieBreak", "Vote", "VoteEntry", "final_order", "new_id",
    "problems_from", "rank_categories", "tally", "utcnow",
]
