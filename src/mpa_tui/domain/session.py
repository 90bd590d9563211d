"""The session (one MPA workshop) and the workshop's own entities."""

from __future__ import annotations

from datetime import date

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from mpa_tui.domain.base import (
    SCHEMA_VERSION,
    CardText,
    Entity,
    LongText,
    Model,
    OptionalName,
    Reason,
    RequiredName,
    UtcDatetime,
    new_id,
    utcnow,
)
from mpa_tui.domain.cycle import (
    ActionItem,
    CapacityRating,
    Evaluation,
    NetworkLink,
    Resource,
    StageRecord,
)
from mpa_tui.domain.enums import (
    AgeBand,
    CardColour,
    CardKind,
    CountingMode,
    PaperSize,
    RankingMethod,
    Role,
    Sex,
    Step,
    VoteEntry,
)
from mpa_tui.domain.ids import SESSION_ID_PATTERN

ENTITY_LISTS = (
    "participants", "cards", "categories", "votes", "resources", "network_links",
    "action_items", "stages", "capacity", "tie_breaks", "pairwise",
)
"""The session's lists of entities (ids unique within each)."""



class Location(Model):
    """Where the group is: desa, kecamatan, kabupaten, provinsi."""

    village: OptionalName = ""
    subdistrict: OptionalName = ""
    regency: OptionalName = ""
    province: OptionalName = ""


class Settings(Model):
    """Per-session choices the facilitator makes before the workshop."""

    record_authorship: bool = False
    """Off by default: who wrote a card is personal data and is rarely needed."""
    counting_mode: CountingMode = CountingMode.CARDS
    vote_entry: VoteEntry = VoteEntry.PER_PARTICIPANT
    vote_budget: int = Field(default=3, ge=1, le=50)
    """Votes each participant may give in total."""
    max_votes_per_category: int | None = Field(default=None, ge=1, le=50)
    """How many of her votes one participant may give to a single category (None: no cap)."""
    ranking_method: RankingMethod = RankingMethod.COUNT
    paper_size: PaperSize = PaperSize.A4
    timer_minutes: int = Field(default=10, ge=1, le=180)


class Participant(Entity):
    """Someone in the circle. The name may be a code such as P01."""

    name: RequiredName
    role: Role = Role.MEMBER
    position: OptionalName = ""
    """Her office in the group when she is pengurus (e.g. ketua, sekretaris, bendahara)."""
    present: bool = True
    seat: int = Field(default=0, ge=0)
    """Position in the circle; the turn order when writing and sticking cards."""
    sex: Sex | None = None
    age_band: AgeBand | None = None


class Card(Entity):
    """One card: one problem, need, potential or resource, as a participant wrote it."""

    text: CardText
    kind: CardKind = CardKind.PROBLEM
    colour: CardColour = CardColour.YELLOW
    author_id: str | None = None
    posted: bool = False
    """Stuck on the plano sheet (step 3)."""
    category_id: str | None = None


class Category(Entity):
    """A group of similar cards; titled in step 5, counted in 6, ranked in 7."""

    title: OptionalName = ""
    card_ids: list[str] = Field(default_factory=list)
    hand_votes: int | None = Field(default=None, ge=0, le=10_000)
    """Raised-hands total, when votes are entered as totals."""
    note: LongText = ""


class Vote(Entity):
    """Votes one participant gives one category (per-participant vote entry)."""

    participant_id: str
    category_id: str
    count: int = Field(default=1, ge=1, le=50)


class TieBreak(Entity):
    """The order the group chose among categories that tied, and why."""

    category_ids: list[str] = Field(min_length=2)
    reason: Reason


class PairwiseChoice(Entity):
    """One "which is more urgent?" answer between two categories (pairwise ranking)."""

    category_a: str
    category_b: str
    winner_id: str | None = None
    """None records "equally urgent"."""


class CaptureDraft(Model):
    """Step 2's work in progress: kept with the session so a restart or a power cut loses
    neither the half-typed card nor whose turn it is nor the writing time left."""

    text: str = Field(default="", max_length=1000)
    """The card being typed, exactly as typed (not yet a card: may be empty)."""
    kind: CardKind = CardKind.PROBLEM
    colour: CardColour = CardColour.YELLOW
    turn_id: str | None = Field(default=None, max_length=64)
    timer_left: float | None = Field(default=None, ge=0, le=180 * 60)
    """Seconds left on the writing countdown (None: never started since the last reset)."""


class Session(Model):
    """One MPA workshop with one group, and everything recorded around it."""

    id: str = Field(default_factory=new_id, min_length=1, max_length=64,
                    pattern=SESSION_ID_PATTERN)
    """Also the session's file name in the store, hence the safe alphabet."""
    schema_version: int = SCHEMA_VERSION
    created_at: UtcDatetime = Field(default_factory=utcnow)
    updated_at: UtcDatetime = Field(default_factory=utcnow)
    deleted_at: UtcDatetime | None = None
    is_example: bool = False

    group_name: RequiredName
    location: Location = Field(default_factory=Location)
    start_date: date | None = None
    end_date: date | None = None
    place: OptionalName = ""
    facilitators: list[RequiredName] = Field(default_factory=list)
    guiding_question: LongText = ""
    language: str = Field(default="id", pattern="^(id|en)$")
    settings: Settings = Field(default_factory=Settings)
    current_step: Step = Step.CIRCLE
    completed_steps: list[Step] = Field(default_factory=list)

    participants: list[Participant] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)
    categories: list[Category] = Field(default_factory=list)
    votes: list[Vote] = Field(default_factory=list)
    tie_breaks: list[TieBreak] = Field(default_factory=list)
    pairwise: list[PairwiseChoice] = Field(default_factory=list)
    priority_order: list[str] = Field(default_factory=list)
    """Category ids in the confirmed final order (step 8); empty until confirmed."""
    priority_confirmed_at: UtcDatetime | None = None

    resources: list[Resource] = Field(default_factory=list)
    network_links: list[NetworkLink] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    stages: list[StageRecord] = Field(default_factory=list)
    evaluation: Evaluation = Field(default_factory=Evaluation)
    capacity: list[CapacityRating] = Field(default_factory=list)
    capture: CaptureDraft = Field(default_factory=CaptureDraft)
    """Step 2's draft, turn and countdown (not part of any report)."""

    @field_validator("completed_steps")
    @classmethod
    def _sorted_unique_steps(cls, v: list[Step]) -> list[Step]:
        return sorted(set(v))

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Session:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise PydanticCustomError("end_before_start", "end date before start date")
        # On assignment pydantic names the one field set: only a new list of cards or
        # categories needs the (O(n)) checks. Ops stamp ``updated_at`` while they work, and
        # repairing membership then would undo a half-made move.
        assigned = info.field_name
        for name in ENTITY_LISTS:
            if assigned is not None and assigned != name:
                continue
            seen: set[str] = set()
            for item in getattr(self, name):
                if item.id in seen:
                    raise PydanticCustomError(
                        "duplicate_id", "duplicate id {id} in {name}", {"id": item.id, "name": name}
                    )
                seen.add(item.id)
        if assigned is None or assigned in ("cards", "categories"):
            _sync_membership(self)
        return self

    # Lookups used everywhere; linear scans are fine at workshop sizes (hundreds).
    def card(self, card_id: str) -> Card | None:
        """Return the card with this id, deleted or not."""
        return next((c for c in self.cards if c.id == card_id), None)

    def category(self, category_id: str) -> Category | None:
        """Return the category with this id, deleted or not."""
        return next((c for c in self.categories if c.id == category_id), None)

    def participant(self, participant_id: str) -> Participant | None:
        """Return the participant with this id, deleted or not."""
        return next((p for p in self.participants if p.id == participant_id), None)

    def active_cards(self) -> list[Card]:
        """Cards not in the trash, in creation order."""
        return [c for c in self.cards if c.deleted_at is None]

    def active_categories(self) -> list[Category]:
        """Categories not in the trash, in creation order."""
        return [c for c in self.categories if c.deleted_at is None]

    def circle(self) -> list[Participant]:
        """Participants not in the trash, in seat (turn) order."""
        alive = [p for p in self.participants if p.deleted_at is None]
        return sorted(alive, key=lambda p: (p.seat, p.created_at))

    def touch(self) -> None:
        """Mark the session as changed now."""
        self.updated_at = utcnow()


def _sync_membership(session: Session) -> None:
    """Make ``Category.card_ids`` and ``Card.category_id`` agree.

    ``Category.card_ids`` is authoritative (it holds the order). A card listed by two
    categories stays in the first; a card that names a category not listing it is
    appended there; ids of unknown cards are dropped. A category in the trash holds no
    cards (deleting one sends its cards back to "unsorted"), so a card it still lists
    after a merge goes back to unsorted instead of vanishing with it. Runs after every
    validation so a merged or hand-edited file can never hold a card in two places.
    """
    cards = {c.id: c for c in session.cards}
    cats = {c.id: c for c in session.categories if c.deleted_at is None}
    owner: dict[str, str] = {}
    for cat in session.categories:
        kept = []
        for cid in cat.card_ids:
            if cat.id in cats and cid in cards and cid not in owner:
                owner[cid] = cat.id
                kept.append(cid)
        if kept != cat.card_ids:
            object.__setattr__(cat, "card_ids", kept)
    for card in session.cards:
        if card.id in owner:
            if card.category_id != owner[card.id]:
                object.__setattr__(card, "category_id", owner[card.id])
        elif card.category_id is not None:
            target = cats.get(card.category_id)
            if target is None:
                object.__setattr__(card, "category_id", None)
            else:
                target.card_ids.append(card.id)
                owner[card.id] = target.id
