"""The example's process notes (catatan proses): what the room said on each step.

FICTIONAL, like the example's people and cards: the notes follow the paper's story (the
circle, the discussion that made knowledge of cooperative management the top need, the
link to the DK UPP Kabupaten Purwakarta, the evaluation), but who said what and when is
made up. Times are in WIB (UTC+7) inside the workshop's hours on 8-9 June 2023, the DK UPP
visit on 5 July and the evaluation on 9 August.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mpa_tui.data.mentari_cycle import stamp
from mpa_tui.domain.note import Note, NoteTopic, Speaker

WIB = timedelta(hours=7)
G, F = Speaker.GROUP, Speaker.FACILITATOR

# (topic, (month, day, hour, minute) in WIB, speaker: G, F or a participant's name,
#  quote, text)
NOTES: list[tuple[NoteTopic, tuple[int, int, int, int], Speaker | str, bool, str]] = [
    (NoteTopic.CIRCLE, (6, 8, 9, 5), F, False,
     "Peserta duduk melingkar di balai desa; empat belas anggota hadir, Bu Popon berhalangan."),
    (NoteTopic.CIRCLE, (6, 8, 9, 12), G, False,
     "Kelompok sepakat giliran bicara mengikuti lingkaran, mulai dari sebelah kiri ketua."),
    (NoteTopic.CIRCLE, (6, 8, 9, 18), "Euis", False,
     "Biasanya yang bicara di rapat hanya pengurus; hari ini semua anggota diminta bicara."),
    (NoteTopic.WRITE, (6, 8, 9, 31), F, False,
     "Satu masalah atau kebutuhan per kartu: kuning untuk masalah, merah muda untuk "
     "kebutuhan."),
    (NoteTopic.WRITE, (6, 8, 9, 40), "Entin", False,
     "Minta dibantu menulis; fasilitator menuliskan kata-katanya apa adanya: modal kurang."),
    (NoteTopic.WRITE, (6, 8, 9, 52), G, False,
     "Banyak kartu tentang modal dan pinjaman; beberapa anggota menulis tentang koperasi."),
    (NoteTopic.STICK, (6, 8, 10, 2), F, False,
     "Setiap peserta menempelkan kartunya sendiri di plano sambil membacakannya."),
    (NoteTopic.STICK, (6, 8, 10, 15), "Iis", False,
     "Ternyata masalah saya sama dengan masalah ibu-ibu yang lain."),
    (NoteTopic.STICK, (6, 8, 10, 24), G, False,
     "Kartu yang isinya mirip ditempel berdekatan supaya mudah dikelompokkan."),
    (NoteTopic.GROUP, (6, 8, 10, 38), F, False,
     "Diskusi panjang tentang kartu koperasi: sebagian peserta mengira koperasi hanya "
     "simpan pinjam."),
    (NoteTopic.GROUP, (6, 8, 10, 44), "Nining", False,
     "Iuran anggota selama ini dicatat di buku bendahara saja, belum ada aturannya."),
    (NoteTopic.GROUP, (6, 8, 10, 49), "Wiwin", True,
     "Kalau ada koperasi, kami tidak perlu ke rentenir lagi."),
    (NoteTopic.GROUP, (6, 8, 10, 55), G, False,
     "Kelompok sepakat kartu tentang AD/ART, rapat anggota dan iuran masuk satu kelompok "
     "bersama kartu manajemen koperasi."),
    (NoteTopic.TITLE, (6, 8, 11, 3), G, False,
     "Judul \"Pengetahuan manajemen koperasi\" dipilih setelah dua usulan lain: "
     "\"Organisasi kelompok\" dan \"Koperasi\"."),
    (NoteTopic.TITLE, (6, 8, 11, 8), "Lilis", False,
     "Judulnya harus bisa dimengerti anggota yang baru masuk."),
    (NoteTopic.TITLE, (6, 8, 11, 14), F, False,
     "Kartu tentang kemasan dan pemasaran dipisah setelah peserta menjelaskan bedanya."),
    (NoteTopic.COUNT, (6, 9, 9, 35), F, False,
     "Setiap peserta memberi tiga suara, paling banyak dua untuk satu kategori; suara "
     "dihitung bersama di depan plano."),
    (NoteTopic.COUNT, (6, 9, 9, 48), "Cucu", True,
     "Modal memang kurang, tapi kalau tidak tahu cara mengelolanya, modal juga cepat habis."),
    (NoteTopic.COUNT, (6, 9, 9, 56), G, False,
     "Hasil hitungan dibacakan ulang dan disetujui kelompok."),
    (NoteTopic.RANK, (6, 9, 10, 20), F, False,
     "Pembukuan dan perizinan mendapat nilai sama; kelompok diminta memutuskan urutannya."),
    (NoteTopic.RANK, (6, 9, 10, 42), "Ai", False,
     "Izin usaha nanti juga minta catatan keuangan, jadi pembukuan dulu."),
    (NoteTopic.RANK, (6, 9, 10, 58), G, False,
     "Kelompok sepakat pembukuan didahulukan daripada perizinan."),
    (NoteTopic.ORDER, (6, 9, 11, 40), G, False,
     "Urutan prioritas dibacakan dan disepakati: manajemen koperasi menjadi prioritas "
     "pertama."),
    (NoteTopic.ORDER, (6, 9, 11, 50), "Euis", False,
     "Kalau pengurus sudah paham koperasi, masalah modal dan pembukuan bisa ikut terurus."),
    (NoteTopic.ORDER, (6, 9, 11, 56), F, False,
     "Urutan dikonfirmasi bersama sebelum istirahat siang."),
    (NoteTopic.RESOURCES, (6, 9, 13, 10), G, False,
     "Pihak yang bisa membantu: Kepala Desa, DK UPP Kabupaten Purwakarta, pendamping PKH."),
    (NoteTopic.RESOURCES, (6, 9, 13, 22), "Tati", False,
     "Ada anggota yang pandai membuat kemasan; itu juga potensi kelompok."),
    (NoteTopic.RESOURCES, (6, 9, 13, 35), F, False,
     "Kelompok arisan yang sudah berjalan dicatat sebagai potensi untuk mikro kredit."),
    (NoteTopic.ACTIONS, (6, 9, 14, 12), F, False,
     "Rencana aksi disusun untuk prioritas teratas; penanggung jawab dipilih kelompok "
     "sendiri."),
    (NoteTopic.ACTIONS, (6, 9, 14, 25), G, False,
     "Kelompok minta pendamping menghubungkan mereka dengan Dinas Koperasi."),
    (NoteTopic.ACTIONS, (6, 9, 14, 40), "Nining", False,
     "Saya mau belajar pembukuan supaya bisa mengajari anggota lain."),
    (NoteTopic.ACTIONS, (6, 9, 14, 55), G, False,
     "Rapat anggota disepakati sebulan sekali, di rumah ketua."),
    (NoteTopic.NETWORK, (7, 5, 10, 5), F, False,
     "Pendamping menemui staf DK UPP Kabupaten Purwakarta; pelatihan manajemen koperasi "
     "untuk Kelompok Mentari disepakati."),
    (NoteTopic.NETWORK, (7, 5, 10, 30), F, False,
     "Staf DK UPP akan menjelaskan juga langkah pengajuan sertifikat halal dalam pelatihan."),
    (NoteTopic.NETWORK, (7, 5, 11, 10), G, False,
     "Kabar pelatihan disampaikan lewat grup WhatsApp; anggota menyambut dengan antusias."),
    (NoteTopic.EVALUATION, (8, 9, 9, 15), "Imas", True,
     "Materinya mudah dimengerti; sekarang kami berani bicara di rapat."),
    (NoteTopic.EVALUATION, (8, 9, 9, 40), G, False,
     "Kelompok ingin memulai mikro kredit sebagai embrio koperasi."),
    (NoteTopic.EVALUATION, (8, 9, 10, 5), F, False,
     "Pergantian kepala desa disebut sebagai hambatan; model diserahkan kepada desa."),
]


def notes(people: dict[str, str]) -> list[Note]:
    """The example's notes, oldest first.

    Args:
        people: Participant name -> id (the speakers who are participants).
    """
    out = []
    for i, (topic, (month, day, hour, minute), who, quote, text) in enumerate(NOTES):
        at = datetime(2023, month, day, hour, minute, tzinfo=UTC) - WIB
        if isinstance(who, Speaker):
            speaker, pid = who, None
        else:
            speaker, pid = Speaker.PARTICIPANT, people[who]
        out.append(Note(**stamp(f"note:{i}", at), text=text, topic=topic, speaker=speaker,
                        participant_id=pid, quote=quote))
    return out
