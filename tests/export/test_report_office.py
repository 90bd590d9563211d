"""The district report as an officer reads it: totals first, then the tables."""

from __future__ import annotations

from datetime import date

from mpa_tui.domain import ops
from mpa_tui.domain.cycle import ActionItem
from mpa_tui.domain.enums import ActionStatus, Sex
from mpa_tui.domain.session import Location, Session
from mpa_tui.export.report import build_report, render_report_files


def _session(group: str, village: str, day: int, women: int, men: int,
             statuses: tuple[ActionStatus, ...] = ()) -> Session:
    s = Session(group_name=group, location=Location(village=village),
                start_date=date(2023, 6, day))
    for i in range(women + men):
        p = ops.add_participant(s, f"Peserta {group} {day} {i}")
        p.sex = Sex.FEMALE if i < women else Sex.MALE
    cat = ops.new_category(s, "Modal usaha")
    ops.move_cards(s, [ops.add_card(s, "kurang modal").id], cat.id)
    s.action_items.extend(ActionItem(action=f"aksi {k}", status=st)
                          for k, st in enumerate(statuses))
    return s


def sessions() -> list[Session]:
    return [
        # Mentari met twice (3 women, then 2 of them again): 3 women, not 5.
        _session("Mentari", "Nagrak", 8, 3, 1, (ActionStatus.DONE, ActionStatus.PLANNED)),
        _session("Mentari", "Nagrak", 9, 2, 2, (ActionStatus.DONE,)),
        _session("Melati", "Cibodas", 10, 4, 0, (ActionStatus.DROPPED,)),
    ]


def test_totals_count_women_once_per_group_and_actions_by_status() -> None:
    report = build_report(sessions(), lang="id")
    assert report.totals is not None
    got = {str(r[0]): r[1] for r in report.totals.rows}
    assert got["Sesi"] == 3 and got["Kelompok"] == 2 and got["Desa"] == 2
    assert got["Perempuan terjangkau (dihitung sekali per kelompok)"] == 3 + 4
    assert got["Aksi tindak lanjut"] == 4
    assert got["Aksi tindak lanjut: selesai"] == 2
    assert got["Aksi tindak lanjut: direncanakan"] == 1
    assert got["Aksi tindak lanjut: dibatalkan"] == 1
    assert got["Aksi tindak lanjut: berjalan"] == 0


def test_html_shows_totals_first_and_the_title_once() -> None:
    html = render_report_files(build_report(sessions(), lang="en"), lang="en")[
        "laporan.html"].decode("utf-8")
    assert html.count("MPA report across sessions</h") == 1
    first = html.index("<h2>")
    assert html[first:].startswith("<h2>Totals</h2>")
    assert html.index("Women reached") < html.index("Recurring problems</h2>")
