"""Child processes for the reliability suite (run as a script, never collected by pytest).

Modes:
  ``zygote``: import everything once, then for each ``go DATA_DIR SESSION_ID SEED`` line on
  stdin fork a worker child, print ``child <pid>``, wait until it dies (the test kills it
  with SIGKILL) and print ``done <status>``. Forking from this single-threaded process
  makes a kill round cost milliseconds instead of an interpreter start.

  An ``open DATA_DIR`` line forks a child that opens (and so repairs) the store and
  exits, with the same ``child``/``done`` lines.

  A ``doctor DATA_DIR OUT`` line runs ``mpa doctor`` (``mpa_tui.cli.main``) in a forked
  child and prints ``doctor <exit code>``.

  ``worker DATA_DIR SESSION_ID SEED``: the same worker, as its own interpreter.

  ``hold DATA_DIR``: open the store (taking the lock), print ``locked`` and sleep.

The worker applies random edits through :mod:`mpa_tui.domain.ops` (add, edit, move card,
category create/rename, soft delete/restore, stage and action-plan edits) and saves each
with ``repo.save``. Around every save it prints, with one ``os.write`` each:

  ``pre <seq> <op> <digest>`` before the save (what the disk may hold next),
  ``ack <seq>`` only after ``repo.save`` returned (the change is durable).

``digest`` is a hash of the session's JSON, so the test can tell exactly which version
is on disk after the kill. The card ids of version ``seq`` go to the file
``DATA_DIR.ids/<seq>`` (written before its ``pre`` line), never into the line itself: a
line stays far below PIPE_BUF, so one ``os.write`` of it is atomic and SIGKILL cannot cut
it. The zygote starts each of its own lines with a newline too, so even a cut line could
never swallow its ``done``.
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
import time
from pathlib import Path

from mpa_tui.domain import (
    ActionItem,
    ActionStatus,
    CardKind,
    Session,
    StageKind,
    StageRecord,
    ops,
    utcnow,
)
from mpa_tui.store import SessionNotFoundError, Store

WORDS = ("modal", "pemasaran", "izin", "halal", "pembukuan", "koperasi", "waktu", "bahan",
         "alat", "pelatihan", "harga", "pasar", "kemasan", "simpan", "pinjam")


def digest(session: Session) -> str:
    """A short hash of what is saved (the session's JSON)."""
    return hashlib.blake2b(session.model_dump_json().encode(), digest_size=8).hexdigest()


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5)))


def _op(session: Session, rng: random.Random) -> str:
    """Apply one random edit and name it (the name shows in the test's figures)."""
    cards = session.cards
    cats = session.categories
    choice = rng.random()
    if choice < 0.25 or not cards:
        ops.add_card(session, _text(rng), rng.choice(list(CardKind)))
        return "add_card"
    card = rng.choice(cards)
    if choice < 0.35:
        ops.update(session, "cards", card.id, text=_text(rng) + f" {rng.randint(1, 999)}")
        return "edit_card"
    if choice < 0.47:
        live = [c for c in cats if c.deleted_at is None]
        if not live or rng.random() < 0.3:
            ops.new_category(session, f"kelompok {len(cats) + 1}")
            return "new_category"
        if card.deleted_at is None:
            target = rng.choice(live).id if rng.random() < 0.9 else None
            ops.move_cards(session, [card.id], target)
            return "move_card"
        ops.restore(session, "cards", card.id)
        return "restore_card"
    if choice < 0.55:
        live = [c for c in cats if c.deleted_at is None]
        if live:
            cat = rng.choice(live)
            ops.set_title(session, cat.id, f"judul {cat.id[:4]} {rng.randint(1, 99999)}")
            return "rename_category"
        ops.new_category(session, "")
        return "new_category"
    if choice < 0.65:
        if card.deleted_at is None:
            ops.soft_delete(session, "cards", card.id)
            return "delete_card"
        ops.restore(session, "cards", card.id)
        return "restore_card"
    if choice < 0.70 and cats:
        cat = rng.choice(cats)
        if cat.deleted_at is None:
            ops.soft_delete(session, "categories", cat.id)
            return "delete_category"
        ops.restore(session, "categories", cat.id)
        return "restore_category"
    if choice < 0.72:
        # What repo.trash / repo.restore do to a session (soft delete of the whole session).
        session.deleted_at = None if session.deleted_at else utcnow()
        session.touch()
        return "restore_session" if session.deleted_at is None else "trash_session"
    if choice < 0.82:
        if not session.stages or rng.random() < 0.2:
            session.stages.append(StageRecord(stage=rng.choice(list(StageKind)),
                                              place=f"Balai desa {rng.randint(1, 9)}"))
            session.touch()
            return "add_stage"
        stage = rng.choice(session.stages)
        ops.update(session, "stages", stage.id, notes=_text(rng), agreed=_text(rng))
        return "edit_stage"
    if not session.action_items or rng.random() < 0.25:
        cat_ids = [c.id for c in cats if c.deleted_at is None]
        session.action_items.append(ActionItem(
            action=f"Pelatihan {_text(rng)}", category_id=rng.choice(cat_ids) if cat_ids else None))
        session.touch()
        return "add_action"
    item = rng.choice(session.action_items)
    ops.update(session, "action_items", item.id, responsible=f"Ibu {rng.randint(1, 99)}",
               status=rng.choice(list(ActionStatus)), indicator=_text(rng))
    return "edit_action"


def ids_folder(data_dir: Path) -> Path:
    """Where the worker leaves the card ids of each version (``<seq>`` files)."""
    return data_dir.with_name(data_dir.name + ".ids")


def worker(data_dir: Path, session_id: str, seed: int) -> None:
    rng = random.Random(seed)
    store = Store.open(data_dir)
    try:
        session = store.repo.load(session_id)
    except SessionNotFoundError:
        session = Session(id=session_id, group_name="Uji kill -9")
    pid = os.getpid()
    early = os.environ.get("MPA_REL_ACK_EARLY") == "1"
    ids_dir = ids_folder(data_dir)
    ids_dir.mkdir(exist_ok=True)
    seq = 0
    while True:
        seq += 1
        name = _op(session, rng)
        ids = ",".join(c.id[:8] for c in session.cards) or "-"
        (ids_dir / f"{pid}-{seq}").write_text(ids)
        if seq > 2:  # only the last acknowledged version's ids are ever read
            (ids_dir / f"{pid}-{seq - 2}").unlink(missing_ok=True)
        os.write(1, f"pre {pid}-{seq} {name} {digest(session)}\n".encode())
        if early:  # a deliberately broken app, for the test's own sanity check
            os.write(1, f"ack {pid}-{seq}\n".encode())
        store.repo.save(session)
        if not early:
            os.write(1, f"ack {pid}-{seq}\n".encode())


def zygote() -> None:
    import mpa_tui.cli  # noqa: F401 - imported once, before forking

    for line in sys.stdin:
        parts = line.split()
        if parts and parts[0] == "doctor":
            os.write(1, f"\ndoctor {doctor(parts[1], parts[2])}\n".encode())
            continue
        if not parts or parts[0] not in ("go", "open"):
            continue
        pid = os.fork()
        if pid == 0:  # the worker child
            try:
                if parts[0] == "open":  # open (and so repair) the store, then quit
                    Store.open(Path(parts[1])).close()
                    os._exit(0)
                worker(Path(parts[1]), parts[2], int(parts[3]))
            finally:
                os._exit(3)
        os.write(1, f"\nchild {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"\ndone {status}\n".encode())


def doctor(data_dir: str, out_path: str) -> int:
    """Run ``mpa --data-dir D doctor`` (the CLI's own ``main``) in a forked child.

    Output goes to ``out_path``; returns the exit code.
    """
    pid = os.fork()
    if pid == 0:
        code = 70
        try:
            fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            from mpa_tui.cli import main

            code = main(["--data-dir", data_dir, "doctor"])
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def hold(data_dir: Path) -> None:
    Store.open(data_dir)
    print("locked", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "zygote":
        zygote()
    elif mode == "worker":
        worker(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    elif mode == "hold":
        hold(Path(sys.argv[2]))
