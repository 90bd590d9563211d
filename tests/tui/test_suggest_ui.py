"""Grouping suggestions at step 4 (key s): proposals one by one, accept (one undo step),
edit the title, take a card out (offered again in the next best proposal), skip, into an
existing category, the "Lain-lain / belum jelas" proposal; nothing moves without a key
press; hostile card text stays literal. Checked on the session reloaded from disk."""

from __future__ import annotations

import json
from pathlib import Path

from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import Session, Step, ops
from mpa_tui.store import Store
from mpa_tui.tui.dialogs.suggest import SuggestionDialog
from mpa_tui.tui.screens.grouping import GroupingScreen

CAPITAL = ["modal kurang", "gak ada modal usaha", "modal usaha habis"]
DEBT = ["terjerat rentenir", "pinjol bunganya mencekik", "utang numpuk"]
OTHER = "Lain-lain / belum jelas"
MARKET = ["susah jualan", "pembeli sedikit", "promosi kurang"]


def grouping_session(store: Store, texts: list[str], titles: list[str] = ()) -> Session:  # type: ignore[assignment]
    """A saved session on step 4 with these cards (unsorted) and categories."""
    session = make_session(store, current_step=Step.GROUP)
    for text in texts:
        ops.add_card(session, text)
    for title in titles:
        ops.new_category(session, title)
    store.repo.save(session)
    return session


def members(session: Session) -> dict[str, list[str]]:
    """Card texts of each active category, by title."""
    out = {}
    for cat in session.active_categories():
        cards = [session.card(cid) for cid in cat.card_ids]
        out[cat.title] = [c.text for c in cards if c is not None]
    return out


def unsorted(session: Session) -> list[str]:
    return [c.text for c in session.active_cards() if c.category_id is None]


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def ask(pilot, app) -> SuggestionDialog:  # type: ignore[no-untyped-def]
    """Press s and wait for the worker's proposals."""
    await pilot.press("s")
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.screen, SuggestionDialog):
            return app.screen
    raise AssertionError(f"no suggestions dialog: {app.screen!r}")


async def open_grouping(pilot, app, session: Session) -> GroupingScreen:  # type: ignore[no-untyped-def]
    assert app.open_session(session.id)
    await pilot.pause()
    assert isinstance(app.screen, GroupingScreen)
    return app.screen


async def test_accept_with_edited_title_then_skip_then_undo(store, data_dir: Path) -> None:
    session = grouping_session(store, CAPITAL + MARKET + ["alat rusak"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_grouping(pilot, app, session)
        dialog = await ask(pilot, app)
        assert len(dialog.proposals) == 3  # capital, marketing, then "Lain-lain"
        assert dialog.proposals[-1].other
        assert "Saran 1 dari 3" in screen_text(app)
        # Nothing has moved just by asking.
        assert unsorted(reload(data_dir, session.id)) == CAPITAL + MARKET + ["alat rusak"]
        first = {session.card(cid).text for cid in dialog.proposal.card_ids}  # type: ignore[union-attr]
        assert first == set(CAPITAL)
        await pilot.press("r", "ctrl+u", *"Modal dan utang", "enter")
        await pilot.pause()
        disk = reload(data_dir, session.id)
        assert members(disk) == {"Modal dan utang": CAPITAL}
        assert "Saran 2 dari 3" in screen_text(app)
        await pilot.press("left")  # back: its cards are grouped now, so none can move again
        assert "Saran 1 dari 3 (sudah diterima)" in screen_text(app)
        await pilot.press("enter")
        assert "Tidak ada kartu tersisa" in screen_text(app)
        await pilot.press("right")  # on to the one not answered yet
        assert "Saran 2 dari 3" in screen_text(app)
        await pilot.press("right")  # skip the marketing group
        assert "Saran 3 dari 3" in screen_text(app) and "✓ alat rusak" in screen_text(app)
        await pilot.press("right")  # skip "Lain-lain" too: the dialog closes
        await pilot.pause()
        assert isinstance(app.screen, GroupingScreen)
        disk = reload(data_dir, session.id)
        assert unsorted(disk) == MARKET + ["alat rusak"]
        assert "Modal dan utang (3)" in screen_text(app)
        await pilot.press("ctrl+z")  # one undo step takes back the whole proposal
        await pilot.pause()
        disk = reload(data_dir, session.id)
        assert disk.active_categories() == []
        assert unsorted(disk) == CAPITAL + MARKET + ["alat rusak"]


async def test_into_existing_category_and_card_taken_out(store, data_dir: Path) -> None:
    session = grouping_session(store, MARKET + ["alat rusak"], ["Modal", "Pemasaran"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_grouping(pilot, app, session)
        dialog = await ask(pilot, app)
        assert dialog.proposal.category_id == session.categories[1].id
        assert "kategori yang sudah ada: 2 «Pemasaran»" in screen_text(app)
        await pilot.press("down", "space")  # take "pembeli sedikit" out
        assert "✗ pembeli sedikit" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        disk = reload(data_dir, session.id)
        assert members(disk) == {"Modal": [], "Pemasaran": ["susah jualan", "promosi kurang"]}
        assert unsorted(disk) == ["pembeli sedikit", "alat rusak"]
        assert disk.categories[1].title == "Pemasaran"  # title untouched
        # Nothing else fits it, so the card taken out is offered with the unclear ones.
        assert dialog.proposal.other
        assert {session.card(c).text for c in dialog.proposal.card_ids} == {  # type: ignore[union-attr]
            "pembeli sedikit", "alat rusak"}


async def test_card_taken_out_is_offered_in_the_next_best_proposal(
        store, data_dir: Path) -> None:
    both = "pinjam modal ke rentenir"  # capital first, debts next best
    texts = CAPITAL + DEBT + [both] + MARKET + ["alat rusak"]
    session = grouping_session(store, texts)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_grouping(pilot, app, session)
        dialog = await ask(pilot, app)
        # Every card is in one proposal; the last gathers the unclear ones.
        offered = [session.card(c).text for p in dialog.proposals  # type: ignore[union-attr]
                   for c in p.card_ids]
        assert sorted(offered) == sorted(texts)
        assert [p.title for p in dialog.proposals] == [
            "Modal usaha", "Utang dan rentenir", "Pemasaran", OTHER]
        assert "✓ " + both in screen_text(app)
        await pilot.press("down", "down", "down", "space")  # take it out of "Modal usaha"
        assert "✗ " + both in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Saran 2 dari 4" in screen_text(app)
        assert "✓ " + both in screen_text(app)  # offered with the debts
        await pilot.press("enter")
        await pilot.pause()
        disk = reload(data_dir, session.id)
        assert members(disk) == {"Modal usaha": CAPITAL, "Utang dan rentenir": DEBT + [both]}
        # Taken out of the marketing group, which nothing else fits: offered as unclear.
        await pilot.press("space", "enter")
        await pilot.pause()
        assert "Saran 4 dari 4" in screen_text(app)
        assert "Kartu yang belum cocok" in screen_text(app)
        assert "✓ susah jualan" in screen_text(app) and "✓ alat rusak" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GroupingScreen)
        disk = reload(data_dir, session.id)
        assert members(disk)[OTHER] == ["alat rusak", "susah jualan"]
        assert unsorted(disk) == []


async def test_duplicate_title_is_refused_and_escape_moves_nothing(store, data_dir: Path) -> None:
    session = grouping_session(store, CAPITAL + ["alat rusak"], ["Pasar"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_grouping(pilot, app, session)
        await ask(pilot, app)
        await pilot.press("r", "ctrl+u", *"pasar", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SuggestionDialog)
        assert 'Judul "pasar" sudah dipakai kategori lain.' in screen_text(app)
        assert len(reload(data_dir, session.id).active_categories()) == 1
        await pilot.press("escape")  # leaves the title field only
        assert isinstance(app.screen, SuggestionDialog)
        assert app.screen.proposal.title == "pasar"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GroupingScreen)
        disk = reload(data_dir, session.id)
        assert unsorted(disk) == CAPITAL + ["alat rusak"]
        assert members(disk) == {"Pasar": []}


async def test_hostile_text_in_proposals(store, data_dir: Path) -> None:
    hostile = [f"{HOSTILE} modal kurang", "modal usaha kurang [b", "😀 modal [/] habis",
               "x" * 990 + " modal"]
    session = grouping_session(store, hostile)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_grouping(pilot, app, session)
        dialog = await ask(pilot, app)
        assert len(dialog.proposal.card_ids) >= 3
        text = screen_text(app)
        assert "[red]x[/] [b [@click=app.quit] modal kurang" in text
        assert "modal usaha kurang [b" in text and "😀 modal [/] habis" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        disk = reload(data_dir, session.id)
        [cat] = disk.active_categories()
        assert set(members(disk)[cat.title]) >= set(hostile[:3])


async def test_nothing_to_suggest(store, data_dir: Path) -> None:
    session = grouping_session(store, ["alat rusak", "jalan jauh ke pasar kabupaten"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_grouping(pilot, app, session)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen and not screen.suggesting
        assert unsorted(reload(data_dir, session.id)) == ["alat rusak",
                                                          "jalan jauh ke pasar kabupaten"]


async def test_facilitators_own_glossary_is_used_and_a_bad_one_is_reported(
        store, data_dir: Path) -> None:
    folder = data_dir / "glossary"
    folder.mkdir()
    (folder / "pesisir.json").write_text(json.dumps({"themes": [
        {"id": "laut", "title": {"id": "Hasil laut", "en": "Sea harvest"},
         "terms": ["rumput laut", "gurita", "teripang"]}]}), "utf-8")
    (folder / "rusak.json").write_text("{not json", "utf-8")
    texts = ["gurita makin jarang", "teripang susah dicari", "rumput laut jelek"]
    session = grouping_session(store, texts)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_grouping(pilot, app, session)
        dialog = await ask(pilot, app)
        assert [(p.title, len(p.card_ids)) for p in dialog.proposals] == [("Hasil laut", 3)]
        notes = [n.message for n in app._notifications]
        assert any("rusak.json" in n and "dilewati" in n for n in notes), notes
