"""The key bar: the screen's active key bindings on one line, like Textual's compact Footer.

Textual's ``Footer`` mounts one widget per key and recomposes them all (remount, restyle)
each time the screen publishes ``bindings_updated_signal`` (focus moves, our
``refresh_bindings()`` calls), several times before the first paint and again on every
step switch. ``KeyBar`` is a single widget that only repaints: what it shows is worked out
from ``screen.active_bindings`` when it renders, with the Footer's selection rules.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.widget import Widget

from mpa_tui.tui.palette import textual_text

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.screen import Screen

SEPARATOR = "▏"
"""Drawn before the command-palette key at the right edge (the Footer's ``vkey`` border)."""


def _one_line(text: str) -> str:
    """``text`` as one line of printable characters (no newline, tab or escape code)."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


class BarKey(NamedTuple):
    """One key of a bar item.

    Attributes:
        display: The key as shown (``app.get_key_display``), e.g. ``"F4"`` or ``"^z"``.
        binding: The binding it runs.
        enabled: False when ``check_action`` returned None (shown dimmed).
        node: The widget, screen or app the binding belongs to (its action runs there).
    """

    display: str
    binding: Binding
    enabled: bool
    node: DOMNode


class BarItem(NamedTuple):
    """One item of the bar: a key and its description, or a group's keys and the group's.

    Attributes:
        keys: One key, or every key of a binding group ("F3 F4").
        description: The binding's description, or the group's for a group.
        grouped: True for a binding group (each key is clickable on its own).
    """

    keys: tuple[BarKey, ...]
    description: str
    grouped: bool = False

    @property
    def width(self) -> int:
        """Cells the item takes: the keys, a space between each, a space and the text."""
        width = sum(cell_len(key.display) for key in self.keys) + len(self.keys) - 1
        return width + (1 + cell_len(self.description) if self.description else 0)


class KeyZone(NamedTuple):
    """Where a key was drawn in the last render (for clicks and tooltips).

    Attributes:
        start: First cell, in content coordinates.
        end: One past the last cell.
        binding: The binding a click runs.
        enabled: False when greyed out (a click rings the bell instead).
        node: Where the binding's action runs.
    """

    start: int
    end: int
    binding: Binding
    enabled: bool
    node: DOMNode


def bar_items(screen: Screen[object], *, palette: bool = True
              ) -> tuple[list[BarItem], BarItem | None]:
    """What the bar shows for ``screen``: Textual's Footer selection rules.

    Shown bindings (``binding.show``) of ``screen.active_bindings``, one per action (the
    first key bound to it); consecutive bindings of one ``Binding.group`` make one item
    (all their keys, then the group's description); the command-palette key goes apart.

    Args:
        screen: The screen whose active bindings to show.
        palette: Also return the command-palette key (when the app enables the palette).

    Returns:
        The items left to right, and the palette item (or None).
    """
    app = screen.app
    active = screen.active_bindings
    by_action: dict[str, tuple[Binding, bool, DOMNode]] = {}
    for node, binding, enabled, _tooltip in active.values():
        if binding.show:
            by_action.setdefault(binding.action, (binding, enabled, node))

    def key(binding: Binding, enabled: bool, node: DOMNode) -> BarKey:
        return BarKey(_one_line(app.get_key_display(binding)), binding, enabled, node)

    items: list[BarItem] = []
    for group, run in groupby(by_action.values(), lambda pair: pair[0].group):
        pairs = list(run)
        if group is not None and len(pairs) > 1:
            keys = tuple(key(*triple) for triple in pairs)
            items.append(BarItem(keys, _one_line(textual_text(group.description)), grouped=True))
        else:
            items.extend(BarItem((key(*triple),), _one_line(textual_text(triple[0].description)))
                         for triple in pairs)

    palette_item = None
    if palette and app.ENABLE_COMMAND_PALETTE:
        found = active.get(app.COMMAND_PALETTE_BINDING)
        if found is not None:
            palette_item = BarItem((key(found.binding, found.enabled, found.node),),
                                   _one_line(textual_text(found.binding.description)))
    return items, palette_item


class KeyBar(Widget):
    """One line at the bottom listing the screen's keys ("F3 F4 Langkah ^z ^y ... F1 Bantuan").

    Looks like ``Footer(compact=True)`` and uses its theme variables. Items that do not fit
    are dropped from the end; the command-palette key stays at the right edge. Greyed-out
    keys are dimmed. A click on a key runs it (as if pressed); hovering shows its tooltip.

    Args:
        show_command_palette: Show the command-palette key at the right edge.
        name: The widget's name.
        id: The widget's id.
        classes: CSS classes.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keybar--disabled { text-style: dim; }
        & > .keybar--hover { background: $block-hover-background; }
        & > .keybar--separator { color: $foreground 20%; }
    }
    """
    COMPONENT_CLASSES = {
        "keybar--key", "keybar--description", "keybar--disabled", "keybar--hover",
        "keybar--separator",
    }

    def __init__(self, *, show_command_palette: bool = True, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.show_command_palette = show_command_palette
        self._zones: list[KeyZone] = []
        self._mouse_x: int | None = None

    @property
    def zones(self) -> list[KeyZone]:
        """The keys drawn by the last render, left to right, with their cells."""
        return list(self._zones)

    # -- bindings --------------------------------------------------------------------
    def on_mount(self) -> None:
        """Repaint whenever the screen's bindings change (no recompose: nothing to mount)."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop listening to the screen."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    # -- drawing ---------------------------------------------------------------------
    def render(self) -> Content:
        """The bar at the current width; also records where each key went (``zones``)."""
        width = self.size.width
        items, palette = bar_items(self.screen, palette=self.show_command_palette)
        right = 0 if palette is None else len(SEPARATOR) + palette.width
        if right > width:  # narrower than the palette key alone: give the width to the rest
            palette, right = None, 0
        parts: list[Content] = []
        zones: list[KeyZone] = []
        x = 0
        for item in items:
            gap = 1 if parts else 0
            if x + gap + item.width > width - right:
                break  # drop this item and every later one: never wrap
            if gap:
                parts.append(Content(" "))
            x = self._draw(item, x + gap, parts, zones)
        parts.append(Content.blank(width - right - x))  # always exactly ``width`` cells
        if palette is not None:
            separator = self.get_visual_style("keybar--separator", partial=True)
            parts.append(Content.styled(SEPARATOR, separator))
            self._draw(palette, width - right + len(SEPARATOR), parts, zones)
        self._zones = zones
        return Content("").join(parts)

    def _draw(self, item: BarItem, x: int, parts: list[Content], zones: list[KeyZone]) -> int:
        """Append ``item`` drawn at cell ``x`` to ``parts``; return the cell after it."""
        if item.grouped:  # each key is its own zone; the group's text is a label
            for index, key in enumerate(item.keys):
                if index:
                    parts.append(Content(" "))
                    x += 1
                end = x + cell_len(key.display)
                zones.append(KeyZone(x, end, key.binding, key.enabled, key.node))
                hovered = self._hovered(x, end)
                parts.append(self._piece(key.display, "keybar--key", key.enabled, hovered))
                x = end
            parts.append(self._piece(f" {item.description}", "keybar--description"))
            return x + 1 + cell_len(item.description)
        key = item.keys[0]
        end = x + item.width
        zones.append(KeyZone(x, end, key.binding, key.enabled, key.node))
        hovered = self._hovered(x, end)
        parts.append(self._piece(key.display, "keybar--key", key.enabled, hovered))
        if item.description:
            parts.append(self._piece(f" {item.description}", "keybar--description",
                                     key.enabled, hovered))
        return end

    def _hovered(self, start: int, end: int) -> bool:
        return self._mouse_x is not None and start <= self._mouse_x < end

    def _piece(self, text: str, component: str, enabled: bool = True,
               hovered: bool = False) -> Content:
        """``text`` styled as ``component``, dimmed if disabled, highlighted if hovered."""
        names = [component]
        if not enabled:
            names.append("keybar--disabled")
        if hovered:
            names.append("keybar--hover")
        return Content.styled(text, self.get_visual_style(*names, partial=True))

    # -- mouse -----------------------------------------------------------------------
    def _zone_at(self, x: int | None) -> KeyZone | None:
        if x is None:
            return None
        for zone in self._zones:
            if zone.start <= x < zone.end:
                return zone
        return None

    def _content_x(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        return None if offset is None else offset.x

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the mouse and show its tooltip."""
        x = self._content_x(event)
        before, after = self._zone_at(self._mouse_x), self._zone_at(x)
        self._mouse_x = x
        if before != after:
            binding = None if after is None else after.binding
            self.tooltip = (None if binding is None
                            else Content(binding.tooltip or binding.description))
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        """No key is hovered any more."""
        self._mouse_x = None
        self.tooltip = None
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        """Run the clicked key's action; a greyed-out key rings the bell.

        The action runs where the binding lives, not as a key press: with a text field
        focused, a pressed "n" would be typed into it instead.
        """
        zone = self._zone_at(self._content_x(event))
        if zone is None:
            return
        if zone.enabled:
            self.call_later(self.app.run_action, zone.binding.action, zone.node)
        else:
            self.app.bell()
