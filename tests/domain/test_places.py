"""Official places from the Kemendagri list: offline lookups, matching typed names, identity."""

from __future__ import annotations

from mpa_tui.data import load_example
from mpa_tui.domain import places
from mpa_tui.domain.identity import group_key
from mpa_tui.domain.session import Location, Session

NAGRAK = "32.14.06.2015"


def test_the_list_is_installed_and_names_the_example_village() -> None:
    assert places.available()
    assert places.name_of(NAGRAK) == "Nagrak"
    assert [p.name for p in places.path_of(NAGRAK)] == [
        "Jawa Barat", "Kabupaten Purwakarta", "Darangdan", "Nagrak"]
    assert len(places.children()) == 38  # provinces
    assert "Darangdan" in [p.name for p in places.children("32.14")]
    example = load_example()
    assert example.location.region_code == NAGRAK
    assert places.settle_code(example.location) == NAGRAK  # its typed names agree


def test_typed_names_are_matched_when_they_say_enough() -> None:
    assert len(places.match_location(Location(village="Nagrak"))) == 9  # West Java alone
    found = places.match_location(Location(village="Ds. nagrak", subdistrict="Kec. Darangdan"))
    assert [p.code for p in found] == [NAGRAK]
    assert places.match_location(Location(village="Tidak Ada Desa Ini")) == []


def test_official_names_with_punctuation_are_matched_as_typed() -> None:
    # 1,049 official village names hold a hyphen, apostrophe or dot; typed by hand they
    # come with a space or nothing in its place.
    for typed, code in [("Siurai Urai", "11.01.13.2006"), ("pasi kuala bau", "11.01.02.2018"),
                        ("Siurai-Urai", "11.01.13.2006")]:
        assert code in [p.code for p in places.match_location(Location(village=typed))]


def test_filter_puts_names_that_start_with_the_text_first() -> None:
    shown = places.filter_places(places.children("32.14"), "  PURWA ")
    assert shown and shown[0].name == "Purwakarta"
    assert all("purwa" in places.key(p.name) for p in shown)


def test_a_name_typed_over_cuts_the_code_back_and_is_flagged() -> None:
    loc = Location(village="Kampung Baru", subdistrict="Darangdan", regency="Purwakarta",
                   province="Jawa Barat", region_code=NAGRAK)
    assert places.settle_code(loc) == "32.14.06"
    loc.region_code = "32.14.06"
    assert places.not_listed(loc)
    assert not places.not_listed(Location(village="Nagrak", region_code=NAGRAK))


def test_group_identity_uses_the_village_code_and_the_normalised_name() -> None:
    other_nagrak = "32.01.02.2009"  # Nagrak, Kecamatan Gunungputri, Kabupaten Bogor
    a = Session(group_name="Kelompok Mentari",
                location=Location(village="Nagrak", region_code=NAGRAK))
    b = Session(group_name="kelompok  MENTARI!",
                location=Location(village="Ds. Nagrak", region_code=NAGRAK))
    c = Session(group_name="Kelompok Mentari",
                location=Location(village="Nagrak", region_code=other_nagrak))
    assert group_key(a) == group_key(b)
    assert group_key(a) != group_key(c)
    typed = Session(group_name="Kelompok Mentari", location=Location(village="Nagrak"))
    assert group_key(typed) not in (group_key(a), group_key(c))
