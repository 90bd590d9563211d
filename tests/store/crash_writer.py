"""Helper for the kill -9 tests (run as a script, never collected by pytest).

Modes:
  ``writer DATA_DIR SESSION_ID``: open the store, then add cards to the session in a
  loop, printing ``ack <text>`` after each save returns (the save is then durable).

  ``zygote``: import everything once, then for each ``go DATA_DIR SESSION_ID`` line on
  stdin fork a writer child, print ``child <pid>``, wait for it to die (the test kills
  it with SIGKILL) and print ``done <status>``. Forking from this single-threaded
  process makes each kill round cost milliseconds instead of an interpreter start.

  ``hold DATA_DIR``: open the store (taking the lock), print ``locked`` and sleep.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from mpa_tui.domain import Card, Session
from mpa_tui.store import SessionNotFoundError, Store


def writer(data_dir: Path, session_id: str) -> None:
    store = Store.open(data_dir)
    try:
        session = store.repo.load(session_id)
    except SessionNotFoundError:
        session = Session(id=session_id, group_name="Crash test")
    n = 0
    pid = os.getpid()
    while True:
        n += 1
        text = f"card {pid}-{n}"
        session.cards.append(Card(text=text))
        session.touch()
        store.repo.save(session)
        os.write(1, f"ack {text}\n".encode())


def zygote() -> None:
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] != "go":
            continue
        pid = os.fork()
        if pid == 0:  # the writer child
            try:
                writer(Path(parts[1]), parts[2])
            finally:
                os._exit(3)
        # A leading newline: a line the killed writer left unfinished cannot swallow these.
        os.write(1, f"\nchild {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"\ndone {status}\n".encode())


def hold(data_dir: Path) -> None:
    Store.open(data_dir)
    print("locked", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "writer":
        writer(Path(sys.argv[2]), sys.argv[3])
    elif mode == "zygote":
        zygote()
    elif mode == "hold":
        hold(Path(sys.argv[2]))
