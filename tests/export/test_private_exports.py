"""Exports without names carry no way back to a person; with names they say so (UU PDP).

The session below has every participant's name, in several forms, in every free-text
field; its votes and ratings are per participant; a participant and a card are in the
trash. Every byte of every exported file (zip members of DOCX/XLSX too) is searched.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from enum import Enum
from pathlib import Path

from export_fixtures import kind_file, kind_of, make_session
from pydantic import BaseModel

from mpa_tui.domain import ops
from mpa_tui.domain.cycle import CapacityRating
from mpa_tui.domain.enums import AgeBand, AssessmentPhase, Competency, Role, Sex
from mpa_tui.domain.privacy import code_names, names_in, participant_codes
from mpa_tui.domain.rules import rank_categories
from mpa_tui.domain.session import Session, Vote
from mpa_tui.export.importer import import_paths, read_bundle
from mpa_tui.export.writer import export_session
from mpa_tui.store import Store

PEOPLE = ("Siti Aminah Rahayu", "Dewi Kartikasari", "Euis Nurjanah", "Nining Sumarni")
"""The last one is put in the trash."""
WORDS = ("siti", "aminah", "rahayu", "dewi", "kartikasari", "euis", "nurjanah", "nining",
         "sumarni")
SENTENCE = ("Bu Siti (pengurus) dan SITI  AMINAH, siti, rahayu; dewi & Dewi-Kartikasari; "
            "euis nurjanah, Euis; bukan Nining Sumarni")
SECRET = "kartu rahasia yang dihapus"


def _fill(model: BaseModel) -> None:
    """Put SENTENCE into every free-text field of ``model`` (not ids, choices, dates)."""
    for name in type(model).model_fields:
        if name in ("language", "id", "region_code") or name.endswith(("_id", "_ids", "_at")):
            continue
        value = getattr(model, name)
        if isinstance(value, Enum):
            continue
        if isinstance(value, str):
            setattr(model, name, SENTENCE)
        elif isinstance(value, BaseModel):
            _fill(value)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _fill(item)
                elif isinstance(item, str) and name not in ("priority_order",):
                    value[i] = SENTENCE


def named_session() -> Session:
    s = make_session()
    s.participants.clear()
    s.evaluation.quotes.clear()
    people = [ops.add_participant(s, n) for n in PEOPLE]
    people[0].role, people[0].position = Role.OFFICER, "ketua"
    for p, sex, age in zip(people, (Sex.FEMALE,) * 4, list(AgeBand), strict=False):
        p.sex, p.age_band = sex, age
    s.evaluation.innovation.append("x")
    s.settings.record_authorship = True
    for card in s.cards:
        card.author_id = people[0].id
    _fill(s)
    for p, name in zip(people, PEOPLE, strict=True):
        p.name, p.position = name, ""
    people[0].position = "ketua"
    cats = s.active_categories()
    s.votes = [Vote(participant_id=people[i % 3].id, category_id=cats[i % len(cats)].id)
               for i in range(6)]
    s.capacity = [CapacityRating(competency=Competency.NETWORKS, phase=AssessmentPhase.BEFORE,
                                 score=1 + i, participant_id=people[i].id) for i in range(3)]
    trashed = ops.add_card(s, SECRET)
    ops.soft_delete(s, "cards", trashed.id)
    ops.soft_delete(s, "participants", people[3].id)
    return Session.model_validate(s.model_dump())


def _all_text(folder: Path) -> dict[str, str]:
    """Every exported file and zip member, decoded as text."""
    out: dict[str, str] = {}
    for p in folder.rglob("*"):
        data = p.read_bytes()
        out[kind_of(p.name)] = data.decode("utf-8", "replace")
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for m in z.namelist():
                    out[f"{kind_of(p.name)}:{m}"] = z.read(m).decode("utf-8", "replace")
    return out


def _names_found(files: dict[str, str]) -> list[str]:
    found = set()
    for fname, text in files.items():
        for word in WORDS:
            if re.search(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE):
                found.add(f"{word} in {fname}")
    return sorted(found)


def test_names_in_free_text_are_coded_in_every_format(tmp_path: Path) -> None:
    session = named_session()
    assert len(names_in(session, SENTENCE)) >= 9  # the TUI's warning finds them too
    result = export_session(session, tmp_path)
    files = _all_text(result.folder)
    assert {"ringkasan.md", "ringkasan.html", "laporan.docx", "tabel.xlsx", "kartu.csv",
            "peringkat.csv", "sesi.mpa.json"} <= set(files)
    assert _names_found(files) == []
    assert SECRET not in "".join(files.values())
    codes = set(participant_codes(session).values())
    assert any(code in files["ringkasan.md"] for code in codes)
    # The check can fail: with names, every name is there (but not the trash's content).
    named = _all_text(export_session(session, tmp_path, with_names=True).folder)
    assert {w for w in WORDS if w not in ("nining", "sumarni")} <= {
        f.split(" in ")[0] for f in _names_found(named)}
    people = json.loads(named["sesi.mpa.json"])["session"]["participants"]
    assert [p["name"] for p in people if p["deleted_at"]] == ["-"]  # her name stays here
    assert SECRET not in "".join(named.values())


def test_coded_bundle_holds_no_quasi_identifiers(tmp_path: Path) -> None:
    session = named_session()
    result = export_session(session, tmp_path, formats="json")
    doc = json.loads(kind_file(result.folder, "sesi.mpa.json").read_text(encoding="utf-8"))
    data = doc["session"]
    alive = [p for p in data["participants"] if p["deleted_at"] is None]
    assert {(p["role"], p["position"], p["seat"], p["sex"], p["age_band"]) for p in alive} == {
        ("anggota", "", 0, None, None)}
    assert len({p["created_at"] for p in alive}) == 1  # the typing order is not shown
    assert data["votes"] == [] and data["settings"]["vote_entry"] == "totals"
    assert all(r["participant_id"] is None for r in data["capacity"])
    assert all(c["author_id"] is None for c in data["cards"])
    counts = doc["participant_counts"]
    assert counts["total"] == 3 and counts["role"] == {"anggota": 2, "pengurus": 1}
    # The trash travels as tombstones: id and times, no text.
    dead = [c for c in data["cards"] if c["deleted_at"]]
    assert [c["text"] for c in dead] == ["-"]
    dead = [p["name"] for p in data["participants"] if p["deleted_at"]]
    assert len(dead) == 1 and re.fullmatch(r"P\d{2,}", dead[0])  # her code, never her name
    # It still imports: the same ranking at the office.
    assert rank_categories(read_bundle(kind_file(result.folder, "sesi.mpa.json"))) == \
        rank_categories(session)


def test_a_coded_bundle_merges_without_taking_anything_known_away(tmp_path: Path) -> None:
    session = named_session()
    with Store.open(tmp_path / "laptop") as store:
        store.repo.create(session)
    # Elsewhere a card is trashed, and the coded bundle comes back to this laptop.
    elsewhere = session.model_copy(deep=True)
    card = elsewhere.active_cards()[0]
    ops.soft_delete(elsewhere, "cards", card.id)
    result = export_session(elsewhere, tmp_path, formats="json")
    with Store.open(tmp_path / "laptop") as store:
        assert not import_paths(store, [result.folder]).failed
        merged = store.repo.load(session.id)
    assert [p.name for p in merged.participants] == [p.name for p in session.participants]
    assert merged.participants == session.participants  # roles, seats, sex, age kept
    assert merged.votes == session.votes and merged.capacity == session.capacity
    assert merged.settings.vote_entry == session.settings.vote_entry
    gone, known = merged.card(card.id), session.card(card.id)
    assert gone is not None and known is not None and gone.deleted_at is not None
    assert gone.text == known.text  # the tombstone deleted it here, the words stayed


def test_with_names_export_says_so_first(tmp_path: Path) -> None:
    session = named_session()
    for lang, suffix in (("id", "_DENGAN-NAMA"), ("en", "_WITH-NAMES")):
        result = export_session(session, tmp_path, with_names=True, lang=lang)
        assert result.folder.name.endswith(suffix)
        md = kind_file(result.folder, "ringkasan.md").read_text(encoding="utf-8").splitlines()
        assert any("UU PDP" in line for line in md[:8])
        html = kind_file(result.folder, "ringkasan.html").read_text(encoding="utf-8")
        h2 = [m.start() for m in re.finditer("<h2", html)]
        assert h2[0] < html.index("UU PDP") < h2[1]  # in the first section
        files = _all_text(result.folder)
        assert "UU PDP" in files["laporan.docx:word/document.xml"][:4000]
        assert "UU PDP" in files["tabel.xlsx:xl/sharedStrings.xml"][:2000]
        bundle = json.loads(files["sesi.mpa.json"])
        assert list(bundle)[0] == "notice" and "UU PDP" in bundle["notice"]
    plain = export_session(session, tmp_path)
    assert "NAMA" not in plain.folder.name
    assert "UU PDP" not in kind_file(plain.folder, "ringkasan.md").read_text(encoding="utf-8")


def test_codes_follow_no_seat_and_coding_twice_changes_nothing() -> None:
    s = Session(group_name="x")
    people = [ops.add_participant(s, f"Orang {chr(65 + i)}{chr(65 + i)}") for i in range(15)]
    codes = participant_codes(s)
    in_seats = [codes[p.id] for p in people]
    assert in_seats != sorted(in_seats)  # 1 in 15! chance to fail by luck
    once = code_names(s)
    assert code_names(once).model_dump() == once.model_dump()

