"""The MPA domain: Pydantic v2 models and pure rules. Imports no Textual and no TinyDB."""

from mpa_tui.domain.base import SCHEMA_VERSION, Entity, new_id, utcnow
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
from mpa_tui.domain.rules import RankedCategory, Tally, final_order, rank_categories, tally
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

__all__ = [
    "SCHEMA_VERSION", "ActionItem", "ActionStatus", "AgeBand", "AssessmentPhase",
    "CapacityRating", "Card", "CardColour", "CardKind", "Category", "ChecklistItem",
    "ChecklistKey", "Competency", "Contact", "ContactChannel", "CountingMode", "DomainError",
    "Entity", "Evaluation", "Location", "NetworkLink", "PairwiseChoice", "PaperSize",
    "Participant", "Problem", "Quote", "RankedCategory", "RankingMethod", "Resource",
    "ResourceScope", "ResourceType", "Role", "Session", "Settings", "Sex", "StageKind",
    "StageRecord", "Step", "Tally", "TieBreak", "Vote", "VoteEntry", "final_order", "new_id",
    "problems_from", "rank_categories", "tally", "utcnow",
]
