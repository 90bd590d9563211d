"""The report counts villages and kecamatan by Kemendagri code and lists uncoded sessions."""

from __future__ import annotations

from mpa_tui.domain import ops
from mpa_tui.domain.session import Location, Session
from mpa_tui.export.report import build_report, render_report_files


def _session(group: str, village: str, code: str = "", sub: str = "") -> Session:
    s = Session(group_name=group, location=Location(village=village, subdistrict=sub,
                                                    region_code=code))
    cat = ops.new_category(s, "Modal")
    ops.move_cards(s, [ops.add_card(s, "kartu").id], cat.id)
    return s


def test_two_nagraks_are_two_rows_and_typed_only_sessions_are_listed_apart() -> None:
    sessions = [
        _session("Mentari", "Nagrak", "32.14.06.2015"),  # Darangdan, Purwakarta
        _session("Melati", "Ds. Nagrak", "32.14.06.2015"),  # same village, typed otherwise
        _session("Mawar", "Nagrak", "32.01.02.2009"),  # Gunungputri, Kabupaten Bogor
        _session("Anggrek", "nagrak"),  # no code: counted by its typed name
    ]
    report = build_report(sessions)
    rows = {(r[0], r[5], r[7]): r for r in report.villages.rows}
    assert rows[("Nagrak", "Darangdan", "32.14.06.2015")][1:3] == [2, 2]
    assert rows[("Nagrak", "Gunungputri", "32.01.02.2009")][1] == 1
    assert rows[("nagrak", "", "tanpa kode")][1] == 1
    assert len(report.villages.rows) == 3
    # Coded villages come first, with their official kabupaten.
    assert [r[6] for r in report.villages.rows[:2]] == ["Kabupaten Bogor",
                                                        "Kabupaten Purwakarta"]
    assert report.subdistricts is not None and report.uncoded is not None
    subs = {r[2]: r for r in report.subdistricts.rows}
    assert subs["32.14.06"][0] == "Darangdan" and subs["32.14.06"][3:5] == [2, 1]
    assert [r[1] for r in report.uncoded.rows] == ["Anggrek"]
    # The recurring problem is in three villages, not four and not one.
    assert report.recurring.rows[0][2] == 3
    files = render_report_files(report)
    html = files["laporan.html"].decode("utf-8")
    assert "Sesi tanpa kode desa" in html and "32.01.02.2009" in html
    assert "32.14.06.2015" in files["sessions.csv"].decode("utf-8-sig")
