"""Bundles without names meet laptops whose participants differ: codes are the bundle's own.

Found in review: codes are numbered over the sending laptop's participants, so the same
woman may be P02 there and P05 here. Merging must compare with the bundle's numbering,
must not turn participants' ratings into the group's, and the report must code titles.
"""

from __future__ import annotations

from pathlib import Path

from mpa_tui.domain import ops
from mpa_tui.domain.capacity import capacity_summary, set_capacity
from mpa_tui.domain.enums import AssessmentPhase, Competency
from mpa_tui.domain.session import Session
from mpa_tui.export.bundle import render_bundle
from mpa_tui.export.importer import import_paths, parse_bundle
from mpa_tui.export.merge import merge_sessions
from mpa_tui.export.private import restore_private
from mpa_tui.export.report import build_report, render_report_files
from mpa_tui.store import Store


def _coded(session: Session) -> Session:
    data = render_bundle(session)
    return parse_bundle(data if isinstance(data, bytes) else data.encode())


def _elsewhere(session: Session) -> Session:
    data = render_bundle(session, with_names=True)
    return parse_bundle(data if isinstance(data, bytes) else data.encode())


def test_a_coded_bundle_from_a_laptop_with_more_participants_merges(tmp_path: Path) -> None:
    here = Session(group_name="KWT Melati")
    for name in ("Melati", "Ani", "Budi"):
        ops.add_participant(here, name)
    card = ops.add_card(here, "Sumur Bu Ani kering")
    there = _elsewhere(here)
    ops.add_participant(there, "Warga Baru")
    ops.add_participant(there, "Rina")
    bundle = tmp_path / "x.mpa.json"
    data = render_bundle(there)
    bundle.write_bytes(data if isinstance(data, bytes) else data.encode())
    with Store.open(tmp_path / "data") as store:
        store.repo.create(here)
        out = import_paths(store, [bundle], lang="en")
        assert [i.status for i in out.items] == ["merged"], out.items[0].error
        merged = store.repo.load(here.id)
    # The typed name stays: the bundle's "Bu P0x" is the same words, coded.
    assert merged.card(card.id).text == "Sumur Bu Ani kering"  # type: ignore[union-attr]
    assert merged.group_name == "KWT Melati"


def test_participants_ratings_stay_participants_ratings_in_a_coded_bundle() -> None:
    s = Session(group_name="Mentari")
    people = [ops.add_participant(s, n) for n in ("Siti Aminah", "Ani", "Budi")]
    comp = list(Competency)[0]
    for p, score in zip(people, (1, 2, 5), strict=True):
        set_capacity(s, comp, AssessmentPhase.BEFORE, p.id, score)
    set_capacity(s, comp, AssessmentPhase.BEFORE, None, 4)  # the group's own rating
    here, office = capacity_summary(s), capacity_summary(_coded(s))
    assert (office.people[0].before, office.people[0].before_raters) == \
        (here.people[0].before, 3) == (2.7, 3)
    assert office.group[0].before == here.group[0].before == 4.0
    # Back on the laptop the ratings are hers again.
    back = restore_private(s, _coded(s))
    assert capacity_summary(back) == here
    assert {r.participant_id for r in back.capacity} == {r.participant_id for r in s.capacity}


def test_an_absence_marked_elsewhere_survives_a_coded_bundle() -> None:
    here = Session(group_name="KWT Mawar")
    people = [ops.add_participant(here, n) for n in ("Melati", "Ani", "Budi")]
    there = _elsewhere(here)
    ops.update(there, "participants", people[1].id, present=False)
    merged = merge_sessions(here, restore_private(here, _coded(there)))
    ani = merged.session.participant(people[1].id)
    assert ani is not None and ani.name == "Ani" and ani.present is False


def test_the_report_codes_names_typed_into_titles() -> None:
    s = Session(group_name="KWT Mawar")
    s.location.village = "Nagrak"
    for name in ("Siti Aminah", "Budi"):
        ops.add_participant(s, name)
    card = ops.add_card(s, "Jalan rusak")
    ops.new_category_with(s, "Jalan ke rumah Pak Budi rusak", [card.id])
    report = build_report([s])
    files = render_report_files(report, lang="id")
    assert report.recurring.rows and "Budi" not in str(report.recurring.rows)
    assert "Budi" not in str(report.villages.rows)
    import io
    import zipfile

    for name, data in files.items():
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                assert not any(b"Budi" in z.read(m) for m in z.namelist()), name
        else:
            assert b"Budi" not in data, name
