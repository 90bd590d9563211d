"""Every key a screen declares can really be typed in a terminal.

Pilot presses key *names*, so a binding such as ``alt+1`` passes Pilot tests even though a
terminal's bytes for it (ESC 1) never arrive as ``alt+1`` in Textual 8.2. This test walks
every screen module's commands and checks their alt/ctrl keys against the xterm parser.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import mpa_tui.tui.screens as screens_pkg
from mpa_tui.tui.commands import Command, collect


def _parsed(seq: str) -> list[str]:
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    return [getattr(e, "key", "") for e in [*parser.feed(seq), *parser.feed("")]]


def _all_commands() -> list[tuple[str, Command]]:
    found: list[tuple[str, Command]] = []
    for info in pkgutil.iter_modules(screens_pkg.__path__):
        module = importlib.import_module(f"mpa_tui.tui.screens.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                found.extend((f"{info.name}.{value.__name__}", c) for c in collect(value))
    return found


COMMANDS = _all_commands()


def test_screens_declare_commands() -> None:
    assert len(COMMANDS) > 30


@pytest.mark.parametrize(("where", "command"), COMMANDS, ids=[f"{w}:{c.id}" for w, c in COMMANDS])
def test_alt_and_ctrl_keys_arrive(where: str, command: Command) -> None:
    for key in command.keys.split(","):
        key = key.strip()
        if key.startswith("alt+") and len(key) == 5:
            char = key[-1]
            assert not char.isdigit(), f"{where}: {key} cannot be typed (ESC+digit)"
            assert _parsed("\x1b" + char) == [key], f"{where}: {key}"
        elif key.startswith("ctrl+") and len(key) == 6 and key[-1].isalpha():
            assert _parsed(chr(ord(key[-1]) - 96)) == [key], f"{where}: {key} collides"
