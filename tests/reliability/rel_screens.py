"""Open every screen of the app on one session, headless, in a chosen time zone.

Shared by the property test (tests/reliability/test_rel_generated.py) and the maxima
benchmark (bench/bench_limits.py): every step, the summary, the details form, the
screens around the workshop, the item trash and the export dialog.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

SIZE = (80, 24)


@contextlib.contextmanager
def time_zone(name: str) -> Iterator[None]:
    """Run the block with local time in ``name`` (e.g. ``Asia/Jakarta``, UTC+7)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def screen_text(app: Any) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def open_every_screen(app: Any, pilot: Any, session_id: str) -> dict[str, float]:
    """Open the session, then each screen in turn; seconds each took to show.

    Raises:
        AssertionError: a screen did not open or the app stopped.
    """
    from mpa_tui.domain import Step
    from mpa_tui.tui.screens import CYCLE_SCREENS

    took: dict[str, float] = {}
    t0 = time.perf_counter()
    assert app.open_session(session_id), "the session did not open"
    await pilot.pause()
    took["open"] = time.perf_counter() - t0
    openers: list[tuple[str, Any]] = [(f"step{int(s)}", lambda s=s: app.open_step(s))
                                      for s in Step]
    openers += [("summary", app.open_summary), ("details", app.open_details)]
    openers += [(info.key, lambda key=info.key: app.open_cycle(key)) for info in CYCLE_SCREENS]
    openers += [("trash", app.open_item_trash)]
    for name, opener in openers:
        t0 = time.perf_counter()
        opener()
        await pilot.pause()
        took[name] = time.perf_counter() - t0
        assert app.is_running and app.return_code is None, name
        screen_text(app)  # it paints
        if name == "trash":
            app.pop_screen()
            await pilot.pause()
    return took


def maxima_session() -> Any:
    """A session holding the most the schema allows of the main lists, every step done."""
    from mpa_tui.domain import (
        ActionItem,
        Card,
        Category,
        NetworkLink,
        Participant,
        Resource,
        Session,
        Step,
    )
    from mpa_tui.domain.cycle import Quote
    from mpa_tui.domain.enums import CardKind
    from mpa_tui.domain.session import LIMITS, Vote

    n_people, n_cards, n_cats = (LIMITS["participants"], LIMITS["cards"],
                                 LIMITS["categories"])
    people = [Participant(name=f"Ibu Peserta {i:03d}", seat=i) for i in range(n_people)]
    cards = [Card(text=f"Masalah nomor {i} tentang modal dan pemasaran usaha",
                  kind=CardKind.PROBLEM if i % 4 else CardKind.NEED,
                  author_id=people[i % n_people].id, posted=True) for i in range(n_cards)]
    cats = [Category(title=f"Kategori {j:03d}",
                     card_ids=[c.id for k, c in enumerate(cards) if k % n_cats == j])
            for j in range(n_cats)]
    votes = [Vote(participant_id=p.id, category_id=cats[(i * 7 + k) % n_cats].id)
             for i, p in enumerate(people) for k in range(3)]
    s = Session(group_name="Kelompok Batas", start_date=date(2025, 1, 1),
                end_date=date(2025, 1, 1) + timedelta(days=1), current_step=Step.ORDER,
                participants=people, cards=cards, categories=cats, votes=votes)
    s.resources = [Resource(name=f"Sumber {i}", linked_category_ids=[cats[i % n_cats].id])
                   for i in range(LIMITS["resources"])]
    s.network_links = [NetworkLink(partner=f"Mitra {i}") for i in range(LIMITS["network_links"])]
    s.action_items = [ActionItem(action=f"Aksi {i}", category_id=cats[i % n_cats].id)
                      for i in range(LIMITS["action_items"])]
    s.evaluation.quotes = [Quote(text=f"Kutipan {i}") for i in range(500)]
    s.notes = _maxima_notes(people, LIMITS["notes"])
    return s


def _maxima_notes(people: list[Any], n: int) -> list[Any]:
    """``n`` process notes of the longest text (2,000 characters) on every topic, said by
    every kind of speaker, every fifth a quote."""
    from mpa_tui.domain.note import Note, NoteTopic, Speaker

    topics, speakers = list(NoteTopic), [Speaker.GROUP, Speaker.FACILITATOR, None]
    words = "kelompok membahas modal usaha, pemasaran dan pembukuan bersama pengurus; "
    out = []
    for i in range(n):
        text = (f"Catatan {i}: " + words * 30)[:2000]
        who = people[i % len(people)].id if i % 4 == 0 else None
        out.append(Note(text=text, topic=topics[i % len(topics)], participant_id=who,
                        speaker=Speaker.PARTICIPANT if who else speakers[i % 3],
                        quote=i % 5 == 0))
    return out
