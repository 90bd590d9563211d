"""Builders for the export tests: a session that fills every section (hostile or not)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mpa_tui.domain import ops
from mpa_tui.domain.cycle import (
    ActionItem,
    CapacityRating,
    Contact,
    NetworkLink,
    Quote,
    Resource,
    StageRecord,
)
from mpa_tui.domain.enums import (
    AssessmentPhase,
    CardKind,
    Competency,
    ContactChannel,
    PaperSize,
    ResourceType,
    Role,
    StageKind,
)
from mpa_tui.domain.session import Location, Session

HOSTILE = "=cmd|' /C calc'!A0 <script>alert(1)</script> [red]x[/] [b [@click=app.quit]"


def make_session(*, hostile: bool = False, paper: PaperSize = PaperSize.A4) -> Session:
    """A Mentari-like session with every section filled (optionally with hostile text)."""
    s = Session(
        group_name="Mentari" if not hostile else "Mentari <b>&amp; [red]",
        location=Location(village="Sukamaju", subdistrict="Cibeber", regency="Cianjur",
                          province="Jawa Barat"),
        start_date=date(2023, 6, 8), end_date=date(2023, 6, 9), place="Balai desa",
        facilitators=["Fasilitator A"], guiding_question="Apa masalah kelompok kita?",
    )
    s.settings.paper_size = paper
    siti = ops.add_participant(s, "Siti Aminah", Role.OFFICER)
    ops.add_participant(s, "Dewi", Role.MEMBER)
    ops.add_participant(s, "Rina", Role.MEMBER, present=False)
    texts = ["Modal usaha kurang", "Tidak ada izin PIRT", "Pemasaran sulit",
             "Pinjaman modal mahal", "Belum punya sertifikat halal"]
    if hostile:
        texts += [HOSTILE, "+SUM(A1:A9)", "-2+3", "@import", "\tTab", "baris\nkedua"]
    cards = [ops.add_card(s, x, author_id=siti.id) for x in texts]
    ops.add_card(s, "Ada kelompok arisan", kind=CardKind.POTENTIAL)
    ops.add_card(s, "Kartu tanpa kategori")
    modal = ops.new_category(s, "Modal" if not hostile else "=Modal <i>")
    izin = ops.new_category(s, "Perizinan")
    pasar = ops.new_category(s, "Pemasaran")
    ops.move_cards(s, [cards[0].id, cards[3].id] + [c.id for c in cards[5:]], modal.id)
    ops.move_cards(s, [cards[1].id, cards[4].id], izin.id)
    ops.move_cards(s, [cards[2].id], pasar.id)
    res = Resource(name="Dinas Koperasi", type=ResourceType.GOVERNMENT_OFFICE,
                   contact="Siti Aminah", can_help_with="Pelatihan koperasi",
                   linked_category_ids=[modal.id])
    s.resources.append(res)
    s.network_links.append(NetworkLink(date=date(2023, 8, 8), partner="DK UPP",
                                       purpose="Pelatihan", outcome="Terlaksana"))
    s.action_items.append(ActionItem(category_id=izin.id, action="Urus izin PIRT",
                                     responsible="Siti Aminah", when_text="Juli 2023"))
    s.stages.append(StageRecord(stage=StageKind.COORDINATION, date=date(2023, 3, 23),
                                contacts=[Contact(name="Kepala Desa",
                                                  channel=ContactChannel.VISIT)],
                                agreed="Jadwal MPA"))
    s.stages.append(StageRecord(stage=StageKind.ASSESSMENT, date=date(2023, 3, 24),
                                findings="Kelompok butuh modal"))
    s.evaluation.checklist[0].achieved = True
    s.evaluation.checklist[0].note = "Lancar"
    s.evaluation.supporting_factors.append("Kepala desa mendukung")
    s.evaluation.obstacles.append("Waktu terbatas")
    s.evaluation.results.append("Rencana aksi tersusun")
    s.evaluation.quotes.append(Quote(text="Kami jadi paham masalah kami", participant_id=siti.id))
    s.evaluation.impact = "Kelompok lebih percaya diri"
    s.evaluation.termination_date = date(2023, 8, 9)
    s.evaluation.handover = "Model MPA diserahkan ke desa"
    for comp, before, after in [(Competency.NEEDS_PROBLEMS, 2, 4), (Competency.NETWORKS, 1, 3)]:
        s.capacity.append(CapacityRating(competency=comp, phase=AssessmentPhase.BEFORE,
                                         score=before))
        s.capacity.append(CapacityRating(competency=comp, phase=AssessmentPhase.AFTER,
                                         score=after))
    return Session.model_validate(s.model_dump())


EXPORT_KINDS = ("ringkasan.md", "ringkasan.html", "laporan.docx", "tabel.xlsx", "kartu.csv",
                "peringkat.csv", "sesi.mpa.json", "SHA256SUMS")
"""What an export folder holds; every file but SHA256SUMS is ``<identity prefix>_<kind>``."""


def kind_of(name: str) -> str:
    """The kind of an exported file (``2023-06-08_Mentari_Nagrak_laporan.docx`` ->
    ``laporan.docx``)."""
    return next((k for k in EXPORT_KINDS if name == k or name.endswith("_" + k)), name)


def kind_file(folder: Path, kind: str) -> Path:
    """The one exported file of ``kind`` in ``folder``."""
    found = [p for p in folder.iterdir() if kind_of(p.name) == kind]
    assert len(found) == 1, (kind, sorted(p.name for p in folder.iterdir()))
    return found[0]
