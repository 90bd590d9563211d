"""1. Save latency: one durable save of a workshop-sized session, against I/O baselines.

The session: 20 participants, 60 cards, 10 categories (about 25 KB on disk). Each sample
adds one card (the previous sample's card is taken out first, so the size stays put) and
times ``repo.save`` alone: pydantic serialisation, temp file + fsync, backup link,
replace, folder fsync and, when the store decides to, the index. The store's clock is
advanced by PACE seconds before each sample (a card typed every 5 s, the pace of a
workshop), so the store's own index policy (``INDEX_DELAY``) runs as it would live;
back-to-back saves would hide the index writes.

Baselines, interleaved with the subject in rotating order in the same run:
  floor     the atomic-replace floor: the same bytes to a temp file, fsync, rename,
            folder fsync (what any crash-safe whole-file save must pay);
  floor+serialise  the floor preceded by serialising the session (pydantic -> bytes):
            what any save of the whole session must pay (shows how much of the gap
            to the floor is serialisation);
  in place  write + fsync over the same file (not crash-safe: a torn write loses it);
  TinyDB    TinyDB 4's default JSONStorage, every session in one file (1 and 1,000);
  SQLite    one row per session, WAL, synchronous=FULL (1 and 1,000 rows).

Goals: p95 <= 1.3x the floor's p95; p95 with 1,000 sessions <= 1.2x p95 with 1.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _common as c

GOAL_FLOOR = 1.3
GOAL_SCALE = 1.2
PACE = 5.0
"""Seconds between two cards at workshop pace (what the store's index policy sees)."""


class PacedClock:
    """Stands in for the ``time`` module inside the repository: monotonic() is virtual."""

    def __init__(self) -> None:
        self.now = time.monotonic()

    def monotonic(self) -> float:
        return self.now

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


CLOCK = PacedClock()


class Subject:
    """One open store and its session; ``step()`` prepares a sample, ``save()`` is timed."""

    def __init__(self, data_dir: Path, session_id: str) -> None:
        from mpa_tui.store import Store

        self.store = Store.open(data_dir)
        self.repo = self.store.repo
        self.session = self.repo.load(session_id)
        self.path = self.repo.path_of(session_id)
        self.base = len(self.session.cards)
        self.n = 0

    def step(self) -> None:
        from mpa_tui.domain import ops

        del self.session.cards[self.base:]
        # Two subjects share the clock and each steps once per round: PACE between a
        # subject's own saves.
        CLOCK.now += PACE / 2
        self.n += 1
        ops.add_card(self.session, f"kartu uji ke-{self.n}: modal usaha kurang sekali")
        self.session.touch()

    def save(self) -> None:
        self.repo.save(self.session)

    def close(self) -> None:
        self.store.close()


def floor_write(folder: Path, data: bytes) -> None:
    """temp write + fsync + rename + folder fsync (the atomic-replace floor)."""
    tmp = folder / ".s.json.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, folder / "s.json")
    dfd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def inplace_write(path: Path, data: bytes) -> None:
    """write + fsync over the same file (no rename)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        os.write(fd, data)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


class Tiny:
    """TinyDB with its default JSONStorage: all sessions in one file, one doc each."""

    def __init__(self, path: Path, docs: list[dict[str, Any]]) -> None:
        from tinydb import TinyDB

        self.db = TinyDB(path)  # default storage: JSONStorage (json + fsync, in place)
        self.table = self.db.table("sessions")
        with c.no_fsync():
            self.doc_id = self.table.insert_multiple(docs)[0]

    def save(self, doc: dict[str, Any]) -> None:
        self.table.update(doc, doc_ids=[self.doc_id])

    def close(self) -> None:
        self.db.close()


class Sql:
    """SQLite, one row per session, WAL + synchronous=FULL."""

    def __init__(self, path: Path, docs: list[bytes], ids: list[str]) -> None:
        self.con = sqlite3.connect(path, isolation_level=None)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=FULL")
        self.con.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, doc BLOB NOT NULL)")
        with self.con:
            self.con.executemany("INSERT INTO sessions VALUES (?, ?)", zip(ids, docs, strict=True))
        self.id = ids[0]

    def save(self, data: bytes) -> None:
        with self.con:
            self.con.execute("INSERT OR REPLACE INTO sessions VALUES (?, ?)", (self.id, data))

    def close(self) -> None:
        self.con.close()


def run(quick: bool) -> list[c.Result]:
    """Measure; return the rows."""
    import orjson

    import mpa_tui.store.repository as repository

    repository.time = CLOCK  # type: ignore[assignment]
    reps = 40 if quick else 150
    tiny_every = 10 if quick else 12  # TinyDB with 1,000 sessions rewrites ~30 MB per save
    root = c.tmpdir("save")
    try:
        template = c.workshop_session(participants=20, cards=60, categories=10)
        docs = list(c.variants(template, 1000))
        sid = docs[0]["id"]
        c.write_store(root / "one", docs[:1])
        c.write_store(root / "thousand", docs)
        one = Subject(root / "one", sid)
        thousand = Subject(root / "thousand", sid)
        (root / "floor").mkdir()
        (root / "floor_ser").mkdir()
        from mpa_tui.store.layout import encode_session_document, session_json
        from mpa_tui.store.repository import app_schema_version

        def floor_serialised() -> None:
            # What any whole-session save must pay: serialise the session, then the floor.
            data = encode_session_document(session_json(one.session), app_schema_version())
            floor_write(root / "floor_ser", data)
        one.step()
        one.save()
        data = one.path.read_bytes()
        raw_docs = [orjson.dumps(d) for d in docs]
        tiny1 = Tiny(root / "tiny1.json", docs[:1])
        tiny1000 = Tiny(root / "tiny1000.json", docs)
        sql1 = Sql(root / "sql1.db", raw_docs[:1], [sid])
        sql1000 = Sql(root / "sql1000.db", raw_docs, [d["id"] for d in docs])

        def doc_now() -> dict[str, Any]:
            return one.session.model_dump(mode="json")

        # name -> (prepare, timed op); prepare runs untimed just before the op.
        current: dict[str, Any] = {"data": data, "doc": doc_now()}
        variants: dict[str, tuple[Callable[[], None], Callable[[], None]]] = {
            "mpa_1": (one.step, one.save),
            "mpa_1000": (thousand.step, thousand.save),
            "floor": (lambda: None, lambda: floor_write(root / "floor", current["data"])),
            "floor_ser": (lambda: None, floor_serialised),
            "inplace": (lambda: None,
                        lambda: inplace_write(root / "inplace.json", current["data"])),
            "tiny_1": (lambda: None, lambda: tiny1.save(current["doc"])),
            "tiny_1000": (lambda: None, lambda: tiny1000.save(current["doc"])),
            "sql_1": (lambda: None, lambda: sql1.save(current["data"])),
            "sql_1000": (lambda: None, lambda: sql1000.save(current["data"])),
        }
        times: dict[str, list[float]] = {k: [] for k in variants}
        names = list(variants)
        for i in range(reps):
            for name in c.rotated(names, i):
                if name == "tiny_1000" and i % tiny_every:
                    continue
                prepare, op = variants[name]
                prepare()
                t0 = time.perf_counter()
                op()
                times[name].append(time.perf_counter() - t0)
                if name == "mpa_1":  # the baselines write what the store just wrote
                    current["data"] = one.path.read_bytes()
                    current["doc"] = doc_now()
        # The saves were real: a new Store reads the last card back from disk.
        from mpa_tui.store import Store

        for subject in (one, thousand):
            expected = subject.session.cards[-1].text
            subject.close()
            with Store.open(subject.store.data_dir, lock=False) as check:
                got = check.repo.load(sid).cards[-1].text
            if got != expected:
                raise RuntimeError(f"save not on disk: {got!r} != {expected!r}")
        for x in (tiny1, tiny1000, sql1, sql1000):
            x.close()
        # Opening a store checks every file against the index (stat): 1 vs 1,000 sessions.
        opens: dict[str, list[float]] = {"one": [], "thousand": []}
        for i in range(7):
            for name in c.rotated(list(opens), i):
                t0 = time.perf_counter()
                Store.open(root / name).close()
                opens[name].append(time.perf_counter() - t0)
    finally:
        c.cleanup(root)

    def p(name: str, q: float) -> float:
        return c.pct(times[name], q)

    size = f"{len(data) // 1024} KB, n={reps}"
    rows = [
        c.info("save p50, 1 session", p("mpa_1", 50), baseline_name="floor p50",
               baseline=p("floor", 50), note=size),
        c.ratio_goal("save p95, 1 session", p("mpa_1", 95), "floor p95", p("floor", 95),
                     GOAL_FLOOR, note=size),
        c.info("save p50, 1,000 sessions", p("mpa_1000", 50), baseline_name="save p50, 1 session",
               baseline=p("mpa_1", 50)),
        c.ratio_goal("save p95, 1,000 sessions", p("mpa_1000", 95), "save p95, 1 session",
                     p("mpa_1", 95), GOAL_SCALE),
        c.info("save p95, 1,000 sessions vs floor", p("mpa_1000", 95), baseline_name="floor p95",
               baseline=p("floor", 95)),
        c.info("save p95 vs floor + serialising", p("mpa_1", 95),
               baseline_name="floor+serialise p95", baseline=p("floor_ser", 95),
               note=f"floor+serialise vs floor: {p('floor_ser', 95) / p('floor', 95):.2f}x"),
    ]
    rows.append(c.info("store open (lock + check), 1,000 sessions", c.median(opens["thousand"]),
                       baseline_name="1 session", baseline=c.median(opens["one"]), note="n=7"))
    for name, label in (("inplace", "write+fsync in place"), ("tiny_1", "TinyDB JSONStorage, 1"),
                        ("tiny_1000", "TinyDB JSONStorage, 1,000"),
                        ("sql_1", "SQLite WAL FULL, 1"), ("sql_1000", "SQLite WAL FULL, 1,000")):
        rows.append(c.info(f"  baseline p95: {label}", p(name, 95), baseline_name="floor p95",
                           baseline=p("floor", 95),
                           note=f"p50 {c.fmt_value(p(name, 50), 's')}, n={len(times[name])}"))
    return rows


if __name__ == "__main__":
    c.main_for(run)
