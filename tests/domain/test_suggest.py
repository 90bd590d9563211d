"""Grouping suggestions: similarity, clustering, titles, existing categories, glossary."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpa_tui.domain.errors import DomainError
from mpa_tui.domain.normalise import tokens
from mpa_tui.domain.suggest import (
    SuggestedGroup,
    _features,
    _similarities,
    suggest_for_card,
    suggest_groups,
    suggestions_json,
)
from mpa_tui.domain.suggest_cluster import average_link
from mpa_tui.domain.suggest_glossary import (
    default_glossary,
    load_glossary,
    load_user_glossary,
    user_glossary,
)


def sim(a: str, b: str) -> float:
    g = default_glossary()
    rows = _similarities([_features(a, g), _features(b, g)])
    return rows[0].get(1, 0.0)


def group_of(groups: list[SuggestedGroup], index: int) -> SuggestedGroup | None:
    return next((g for g in groups if index in g.indices), None)


# --- similarity -------------------------------------------------------------------------

def test_different_words_same_theme_are_similar() -> None:
    # No word in common: only the glossary knows these are all about capital.
    assert sim("gak ada dana", "modal kurang") > 0.5
    assert sim("susah jualan", "pembeli sepi") > 0.5
    assert sim("terjerat rentenir", "pinjol bunganya mencekik") > 0.5
    # Other livelihoods and the household have their themes too.
    assert sim("tengkulak beli ikan asin murah", "harga gabah anjlok") > 0.5
    assert sim("musim hujan ikan gak bisa dijemur", "kemarau panjang") > 0.5
    assert sim("suami kurang mendukung ibu ikut kelompok", "suami melarang ibu kerja") > 0.5
    # ... and unrelated problems are not.
    assert sim("pinjam ke rentenir", "jalan rusak") == 0.0
    assert sim("pupuk mahal dan langka", "anak putus sekolah") == 0.0


def test_typos_still_find_their_theme() -> None:
    assert sim("modl kecil", "modal kurang") > 0.5
    assert sim("pemasarn terbatas", "pemasaran susah") > 0.5
    # A real word is not read as a typo of a glossary word ("belanja" is not "belajar").
    assert sim("nota belanja", "belajar menjahit") == 0.0


def test_normalisation_makes_informal_and_standard_cards_alike() -> None:
    assert sim("gak punya modal2", "Tidak mempunyai permodalan") == pytest.approx(1.0)


def test_written_form_beats_stem_and_phrases_use_up_their_words() -> None:
    g = default_glossary()
    ids = {t.id: i for i, t in enumerate(g.themes)}
    # "keuangan" is bookkeeping as written, though its stem "uang" is capital.
    assert set(_features("catatan keuangan", g).themes) == {ids["pembukuan"]}
    # "simpan pinjam" is the cooperative, not a loan.
    assert set(_features("simpan pinjam", g).themes) == {ids["koperasi"]}
    assert set(_features("pinjaman", g).themes) == {ids["modal"]}
    # "=jalan" matches the road, not "berjalan" (running).
    assert _features("usaha tidak berjalan", g).themes == {}


def test_english_cards_join_indonesian_ones() -> None:
    assert sim("lack of capital", "modal kurang") > 0.5
    assert sim("need training", "butuh pelatihan") > 0.5


def test_spoken_verb_forms_read_as_their_root() -> None:
    # nyewa = sewa, benerin = benar(kan), nagih = tagih: the glossary knows the roots.
    assert sim("gak ada traktor hrs nyewa", "sewa traktor mahal") > 0.5
    assert sim("perahu bocor gak ada biaya benerin", "perahu rusak") > 0.5
    assert sim("rentenir nagih tiap hari", "ditagih bank keliling") > 0.5


def test_cards_without_theme_use_word_overlap() -> None:
    assert sim("rumput laut jelek", "rumput laut gak tumbuh") > 0.2
    assert sim("rumput laut jelek", "gurita makin jarang") == 0.0


# --- clustering --------------------------------------------------------------------------

CARDS = [
    "modal kurang",                 # 0 capital
    "pinjaman susah",               # 1 capital
    "gak ada dana",                 # 2 capital
    "pembeli sepi",                 # 3 marketing
    "susah jualan online",          # 4 marketing
    "promosi kurang",               # 5 marketing
    "jalan rusak",                  # 6 access (alone)
    "zzz",                          # 7 nothing
]


def test_suggest_groups_finds_the_groups_and_puts_the_rest_in_other() -> None:
    groups = suggest_groups(CARDS)
    assert [g.indices for g in groups] == [[0, 1, 2], [3, 4, 5], [6, 7]]
    capital = group_of(groups, 0)
    assert capital is not None and capital.theme == "modal" and capital.title == "Modal usaha"
    assert capital.existing_index is None and 0 < capital.score <= 1
    assert not capital.other
    other = groups[-1]
    assert other.other and other.title == "Lain-lain / belum jelas" and other.theme is None


def test_cards_from_other_livelihoods_find_their_group() -> None:
    texts = ["tengkulak beli ikan asin murah sekali", "harga gabah anjlok pas panen",
             "terjerat rentenir", "pinjol bunganya mencekik",
             "suami kurang mendukung ibu ikut kelompok", "suami gak ngasih izin kerja",
             "musim hujan ikan gak bisa dijemur", "banjir rob masuk rumah",
             "sumur kering", "gak ada air bersih"]
    groups = suggest_groups(texts)
    assert sorted((g.indices, g.title) for g in groups) == [
        ([0, 1], "Harga dan tengkulak"), ([2, 3], "Utang dan rentenir"),
        ([4, 5], "Dukungan suami dan keluarga"), ([6, 7], "Cuaca dan bencana"),
        # "sumur kering" is water and drought alike; next to clean water, it is water.
        ([8, 9], "Air bersih dan sanitasi")]


def test_every_card_with_text_is_in_exactly_one_proposal() -> None:
    texts = [line.split("\t", 1)[1] for line in _labelled_lines()] + ["", "  ", "!!!", "zzz"]
    groups = suggest_groups(texts)
    seen = sorted(i for g in groups for i in g.indices)
    assert seen == [i for i, t in enumerate(texts) if t.strip()]
    assert [g.other for g in groups].count(True) == 1 and groups[-1].other


def test_titles_in_english() -> None:
    groups = suggest_groups(CARDS, lang="en")
    assert [g.title for g in groups] == ["Capital", "Marketing", "Other / unclear"]


def test_title_in_the_groups_own_words_when_no_theme() -> None:
    # Nothing in the glossary: the title is the key phrase of the most representative
    # card (the words the group shares, as written), not the nearest wrong theme.
    texts = ["rumput laut jelek", "rumput laut gak tumbuh", "rumput laut sedikit sekali",
             "BSU belum cair", "BSU telat cair"]
    groups = suggest_groups(texts)
    titles = {tuple(g.indices): (g.title, g.theme) for g in groups}
    assert titles[(0, 1, 2)] == ("Rumput laut", None)
    assert titles[(3, 4)] == ("BSU cair", None)


def test_each_card_in_at_most_one_group_and_indices_valid() -> None:
    texts = [line.split("\t", 1)[1] for line in _labelled_lines()]
    groups = suggest_groups(texts)
    seen = [i for g in groups for i in g.indices]
    assert len(seen) == len(set(seen))
    assert all(0 <= i < len(texts) for i in seen)
    assert all(g.indices == sorted(g.indices) for g in groups)


def test_empty_and_blank_inputs() -> None:
    assert suggest_groups([]) == []
    assert suggest_groups(["", "  "]) == []
    assert [(g.indices, g.other) for g in suggest_groups(["", "!!!"])] == [([1], True)]
    assert suggest_for_card("", ["Modal"]) is None


def test_deterministic() -> None:
    texts = [line.split("\t", 1)[1] for line in _labelled_lines()]
    assert suggest_groups(texts) == suggest_groups(list(texts))


# --- existing categories -----------------------------------------------------------------

def test_groups_fit_existing_titles_by_theme_or_words() -> None:
    titles = ["Pemasaran produk", "Uang"]
    groups = suggest_groups(CARDS, existing_titles=titles)
    assert group_of(groups, 0).existing_index == 1  # type: ignore[union-attr]
    assert group_of(groups, 3).existing_index == 0  # type: ignore[union-attr]
    assert group_of(groups, 0).title == "Uang"  # type: ignore[union-attr]


def test_single_card_is_proposed_into_a_fitting_category() -> None:
    groups = suggest_groups(CARDS, existing_titles=["Transportasi"])
    road = group_of(groups, 6)
    assert road is not None and road.indices == [6] and road.existing_index == 0


def test_suggest_for_card() -> None:
    titles = ["Modal usaha", "Pemasaran", "Izin & sertifikat halal", "Kesehatan"]
    assert suggest_for_card("pinjeman ke bank susah", titles) == 0
    assert suggest_for_card("terjerat rentenir", titles + ["Utang"]) == 4
    assert suggest_for_card("blm ada PIRT", titles) == 2
    assert suggest_for_card("no buyers", titles) == 1
    assert suggest_for_card("puskesmas jauh, kesehatan kurang", titles) == 3
    assert suggest_for_card("rapat jarang", titles) is None
    assert suggest_for_card("modal", []) is None


def test_untitled_category_is_matched_by_its_cards() -> None:
    # Step 4 comes before titles (step 5): a category may have cards but no title yet.
    existing = [["jalan ke pasar rusak", "ongkos angkot mahal"], ["rapat jarang"]]
    groups = suggest_groups(CARDS, existing_titles=["", "Organisasi"], existing_cards=existing)
    road = group_of(groups, 6)
    assert road is not None and road.existing_index == 0 and road.indices == [6]
    assert road.title == "Akses dan transportasi"  # untitled: its own proposed title
    assert group_of(groups, 0).existing_index is None  # type: ignore[union-attr]
    # Titles may be left out when the cards are given.
    again = suggest_groups(CARDS, existing_cards=existing)
    assert group_of(again, 6).existing_index == 0  # type: ignore[union-attr]
    assert suggest_for_card("ojek mahal", ["", ""], existing_cards=existing) == 0
    assert suggest_for_card("ojek mahal", ["", ""]) is None


def test_existing_lists_must_agree() -> None:
    with pytest.raises(ValueError):
        suggest_groups(CARDS, existing_titles=["a"], existing_cards=[["x"], ["y"]])


def test_suggestions_json_uses_line_numbers() -> None:
    lines = ["modal kurang", "", "kredit bank ditolak", "jalan rusak", "gak ada dana"]
    assert suggestions_json(suggest_groups(lines)) == {
        "groups": [{"title": "Modal usaha", "cards": [1, 3, 5]},
                   {"title": "Lain-lain / belum jelas", "cards": [4], "other": True}]}


# --- glossary ----------------------------------------------------------------------------

def test_user_glossary_extends_a_theme_and_adds_one(tmp_path: Path) -> None:
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({
        "synonyms": {"agar": "rumput laut"},
        "other": {"id": "Belum jelas"},
        "themes": [
            {"id": "modal", "terms": ["cair"]},
            {"id": "laut", "title": {"id": "Hasil laut", "en": "Sea harvest"},
             "terms": ["rumput laut", "gurita", "teripang"]},
        ],
    }), "utf-8")
    g = load_glossary([extra])
    texts = ["rumput laut jelek", "gurita makin jarang", "teripang susah dicari", "agar2 sedikit",
             "modal kurang", "bantuan blm cair"]
    groups = suggest_groups(texts, glossary=g)
    assert [(x.indices, x.theme, x.title) for x in groups] == [
        ([0, 1, 2, 3], "laut", "Hasil laut"), ([4, 5], "modal", "Modal usaha")]
    # Without the user's file these cards share no theme and form no group.
    assert [(x.indices, x.other) for x in suggest_groups(texts[:3])] == [([0, 1, 2], True)]
    assert suggest_groups(["zzz"], glossary=g)[0].title == "Belum jelas"


@pytest.mark.parametrize(
    "content",
    ["{not json", json.dumps([1, 2]), json.dumps({"themes": [{"terms": ["x"]}]}),
     json.dumps({"themes": [{"id": "x", "terms": "modal"}]}),
     json.dumps({"synonyms": ["a"], "themes": []})],
)
def test_bad_glossary_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, "utf-8")
    with pytest.raises(DomainError) as info:
        load_glossary([bad])
    assert info.value.key == "glossary_invalid" and info.value.params["file"] == "bad.json"
    glossary, errors = load_user_glossary([bad])
    assert [e.key for e in errors] == ["glossary_invalid"]
    assert glossary.theme_index("modal") is not None  # the shipped glossary still works


def test_missing_glossary_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DomainError):
        load_glossary([tmp_path / "nope.json"])


# --- the clustering algorithm against a plain reference ----------------------------------

def _referenceaverage_link(n: int, sims: dict[tuple[int, int], float], threshold: float) -> set[
        frozenset[int]]:
    """Textbook average link: merge the globally best pair while it reaches the threshold."""
    clusters = [frozenset([i]) for i in range(n)]

    def avg(a: frozenset[int], b: frozenset[int]) -> float:
        total = sum(sims.get((min(i, j), max(i, j)), 0.0) for i in a for j in b)
        return total / (len(a) * len(b))

    while True:
        best = max(((avg(a, b), a, b) for x, a in enumerate(clusters) for b in clusters[x + 1:]),
                   default=None, key=lambda t: t[0])
        if best is None or best[0] < threshold:
            break
        _, a, b = best
        clusters = [c for c in clusters if c not in (a, b)] + [a | b]
    return {c for c in clusters if len(c) > 1}


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=12), st.integers(min_value=0, max_value=10_000))
def test_nearest_neighbour_chain_matches_textbookaverage_link(n: int, seed: int) -> None:
    rnd = random.Random(seed)
    # Similarities on a coarse grid give many ties; distinct values avoid tie-order noise.
    sims = {(i, j): rnd.random() for i in range(n) for j in range(i + 1, n) if rnd.random() < 0.7}
    rows: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), s in sims.items():
        rows[i][j] = s
        rows[j][i] = s
    got = {frozenset(idx) for idx, _ in average_link(rows, 0.45)}
    assert got == _referenceaverage_link(n, sims, 0.45)


def _labelled_lines() -> list[str]:
    path = Path(__file__).resolve().parents[1] / "data" / "cards_labelled.tsv"
    lines = path.read_text("utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


def test_shipped_glossary_has_the_field_themes_in_both_languages() -> None:
    g = default_glossary()
    assert {t.id for t in g.themes} >= {
        "modal", "pemasaran", "pembukuan", "koperasi", "izin", "produksi", "pelatihan",
        "organisasi", "waktu", "akses", "utang", "harga", "tani", "hama", "ternak", "cuaca",
        "bansos", "rumah", "kesehatan", "anak", "suami", "air", "kerja"}
    for theme in g.themes:
        assert theme.title.get("id") and theme.title.get("en"), theme.id


def test_glossary_files_in_the_data_folder_are_used_and_read_again_when_changed(
        tmp_path: Path) -> None:
    assert user_glossary(tmp_path) == (default_glossary(), [])  # no folder: the shipped one
    folder = tmp_path / "glossary"
    folder.mkdir()
    mine = folder / "desa.json"
    mine.write_text(json.dumps({"themes": [{"id": "laut", "terms": ["gurita"]}]}), "utf-8")
    (folder / "rusak.json").write_text("{not json", "utf-8")
    g, problems = user_glossary(tmp_path)
    assert g.theme_index("laut") is not None and g.theme_index("modal") is not None
    assert [p.params["file"] for p in problems] == ["rusak.json"]
    assert user_glossary(tmp_path)[0] is g  # unchanged files: not read again
    mine.write_text(json.dumps({"themes": [{"id": "laut", "terms": ["gurita", "teripang"]},
                                           {"id": "sungai", "terms": ["eceng gondok"]}]}),
                    "utf-8")
    again, _ = user_glossary(tmp_path)
    assert again.theme_index("sungai") is not None


def test_shipped_phrases_keep_their_words() -> None:
    # A phrase whose other words are stop words would silently become a one-word term
    # ("bapaknya anak" would make every card about children a husband card).
    doc = json.loads((Path(__file__).resolve().parents[2] / "data" / "glossary" /
                      "themes.json").read_text("utf-8"))
    collapsed = [(th["id"], term) for th in doc["themes"] for key in ("terms", "weak")
                 for term in th.get(key, [])
                 if len(term.split()) > 1 and len(tokens(term.lstrip("="))) < 2]
    assert collapsed == []
