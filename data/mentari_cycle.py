"""The example's records around the workshop: resources, network, action plan, stages,
evaluation and the capacity self-assessment (see ``build_mentari.py``).

The stages, dates, evaluation items, the DK UPP link and the halal-certificate outcome come
from the paper; contacts, statuses and ratings are illustrative.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from mpa_tui.data import EXAMPLE_SESSION_ID
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
    AssessmentPhase,
    ChecklistKey,
    Competency,
    ContactChannel,
    ResourceScope,
    ResourceType,
    StageKind,
)

_NS = uuid.UUID(EXAMPLE_SESSION_ID)


def uid(name: str) -> str:
    """A fixed id for one entity of the example."""
    return str(uuid.uuid5(_NS, name))


def ts(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A fixed UTC timestamp in 2023 (WIB is UTC+7)."""
    return datetime(2023, month, day, hour, minute, tzinfo=UTC)


def stamp(name: str, at: datetime) -> dict[str, object]:
    return {"id": uid(name), "created_at": at, "updated_at": at}


def resources(cat: dict[str, str]) -> list[Resource]:
    rows = [
        ("desa", "Kepala Desa Nagrak", ResourceScope.EXTERNAL, ResourceType.VILLAGE,
         "Kantor Desa Nagrak",
         "Dukungan kegiatan, tempat pertemuan, dan memasukkan kelompok ke perencanaan "
         "program desa.", ["koperasi", "izin"]),
        ("dkupp", "Dinas Koperasi UKM Perdagangan dan Perindustrian (DK UPP) Kabupaten "
         "Purwakarta", ResourceScope.EXTERNAL, ResourceType.GOVERNMENT_OFFICE,
         "Bidang Koperasi, DK UPP Kabupaten Purwakarta",
         "Pelatihan dan pembinaan manajemen koperasi; penjelasan langkah pengajuan sertifikat "
         "halal dan izin usaha.", ["koperasi", "izin", "pembukuan"]),
        ("dinsos", "Dinas Sosial Kabupaten Purwakarta", ResourceScope.EXTERNAL,
         ResourceType.GOVERNMENT_OFFICE, "",
         "Penyuluhan bagi perempuan rawan sosial ekonomi (PRSE) dan program pemberdayaan.",
         ["produksi", "modal"]),
        ("pkh", "Pendamping PKH Desa Nagrak", ResourceScope.EXTERNAL, ResourceType.PERSON,
         "", "Pendampingan KPM PKH dan penguatan kapasitas keluarga; bisa membantu latihan "
         "pembukuan sederhana.", ["pembukuan", "waktu"]),
        ("bumdes", "BUMDes Desa Nagrak", ResourceScope.EXTERNAL, ResourceType.BANK_COOPERATIVE,
         "", "Pinjaman modal bergulir dan tempat menjual produk kelompok.",
         ["modal", "pemasaran"]),
        ("kas", "Kas iuran dan arisan Kelompok Mentari", ResourceScope.INTERNAL,
         ResourceType.GROUP_ASSET, "Bendahara kelompok",
         "Modal awal mikro kredit (simpan pinjam) anggota.", ["modal", "koperasi"]),
        ("olahan", "Keterampilan olahan pangan anggota (keripik, opak, rengginang)",
         ResourceScope.INTERNAL, ResourceType.GROUP_ASSET, "",
         "Produk yang sudah ada untuk dikembangkan dan dipasarkan bersama.",
         ["produksi", "pemasaran", "kemasan"]),
    ]
    return [
        Resource(**stamp(f"resource:{key}", ts(6, 9, 6, i)), name=name, scope=scope, type=typ,
                 contact=contact, can_help_with=help_, linked_category_ids=[cat[k] for k in links])
        for i, (key, name, scope, typ, contact, help_, links) in enumerate(rows)
    ]


def network() -> list[NetworkLink]:
    return [
        NetworkLink(
            **stamp("network:dkupp", ts(7, 5, 3)), date=date(2023, 7, 5),
            partner="DK UPP Kabupaten Purwakarta", resource_id=uid("resource:dkupp"),
            purpose="Menghubungkan Kelompok Mentari dengan DK UPP untuk pelatihan manajemen "
                    "koperasi, kebutuhan utama hasil MPA.",
            outcome="Staf DK UPP melatih manajemen koperasi; dijelaskan juga langkah-langkah "
                    "pengajuan sertifikat halal agar usaha kelompok lebih berkembang.",
            follow_up="Pembinaan lanjutan oleh DK UPP; kelompok merintis mikro kredit sebagai "
                      "embrio koperasi.",
        ),
        NetworkLink(
            **stamp("network:desa", ts(8, 9, 6)), date=date(2023, 8, 9),
            partner="Pemerintah Desa Nagrak", resource_id=uid("resource:desa"),
            purpose="Menyerahkan model penguatan kapasitas kepada desa.",
            outcome="Model diterima pihak desa untuk dipertimbangkan dalam perencanaan program.",
            follow_up="Dikomunikasikan lagi dengan kepala desa yang baru setelah pemilihan.",
        ),
    ]


def actions(cat: dict[str, str]) -> list[ActionItem]:
    rows = [
        ("koperasi", "Pelatihan manajemen koperasi bersama DK UPP Kabupaten Purwakarta",
         "Pengurus dan anggota memahami pengelolaan koperasi", "Ketua kelompok", None,
         "Juli 2023", "Desa Nagrak", "DK UPP Kabupaten Purwakarta", "dkupp",
         "Pengurus dapat menjelaskan tugasnya dan cara rapat anggota", ActionStatus.DONE),
        ("koperasi", "Menyusun AD/ART dan aturan simpan pinjam kelompok",
         "Kelompok punya aturan tertulis yang disepakati anggota", "Sekretaris kelompok",
         date(2023, 9, 30), "", "Rumah ketua kelompok", "DK UPP Kabupaten Purwakarta",
         "dkupp", "AD/ART disahkan dalam rapat anggota", ActionStatus.IN_PROGRESS),
        ("modal", "Merintis mikro kredit dari kas iuran anggota",
         "Anggota bisa meminjam modal kecil tanpa rentenir", "Bendahara kelompok", None,
         "Agustus 2023", "Desa Nagrak", "BUMDes Desa Nagrak", "kas",
         "Pinjaman pertama bergulir dan dicatat", ActionStatus.IN_PROGRESS),
        ("pemasaran", "Menjual produk bersama di acara desa dan grup WhatsApp",
         "Pasar lebih luas dari tetangga sekitar", "Anggota bergiliran", None,
         "Mulai September 2023", "Desa Nagrak", "BUMDes Desa Nagrak", "bumdes",
         "Ada penjualan rutin tiap bulan", ActionStatus.PLANNED),
        ("pembukuan", "Latihan mengisi buku kas sederhana", "Setiap anggota tahu untung-ruginya",
         "Bendahara kelompok", date(2023, 8, 22), "", "Desa Nagrak", "Pendamping PKH", "pkh",
         "Buku kas terisi tiap minggu", ActionStatus.PLANNED),
        ("izin", "Mengurus NIB lewat OSS dan mengajukan sertifikat halal",
         "Produk bisa masuk toko oleh-oleh dan minimarket", "Ketua kelompok", None,
         "Oktober 2023", "Desa Nagrak", "DK UPP Kabupaten Purwakarta", "dkupp",
         "NIB terbit dan berkas halal diajukan", ActionStatus.PLANNED),
    ]
    return [
        ActionItem(**stamp(f"action:{i}", ts(6, 9, 7, i)), category_id=cat[c], action=a,
                   objective=o, responsible=who, when=when, when_text=when_text, where=where,
                   partner=partner, resource_id=uid(f"resource:{res}"), indicator=ind,
                   status=status)
        for i, (c, a, o, who, when, when_text, where, partner, res, ind, status)
        in enumerate(rows)
    ]


def stages() -> list[StageRecord]:
    nagrak = "Desa Nagrak, Kecamatan Darangdan, Kabupaten Purwakarta"
    return [
        StageRecord(
            **stamp("stage:koordinasi", ts(3, 16, 3)), stage=StageKind.COORDINATION,
            date=date(2023, 3, 16), place="Telepon dan WhatsApp",
            contacts=[
                Contact(name="Kepala Desa Nagrak", role="Kepala Desa",
                        channel=ContactChannel.PHONE),
                Contact(name="Ketua Kelompok Mentari", role="Ketua kelompok",
                        channel=ContactChannel.WHATSAPP),
            ],
            agreed="Kegiatan penguatan kapasitas dengan MPA, waktu pelaksanaan, dan peserta: "
                   "anggota dan pengurus Kelompok Mentari.",
            notes="Makalah tidak menyebut tanggal koordinasi; tanggal ini contoh.",
        ),
        StageRecord(
            **stamp("stage:asesmen", ts(3, 23, 3)), stage=StageKind.ASSESSMENT,
            date=date(2023, 3, 23), place=nagrak,
            findings="Asesmen partisipatif: kebutuhan model dan teknik intervensi pekerjaan "
                     "sosial bagi kelompok, kebutuhan model evaluasi kelompok, dan upaya "
                     "mempertahankan keberhasilan. Teridentifikasi: kurangnya teknik "
                     "intervensi pekerjaan sosial secara variatif.",
        ),
        StageRecord(
            **stamp("stage:rencana", ts(3, 24, 3)), stage=StageKind.ACTION_PLAN,
            date=date(2023, 3, 24), place=nagrak,
            agreed="Rencana aksi: penguasaan teknik-teknik intervensi pekerjaan sosial bagi "
                   "Kelompok Mentari melalui MPA, dilaksanakan 8-9 Juni 2023.",
        ),
        StageRecord(
            **stamp("stage:aksi", ts(6, 9, 9)), stage=StageKind.ACTION,
            date=date(2023, 6, 8), end_date=date(2023, 6, 9), place=nagrak,
            findings="Edukasi dan penerapan MPA dalam delapan langkah. Kebutuhan utama "
                     "kelompok: pengetahuan manajemen koperasi.",
        ),
        StageRecord(
            **stamp("stage:evaluasi", ts(8, 9, 9)), stage=StageKind.EVALUATION_TERMINATION,
            date=date(2023, 8, 8), end_date=date(2023, 8, 9), place=nagrak,
            findings="Evaluasi proses dan hasil MPA bersama anggota dan pengurus; terminasi "
                     "dan penyerahan model kepada Desa Nagrak.",
        ),
    ]


def evaluation() -> Evaluation:
    notes = {
        ChecklistKey.SMOOTH: "Proses kegiatan berjalan lancar.",
        ChecklistKey.ON_SCHEDULE: "Sesuai jadwal: 8-9 Juni 2023.",
        ChecklistKey.ACTIVE: "Kelompok Mentari terlibat secara aktif dan antusias.",
        ChecklistKey.PARTICIPATORY: "Kegiatan berlangsung dinamis dan partisipatif.",
    }
    return Evaluation(
        **stamp("evaluation", ts(8, 9, 8)),
        checklist=[ChecklistItem(key=k, achieved=True, note=notes[k]) for k in ChecklistKey],
        supporting_factors=[
            "Semangat para anggota dan pengurus kelompok meningkat.",
            "Dukungan Kepala Desa dan jajarannya menambah semangat kelompok untuk "
            "mengembangkan kelompok menjadi mikro kredit.",
        ],
        obstacles=[
            "Komitmen sasaran perubahan (Kelompok Mentari) masih perlu dijaga.",
            "Dukungan Kepala Desa Nagrak dan jajarannya belum stabil karena pergantian "
            "kepemimpinan (pemilihan kepala desa yang baru).",
        ],
        results=[
            "Bertambah wawasan dan pengalaman baru tentang teknik asesmen masalah dan kebutuhan.",
            "Bertambah kepercayaan diri sebagai perempuan yang bekerja di sektor informal.",
            "Anggota dan pengurus memahami kebutuhan utama mereka: pengetahuan manajemen "
            "koperasi.",
            "Pendamping menghubungkan kelompok dengan DK UPP Kabupaten Purwakarta.",
            "Pelatihan manajemen koperasi oleh staf DK UPP Kabupaten Purwakarta.",
            "Dalam pelatihan dijelaskan langkah-langkah pengajuan sertifikat halal.",
        ],
        quotes=[
            Quote(**stamp("quote:1", ts(8, 9, 4)), speaker_code="P04",
                  text="Materi dari Dinas Koperasi sangat bermanfaat, bisa dimengerti, dan "
                       "cukup mudah untuk dilaksanakan."),
            Quote(**stamp("quote:2", ts(8, 9, 5)), speaker_code="P09",
                  text="Manajemen koperasi berguna untuk usaha kami dan menguatkan kelompok "
                       "yang sudah kami bangun bersama."),
        ],
        impact="Wawasan, pengetahuan, kepercayaan diri dan motivasi anggota serta pengurus "
               "untuk mengembangkan usaha ekonomi meningkat; dampak ini perlu dipelihara agar "
               "berkelanjutan.",
        innovation=[
            "Pemahaman manajemen koperasi meningkat melalui pelatihan bersama Dinas Koperasi "
            "Kabupaten Purwakarta.",
            "Kelompok ingin menjadi embrio koperasi dalam bentuk \"Mikro Kredit\".",
        ],
        termination_date=date(2023, 8, 9),
        handover="Model diserahkan kepada Desa Nagrak agar Kepala Desa menguatkannya dalam "
                 "perencanaan program dan kegiatan pelayanan bagi kelompok perempuan sektor "
                 "informal.",
    )


# Self-assessment 1-5, in Competency order: (before, after).
GROUP_SCORES = [(2, 4), (1, 4), (2, 4), (1, 4), (2, 3), (1, 3)]
PERSON_SCORES = {
    "Euis": [(2, 4), (2, 4), (2, 4), (1, 4), (3, 4), (2, 4)],
    "Nining": [(2, 4), (1, 3), (2, 3), (1, 3), (2, 4), (1, 3)],
    "Ai": [(1, 3), (1, 3), (1, 3), (1, 3), (2, 3), (1, 2)],
}


def capacity() -> list[CapacityRating]:
    out = []
    raters: list[tuple[str, str | None, list[tuple[int, int]]]] = [("group", None, GROUP_SCORES)]
    raters += [(name, uid(f"participant:{name}"), s) for name, s in PERSON_SCORES.items()]
    for who, pid, scores in raters:
        for comp, (before, after) in zip(Competency, scores, strict=True):
            for phase, score, day in ((AssessmentPhase.BEFORE, before, date(2023, 6, 8)),
                                      (AssessmentPhase.AFTER, after, date(2023, 8, 9))):
                out.append(CapacityRating(
                    **stamp(f"capacity:{who}:{comp.value}:{phase.value}",
                             ts(day.month, day.day, 8)),
                    competency=comp, phase=phase, score=score, participant_id=pid, date=day,
                ))
    return out
