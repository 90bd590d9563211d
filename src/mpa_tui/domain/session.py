"""The session (one MPA workshop) and the workshop's own entities."""

from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from mpa_tui.domain.base import (
    MAX_VERSION,
    SCHEMA_VERSION,
    CardText,
    Day,
    DraftText,
    Entity,
    LongText,
    Model,
    OptionalName,
    Reason,
    Ref,
    RequiredName,
    UtcDatetime,
    count_edit,
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
from mpa_tui.domain.errors import DomainError
from mpa_tui.domain.ids import SESSION_ID_PATTERN
from mpa_tui.domain.note import Note

ENTITY_LISTS = (
    "participants", "cards", "categories", "votes", "resources", "network_links",
    "action_items", "stages", "capacity", "tie_breaks", "pairwise", "notes",
)
"""The session's lists of entities (ids unique within each)."""

LIMITS = {
    "participants": 200, "cards": 3000, "categories": 300, "votes": 20_000,
    "tie_breaks": 300, "pairwise": 5000, "resources": 500, "network_links": 500,
    "action_items": 500, "stages": 200, "capacity": 2500, "notes": 1000,
}
"""The most of each entity list one session holds, trash included (a village workshop has
15-40 participants and a few hundred cards; these leave ample room and keep every screen
and export fast). Stated in the bundle's JSON Schema; docs/BUNDLE.md lists them."""


def _list(name: str) -> Any:
    return Field(default_factory=list, max_length=LIMITS[name])


def ensure_room(session: Session, name: str, more: int = 1) -> None:
    """Refuse an edit that would take a list past its limit (the file must stay loadable).

    Raises:
        DomainError: ``too_many``.
    """
    limit = LIMITS[name]
    if len(getattr(session, name)) + more > limit:
        raise DomainError("too_many", max_length=limit)



class Location(Model):
    """Where the group is: desa, kecamatan, kabupaten, provinsi."""

    village: OptionalName = ""
    subdistrict: OptionalName = ""
    regency: OptionalName = ""
    province: OptionalName = ""
    region_code: str = Field(default="", pattern=r"^(\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?)?$")
    """Kemendagri code of the deepest level picked from the official list ("" = typed only).

    See :mod:`mpa_tui.domain.places`; the names above stay as typed.
    """


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
    seat: int = Field(default=0, ge=0, le=9_999)
    """Position in the circle; the turn order when writing and sticking cards."""
    sex: Sex | None = None
    age_band: AgeBand | None = None


class Card(Entity):
    """One card: one problem, need, potential or resource, as a participant wrote it."""

    text: CardText
    kind: CardKind = CardKind.PROBLEM
    colour: CardColour = CardColour.YELLOW
    author_id: Ref | None = None
    posted: bool = False
    """Stuck on the plano sheet (step 3)."""
    category_id: Ref | None = None


class Category(Entity):
    """A group of similar cards; titled in step 5, counted in 6, ranked in 7."""

    title: OptionalName = ""
    card_ids: list[Ref] = Field(default_factory=list, max_length=LIMITS["cards"])
    hand_votes: int | None = Field(default=None, ge=0, le=10_000)
    """Raised-hands total, when votes are entered as totals."""
    note: LongText = ""


class Vote(Entity):
    """Votes one participant gives one category (per-participant vote entry)."""

    participant_id: Ref
    category_id: Ref
    count: int = Field(default=1, ge=1, le=50)


class TieBreak(Entity):
    """The order the group chose among categories that tied, and why."""

    category_ids: list[Ref] = Field(min_length=2, max_length=LIMITS["categories"])
    reason: Reason


class PairwiseChoice(Entity):
    """One "which is more urgent?" answer between two categories (pairwise ranking)."""

    category_a: Ref
    category_b: Ref
    winner_id: Ref | None = None
    """None records "equally urgent"."""


class CaptureDraft(Model):
    """Step 2's work in progress: kept with the session so a restart or a power cut loses
    neither the half-typed card nor whose turn it is nor the writing time left."""

    text: DraftText = Field(default="", max_length=1000)
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
    schema_version: int = Field(default=SCHEMA_VERSION, ge=1, le=10_000)
    created_at: UtcDatetime = Field(default_factory=utcnow)
    updated_at: UtcDatetime = Field(default_factory=utcnow)
    deleted_at: UtcDatetime | None = None
    version: int = Field(default=0, ge=0, le=MAX_VERSION)
    """Edits counted as for :class:`~mpa_tui.domain.base.Entity`."""
    is_example: bool = False

    group_name: RequiredName
    location: Location = Field(default_factory=Location)
    start_date: Day | None = None
    end_date: Day | None = None
    place: OptionalName = ""
    facilitators: list[RequiredName] = Field(default_factory=list, max_length=50)
    guiding_question: LongText = ""
    language: str = Field(default="id", pattern="^(id|en)$")
    settings: Settings = Field(default_factory=Settings)
    current_step: Step = Step.CIRCLE
    completed_steps: list[Step] = Field(default_factory=list, max_length=100)

    participants: list[Participant] = _list("participants")
    cards: list[Card] = _list("cards")
    categories: list[Category] = _list("categories")
    votes: list[Vote] = _list("votes")
    tie_breaks: list[TieBreak] = _list("tie_breaks")
    pairwise: list[PairwiseChoice] = _list("pairwise")
    priority_order: list[Ref] = Field(default_factory=list, max_length=LIMITS["categories"])
    """Category ids in the confirmed final order (step 8); empty until confirmed."""
    priority_confirmed_at: UtcDatetime | None = None

    resources: list[Resource] = _list("resources")
    network_links: list[NetworkLink] = _list("network_links")
    action_items: list[ActionItem] = _list("action_items")
    stages: list[StageRecord] = _list("stages")
    evaluation: Evaluation = Field(default_factory=Evaluation)
    capacity: list[CapacityRating] = _list("capacity")
    notes: list[Note] = _list("notes")
    """Process notes (catatan proses) of every step, in the order they were taken."""
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
        count_edit(self, info)
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

    def find(self, name: str, item_id: str) -> Any:
        """The entity with this id in the list ``name`` (deleted or not), or None; O(1).

        The index (id -> position) is built once per list and rebuilt when the list is
        replaced or its length changes. Edits append or insert in place (never remove:
        deletes are soft), so that is enough; every hit is still checked against the
        list, and a stale position rebuilds it.
        """
        items = getattr(self, name)
        # Kept outside the model's fields and private attributes, so that comparing,
        # dumping and copying sessions ignore it (a deep copy's new lists rebuild it).
        index: dict[str, tuple[list[Any], int, dict[str, int]]] = self.__dict__.setdefault(
            "_lookup_index", {})
        cached = index.get(name)
        if cached is None or cached[0] is not items or cached[1] != len(items):
            cached = (items, len(items), {e.id: i for i, e in enumerate(items)})
            index[name] = cached
        pos = cached[2].get(item_id)
        if pos is None:
            return None
        item = items[pos]
        if item.id != item_id:  # an item replaced in place: rebuild next time
            del index[name]
            return next((e for e in items if e.id == item_id), None)
        return item

    def card(self, card_id: str) -> Card | None:
        """Return the card with this id, deleted or not."""
        return self.find("cards", card_id)  # type: ignore[no-any-return]

    def category(self, category_id: str) -> Category | None:
        """Return the category with this id, deleted or not."""
        return self.find("categories", category_id)  # type: ignore[no-any-return]

    def participant(self, participant_id: str) -> Participant | None:
        """Return the participant with this id, deleted or not."""
        return self.find("participants", participant_id)  # type: ignore[no-any-return]

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
