"""Folder and file names are safe on FAT32/exFAT whatever the group or village is called."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from mpa_tui.domain.session import Location, Session
from mpa_tui.export.naming import (
    MAX_COMPONENT,
    MAX_NAME,
    file_name,
    folder_name,
    identity_prefix,
    is_reserved,
    safe_component,
    unique_name,
)

BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def assert_fat_safe(name: str) -> None:
    assert name, "empty"
    assert not BAD.search(name), name
    assert not name.endswith((".", " ")), name
    assert not name.startswith("."), name
    assert not is_reserved(name), name
    assert name not in (".", "..")


@given(st.text(max_size=300))
@settings(max_examples=150, deadline=None)
def test_any_text_gives_a_safe_component(text: str) -> None:
    name = safe_component(text)
    assert_fat_safe(name)
    assert len(name) <= MAX_COMPONENT + 1  # +1 for the "_" after a reserved name


@given(st.sampled_from(["CON", "prn", "Aux", "nul", "COM1", "lpt9", "con.txt", "NUL.tar.gz",
                        "com3 ", "CON."]))
def test_reserved_names_are_changed(name: str) -> None:
    out = safe_component(name)
    assert_fat_safe(out)
    assert out.upper() != name.upper()


def test_examples() -> None:
    assert safe_component("Mentari") == "Mentari"
    assert safe_component("  Kel. Mawar / Melati  ") == "Kel.-Mawar-Melati"
    assert safe_component("a:b*c?d") == "abcd"
    assert safe_component("...") == "x"
    assert safe_component("dots...") == "dots"
    assert safe_component("\u200bzero\u200fwidth") == "zerowidth"
    assert safe_component("x" * 100) == "x" * MAX_COMPONENT


def test_folder_name_layout() -> None:
    s = Session(id="3f2a9c1d-0000-4000-8000-000000000000", group_name="Mentari",
                location=Location(village="Suka Maju"), start_date=date(2023, 6, 8))
    assert folder_name(s) == "2023-06-08_Mentari_Suka-Maju_3f2a9c1d"
    s2 = Session(group_name="CON", location=Location(village=""))
    name = folder_name(s2, today=date(2024, 1, 2))
    assert name.startswith("2024-01-02_CON__desa_")
    assert_fat_safe(name)


def test_every_file_says_whose_it_is() -> None:
    s = Session(group_name="Mentari", location=Location(village="Nagrak"),
                start_date=date(2023, 6, 8))
    prefix = identity_prefix(s)
    assert file_name(prefix, "laporan.docx") == "2023-06-08_Mentari_Nagrak_laporan.docx"
    assert file_name(prefix, "sesi.mpa.json") == "2023-06-08_Mentari_Nagrak_sesi.mpa.json"
    assert file_name(prefix, "SHA256SUMS") == "SHA256SUMS"


@given(st.text(max_size=300), st.text(max_size=300))
@settings(max_examples=100, deadline=None)
def test_file_names_are_fat_safe_and_short(group: str, village: str) -> None:
    s = Session.model_construct(group_name=group, location=Location.model_construct(
        village=village), start_date=date(2023, 6, 8), id="x")
    for kind in ("ringkasan.html", "sesi.mpa.json"):
        name = file_name(identity_prefix(s), kind)
        assert_fat_safe(name)
        assert name.endswith("_" + kind) and len(name) <= MAX_NAME


def test_import_finds_a_renamed_bundle(tmp_path) -> None:
    from mpa_tui.export.bundle import render_bundle
    from mpa_tui.export.importer import find_bundles, read_bundle

    s = Session(group_name="Mentari", location=Location(village="Nagrak"),
                start_date=date(2023, 6, 8))
    folder = tmp_path / "MPA" / folder_name(s)
    folder.mkdir(parents=True)
    path = folder / file_name(identity_prefix(s), "sesi.mpa.json")
    path.write_bytes(render_bundle(s, with_names=False))
    assert find_bundles(tmp_path) == [path]
    assert read_bundle(path).id == s.id


@given(st.text(min_size=1, max_size=60), st.lists(st.text(max_size=60), max_size=10))
@settings(max_examples=100, deadline=None)
def test_unique_name_is_never_taken_case_insensitively(wanted: str, existing: list[str]) -> None:
    out = unique_name(wanted, existing)
    assert out.casefold() not in {e.casefold() for e in existing}


def test_unique_name_counts_unfinished_exports() -> None:
    assert unique_name("a", ["A"]) == "a_2"
    assert unique_name("a", ["a", "A_2"]) == "a_3"
    assert unique_name("a", [".a.partial"]) == "a_2"
