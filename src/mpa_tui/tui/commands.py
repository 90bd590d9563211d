"""Commands declared once: each feeds a key binding (footer) and the command palette.

A screen lists its commands in ``ACTIONS`` (a tuple of :class:`Command`). The labels are
i18n keys, translated when the screen is built, so a language switch (which rebuilds the
screen) relabels the footer and the palette too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingsMap
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from mpa_tui.i18n import t

if TYPE_CHECKING:
    from textual.dom import DOMNode


@dataclass(frozen=True)
class Command:
    """One user action: its keys, the Textual action it runs and its translated texts.

    Attributes:
        id: Stable binding id (``Binding.id``), e.g. ``"capture.switch_kind"``.
        keys: Textual key string, comma separated alternatives (``"f4,alt+right"``).
        action: The action to run (``"next_step"`` runs ``action_next_step`` on the screen,
            ``"app.quit"`` an app action). May carry arguments: ``"move(1)"``.
        label: i18n key of the short footer / palette label.
        tooltip: i18n key of the longer description (palette help line, footer tooltip).
            Defaults to ``label``.
        show: Shown in the footer (the palette lists it anyway).
        key_display: What the footer shows for the key (default: Textual's display).
        priority: Checked before the focused widget's own bindings (use sparingly: an
            Input would lose that key).
        palette: Listed in the command palette.
        group: i18n key of a footer group: consecutive commands with the same group show
            as one compact footer item ("F3 F4 Langkah"), saving room at 80 columns.
    """

    id: str
    keys: str
    action: str
    label: str
    tooltip: str = ""
    show: bool = True
    key_display: str | None = None
    priority: bool = False
    palette: bool = True
    group: str = ""

    def types_a_letter(self) -> bool:
        """True if a key is Alt+<character>.

        A terminal sends Alt+P as ESC p, which Textual reports as ``alt+p`` *with* the
        printable character ``p``: a focused Input would type the letter before the screen's
        binding is asked. Such bindings are checked first (priority); no one means to type
        text with Alt held.
        """
        return any(k.strip().startswith("alt+") and len(k.strip()) == 5
                   for k in self.keys.split(","))

    def binding(self) -> Binding:
        """The Textual binding, with texts in the current language."""
        return Binding(
            self.keys,
            self.action,
            t(self.label),
            show=self.show,
            key_display=self.key_display,
            priority=self.priority or self.types_a_letter(),
            tooltip=t(self.tooltip or self.label),
            id=self.id,
            group=Binding.Group(t(self.group)) if self.group else None,
        )


def collect(cls: type, attr: str = "ACTIONS", *, own_first: bool = False) -> list[Command]:
    """Commands of a class and its bases; a subclass overrides a base command by ``id``.

    Args:
        cls: The screen (or app) class.
        attr: The class attribute holding the commands.
        own_first: Order the most derived class's commands first (for the palette, where a
            step's own actions matter most); default base first (for the footer).
    """
    merged: dict[str, Command] = {}
    for base in reversed(cls.__mro__):
        for cmd in base.__dict__.get(attr, ()):
            merged[cmd.id] = cmd
    if not own_first:
        return list(merged.values())
    depth: dict[str, int] = {}
    for index, base in enumerate(cls.__mro__):
        for cmd in base.__dict__.get(attr, ()):
            depth.setdefault(cmd.id, index)
    return sorted(merged.values(), key=lambda c: depth[c.id])


def bindings_map(commands: Iterable[Command], base: BindingsMap | None = None) -> BindingsMap:
    """A ``BindingsMap`` holding ``base``'s bindings plus ``commands`` (which win on a key)."""
    keys = dict(base.key_to_bindings) if base is not None else {}
    ours = BindingsMap([cmd.binding() for cmd in commands])
    keys.update(ours.key_to_bindings)
    return BindingsMap.from_keys(keys)


def key_label(node: DOMNode, cmd: Command) -> str:
    """The first key of a command as the footer shows it (for help lines)."""
    first = cmd.keys.split(",")[0]
    shown = cmd.key_display or node.app.get_key_display(Binding(first, cmd.action))
    return shown.upper() if re.fullmatch(r"f\d+", shown) else shown


@dataclass(frozen=True)
class PaletteEntry:
    """One line in the command palette."""

    label: str
    help: str
    callback: Callable[[], Any]


def palette_entries(node: DOMNode, commands: Iterable[Command]) -> list[PaletteEntry]:
    """Palette entries for ``commands`` run on ``node`` (a screen or the app)."""
    out = []
    for cmd in commands:
        if not cmd.palette:
            continue
        label = f"{t(cmd.label)} ({key_label(node, cmd)})"
        out.append(PaletteEntry(label, t(cmd.tooltip or cmd.label),
                                partial(_run, node, cmd.action)))
    return out


def _run(node: DOMNode, action: str) -> None:
    # After the palette closes, run the action as its key would (same namespace).
    node.app.call_later(node.app.run_action, action, node)


class MpaCommands(Provider):
    """The palette's provider: every step and every action of the current screen.

    Entries come from ``screen.palette_entries()`` (its ``ACTIONS``) and
    ``app.palette_entries()`` (steps, language, theme, quit), so nothing is declared twice.
    """

    def _entries(self) -> list[PaletteEntry]:
        entries: list[PaletteEntry] = []
        screen_entries = getattr(self.screen, "palette_entries", None)
        if callable(screen_entries):
            entries.extend(screen_entries())
        app_entries = getattr(self.app, "palette_entries", None)
        if callable(app_entries):
            seen = {e.label for e in entries}
            entries.extend(e for e in app_entries(self.screen) if e.label not in seen)
        return entries

    async def discover(self) -> Hits:
        """All entries, when nothing is typed yet."""
        for entry in self._entries():
            # Content, not str: the palette would parse a str as markup.
            yield DiscoveryHit(Content(entry.label), entry.callback, text=entry.label,
                               help=escape(entry.help))

    async def search(self, query: str) -> Hits:
        """Entries whose label fuzzily matches ``query``."""
        matcher = self.matcher(query)
        for entry in self._entries():
            score = matcher.match(entry.label)
            if score > 0:
                yield Hit(score, _highlight(matcher, entry.label), entry.callback,
                          text=entry.label, help=escape(entry.help))


def _highlight(matcher: Any, label: str) -> Content:
    """Like ``Matcher.highlight`` but never parses the label as markup."""
    content = Content(label)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets:
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
