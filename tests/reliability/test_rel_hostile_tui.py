"""Promise 5 (TUI): hostile text is shown literally, never runs an action, never crashes.

Driven with Pilot at 80x24: markup typed key by key into the capture screen, every fixed
hostile text pasted into it, a click on a card whose text is ``[@click=app.quit]``; then a
session full of hostile texts is shown on every step screen and the summary.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from rel_hostile import FIXED, REFUSED_FOR_CARDS, expected_stored
from rel_util import FULL, count

from mpa_tui.domain import Session, Step, ops
from mpa_tui.store import Store

pytestmark = pytest.mark.reliability

SIZE = (80, 24)
TYPED = "[red]x[/] [b [@click=app.quit]"


def screen_text(app: Any) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_capture_shows_hostile_text_literally(data_dir: Path) -> None:
    pytest.importorskip("mpa_tui.tui.screens.capture", reason="capture screen not ready")
    from textual.widgets import Input

    from mpa_tui.tui.app import make_app

    store = Store.open(data_dir)
    try:
        session = Session(group_name="[b]Mentari[/b]", current_step=Step.WRITE)
        store.repo.create(session)
        app = make_app(store=store)
        async with app.run_test(size=SIZE) as pilot:
            assert app.open_session(session.id)
            await pilot.pause()
            await pilot.press(*TYPED, "enter")
            await pilot.pause()
            assert app.is_running
            assert app.controller is not None
            assert app.controller.session.cards[-1].text == TYPED
            assert TYPED in screen_text(app)
            assert "[b]Mentari[/b]" in screen_text(app)  # the title line
            # A click on the card whose text names an action does nothing.
            from mpa_tui.tui.widgets.capture_items import CardItem

            await pilot.click(CardItem)
            await pilot.pause()
            assert app.is_running and app.return_code is None

            inp = app.screen.query_one("#card-text", Input)
            inp.focus()
            stored = refused = 0
            quick = ("markup_click", "ansi", "long_10k", "whitespace")
            for name, text in FIXED.items():
                if not FULL and name not in quick:
                    continue
                before = len(app.controller.session.cards)
                inp.value = text  # as a paste lands
                held = inp.value  # the field may cut at its max length
                await pilot.press("enter")
                await pilot.pause()
                assert app.is_running, name
                cards = app.controller.session.cards
                if len(cards) == before:
                    refused += 1
                    assert name in REFUSED_FOR_CARDS or not expected_stored(held), name
                    error = str(app.screen.query_one("#capture-error").render())
                    assert error.strip() and "error." not in error, (name, error)
                    inp.value = ""
                    continue
                stored += 1
                assert cards[-1].text == expected_stored(held), name
                if name.startswith("markup") and name != "markup_link":
                    assert expected_stored(held) in screen_text(app), name
        saved = [c.text for c in store.repo.load(session.id).cards]
        assert saved == [c.text for c in app.controller.session.cards]
        print(f"\ntui capture: {stored} hostile texts shown literally and saved, {refused} "
              f"refused with a message, 0 crashes, 0 actions triggered")
    finally:
        store.close()


def hostile_session() -> Session:
    """A session at every stage with hostile texts in every place the screens show."""
    session = Session(group_name="[red]Mentari[/]", guiding_question="[@click=app.quit]?")
    for name in ("[b", "Siti [/]", "\u202eina"):
        ops.add_participant(session, name)
    texts = [t for n, t in FIXED.items() if n not in REFUSED_FOR_CARDS]
    cards = [ops.add_card(session, t) for t in texts]
    titles = ["[red]merah[/]", "[@click=app.quit]x", "[b"]
    cats = [ops.new_category(session, t) for t in titles]
    for i, card in enumerate(cards):
        ops.move_cards(session, [card.id], cats[i % len(cats)].id)
    ops.set_posted(session, [c.id for c in cards])
    return session


STEPS: list[Step | None] = [*Step, None] if FULL else [Step.STICK, Step.RANK, None]


@pytest.mark.parametrize("step", STEPS, ids=lambda s: f"step{int(s)}" if s else "summary")
async def test_every_screen_survives_hostile_session(data_dir: Path, step: Step | None
                                                     ) -> None:
    from mpa_tui.tui.app import make_app

    store = Store.open(data_dir)
    try:
        session = hostile_session()
        store.repo.create(session)
        app = make_app(store=store)
        async with app.run_test(size=SIZE) as pilot:
            assert app.open_session(session.id)
            if step is None:
                app.open_summary()
            else:
                app.open_step(step)
            await pilot.pause()
            text = screen_text(app)
            assert "[red]Mentari[/]" in text or step is None
            if step in (Step.STICK, Step.TITLE, Step.RANK, Step.ORDER):
                assert "[red]merah[/]" in text, text
            for key in ("tab", "down", "enter", "escape"):
                await pilot.press(key)
                await pilot.pause()
                assert app.is_running and app.return_code is None
    finally:
        store.close()


RANGES = [(0x20, 0x7E)] * 6 + [(0x00, 0x1F), (0x7F, 0x9F), (0x300, 0x36F), (0x590, 0x6FF),
                               (0x200B, 0x202E), (0x1F300, 0x1FAFF), (0x4E00, 0x4E80),
                               (0xFFF0, 0xFFFF)]
MARKUP_BITS = ["[", "]", "[/]", "[b", "[@click=app.quit]", "[red]", "\\[", "$x", "\x1b[31m"]


def random_text(rng: random.Random) -> str:
    """A random paste: any code point range, markup fragments, escapes."""
    out = []
    for _ in range(rng.randint(1, 12)):
        if rng.random() < 0.3:
            out.append(rng.choice(MARKUP_BITS))
        else:
            lo, hi = rng.choice(RANGES)
            out.append(chr(rng.randint(lo, hi)))
    return "".join(out)


async def test_generated_pastes_never_crash_the_capture_screen(data_dir: Path) -> None:
    pytest.importorskip("mpa_tui.tui.screens.capture", reason="capture screen not ready")
    from textual.widgets import Input

    from mpa_tui.tui.app import make_app

    rng = random.Random(5)
    n = count(200, 15)
    store = Store.open(data_dir)
    try:
        session = Session(group_name="Mentari", current_step=Step.WRITE)
        store.repo.create(session)
        app = make_app(store=store)
        stored = 0
        async with app.run_test(size=SIZE) as pilot:
            assert app.open_session(session.id)
            await pilot.pause()
            inp = app.screen.query_one("#card-text", Input)
            for _ in range(n):
                text = random_text(rng)
                before = len(app.controller.session.cards)  # type: ignore[union-attr]
                inp.value = text
                held = inp.value
                await pilot.press("enter")
                await pilot.pause()
                assert app.is_running and app.return_code is None, repr(text)
                cards = app.controller.session.cards  # type: ignore[union-attr]
                if len(cards) > before:
                    stored += 1
                    assert cards[-1].text == expected_stored(held), repr(text)
                else:
                    error = str(app.screen.query_one("#capture-error").render())
                    assert error.strip(), f"refused without a reason: {text!r}"
                    inp.value = ""
        saved = [c.text for c in store.repo.load(session.id).cards]
        assert len(saved) == stored
        print(f"\ntui generated pastes: {n} pastes, {stored} saved exactly, "
              f"{n - stored} refused, 0 crashes")
    finally:
        store.close()
