"""Closed vocabularies of the method. Values are stable on disk; labels live in i18n."""

from __future__ import annotations

from enum import StrEnum

from mpa_tui.domain.step import Step as Step  # re-exported: its own module, see there


class Role(StrEnum):
    """A participant's role in the group."""

    MEMBER = "anggota"
    OFFICER = "pengurus"
    OTHER = "lainnya"


class Sex(StrEnum):
    FEMALE = "perempuan"
    MALE = "laki_laki"


class AgeBand(StrEnum):
    UNDER_25 = "<25"
    A25_34 = "25-34"
    A35_44 = "35-44"
    A45_54 = "45-54"
    A55_PLUS = "55+"


class CardKind(StrEnum):
    """What a card says: a problem, a need, a potential or a resource."""

    PROBLEM = "masalah"
    NEED = "kebutuhan"
    POTENTIAL = "potensi"
    RESOURCE = "sumber"


class CardColour(StrEnum):
    """The fixed palette of coloured paper (kertas warna)."""

    YELLOW = "kuning"
    PINK = "merah_muda"
    GREEN = "hijau"
    BLUE = "biru"
    ORANGE = "oranye"
    WHITE = "putih"


class CountingMode(StrEnum):
    """What step 6 counts: cards per category, votes, or both (ranked by their sum)."""

    CARDS = "cards"
    VOTES = "votes"
    BOTH = "both"


class VoteEntry(StrEnum):
    """How votes are recorded: per participant (budget checked) or raised-hands totals."""

    PER_PARTICIPANT = "per_participant"
    TOTALS = "totals"


class RankingMethod(StrEnum):
    COUNT = "count"
    PAIRWISE = "pairwise"


class PaperSize(StrEnum):
    A4 = "A4"
    F4 = "F4"


class ResourceScope(StrEnum):
    INTERNAL = "internal"
    EXTERNAL = "external"


class ResourceType(StrEnum):
    GOVERNMENT_OFFICE = "instansi_pemerintah"
    VILLAGE = "desa"
    BANK_COOPERATIVE = "bank_koperasi"
    NGO = "lsm"
    PERSON = "perorangan"
    GROUP_ASSET = "aset_kelompok"
    OTHER = "lainnya"


class ActionStatus(StrEnum):
    PLANNED = "direncanakan"
    IN_PROGRESS = "berjalan"
    DONE = "selesai"
    DROPPED = "dibatalkan"


class StageKind(StrEnum):
    """The engagement's stages (the paper's Metodologi)."""

    COORDINATION = "koordinasi"
    ASSESSMENT = "asesmen"
    ACTION_PLAN = "rencana_aksi"
    ACTION = "aksi"
    EVALUATION_TERMINATION = "evaluasi_terminasi"


class ContactChannel(StrEnum):
    PHONE = "telepon"
    WHATSAPP = "whatsapp"
    VISIT = "kunjungan"
    MEETING = "pertemuan"
    OTHER = "lainnya"


class ChecklistKey(StrEnum):
    """The paper's process-evaluation checklist."""

    SMOOTH = "lancar"
    ON_SCHEDULE = "sesuai_jadwal"
    ACTIVE = "aktif_antusias"
    PARTICIPATORY = "dinamis_partisipatif"


class Competency(StrEnum):
    """The paper's six capacity objectives (competencies of members and officers)."""

    NEEDS_PROBLEMS = "kebutuhan_masalah"
    RESOURCES = "sistem_sumber"
    INTERVENTION_PLAN = "rencana_intervensi"
    NETWORKS = "jejaring"
    GROUP_MANAGEMENT = "pengelolaan_kelompok"
    EVALUATION = "evaluasi"


class AssessmentPhase(StrEnum):
    BEFORE = "sebelum"
    AFTER = "sesudah"
