"""Models around the workshop: resources, network, action plan, stages, evaluation, capacity."""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from mpa_tui.domain.base import (
    Day,
    Entity,
    LongText,
    Model,
    OptionalName,
    Ref,
    RequiredLongText,
    RequiredName,
)
from mpa_tui.domain.enums import (
    ActionStatus,
    AssessmentPhase,
    ChecklistKey,
    Competency,
    ContactChannel,
    ResourceScope,
    ResourceType,
    StageKind,
)


class Resource(Entity):
    """A potential or resource (sistem sumber) the group can draw on."""

    name: RequiredName
    scope: ResourceScope = ResourceScope.EXTERNAL
    type: ResourceType = ResourceType.OTHER
    contact: OptionalName = ""
    can_help_with: LongText = ""
    linked_category_ids: list[Ref] = Field(default_factory=list, max_length=300)
    """Priority problems (categories) this resource can help with."""


class NetworkLink(Entity):
    """A link or referral made for the group (jejaring/rujukan)."""

    date: Day | None = None
    partner: RequiredName
    purpose: LongText = ""
    outcome: LongText = ""
    follow_up: LongText = ""
    resource_id: Ref | None = None


class ActionItem(Entity):
    """One line of the action plan (rencana aksi), tied to a priority category."""

    category_id: Ref | None = None
    action: RequiredLongText
    objective: LongText = ""
    responsible: OptionalName = ""
    when: Day | None = None
    when_text: OptionalName = ""
    """Free text when no exact date is known (e.g. "Juli 2023")."""
    where: OptionalName = ""
    partner: OptionalName = ""
    resource_id: Ref | None = None
    indicator: LongText = ""
    status: ActionStatus = ActionStatus.PLANNED


class Contact(Model):
    """Who was reached during coordination, and how."""

    name: RequiredName
    role: OptionalName = ""
    channel: ContactChannel = ContactChannel.PHONE


class StageRecord(Entity):
    """A record of one stage of the engagement (koordinasi, asesmen, ...)."""

    stage: StageKind
    date: Day | None = None
    end_date: Day | None = None
    place: OptionalName = ""
    contacts: list[Contact] = Field(default_factory=list, max_length=100)
    agreed: LongText = ""
    """What was agreed (coordination) or planned (action plan)."""
    findings: LongText = ""
    """What was found (assessment) or done (action)."""
    notes: LongText = ""

    @model_validator(mode="after")
    def _dates_in_order(self) -> StageRecord:
        if self.date and self.end_date and self.end_date < self.date:
            raise PydanticCustomError("end_before_start", "end date before start date")
        return self


class ChecklistItem(Model):
    """One item of the paper's process checklist, with the facilitator's note."""

    key: ChecklistKey
    achieved: bool | None = None
    note: LongText = ""


class Quote(Entity):
    """Participants' words for validation; pseudonymous (a code) by default."""

    text: RequiredLongText
    speaker_code: OptionalName = ""
    participant_id: Ref | None = None


class Evaluation(Entity):
    """Evaluation and termination (the paper's Evaluasi, Hasil dan Pembahasan)."""

    checklist: list[ChecklistItem] = Field(
        default_factory=lambda: [ChecklistItem(key=k) for k in ChecklistKey]
    )
    supporting_factors: list[RequiredLongText] = Field(default_factory=list, max_length=100)

    @field_validator("checklist")
    @classmethod
    def _one_item_per_key(cls, v: list[ChecklistItem]) -> list[ChecklistItem]:
        # Exactly the paper's four items, in its order: a file missing one (or holding
        # one twice, after a merge) still shows the whole checklist.
        first: dict[ChecklistKey, ChecklistItem] = {}
        for item in v:
            first.setdefault(item.key, item)
        return [first.get(k) or ChecklistItem(key=k) for k in ChecklistKey]

    obstacles: list[RequiredLongText] = Field(default_factory=list, max_length=100)
    results: list[RequiredLongText] = Field(default_factory=list, max_length=100)
    quotes: list[Quote] = Field(default_factory=list, max_length=500)
    impact: LongText = ""
    innovation: list[RequiredLongText] = Field(default_factory=list, max_length=100)

    @field_validator("quotes")
    @classmethod
    def _unique_quote_ids(cls, v: list[Quote]) -> list[Quote]:
        # A merge keys quotes by id: two with one id would lose one of them.
        seen: set[str] = set()
        for quote in v:
            if quote.id in seen:
                raise PydanticCustomError("duplicate_id", "duplicate id {id} in {name}",
                                          {"id": quote.id, "name": "quotes"})
            seen.add(quote.id)
        return v
    termination_date: Day | None = None
    handover: LongText = ""
    """What is handed over at termination (the paper hands the model to the village)."""


class CapacityRating(Entity):
    """A 1-5 self-assessment on one competency, before or after, by one person or the group."""

    competency: Competency
    phase: AssessmentPhase
    score: int = Field(ge=1, le=5)
    participant_id: Ref | None = None
    """None means the rating was given by the group as a whole (unless ``anonymous``)."""
    anonymous: bool = False
    """Given by one participant whose link a coded export removed (UU PDP): it counts
    among the participants' ratings, never as the group's."""
    date: Day | None = None
