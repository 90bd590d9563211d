"""Pick a place from the Kemendagri list: provinsi -> kabupaten/kota -> kecamatan -> desa.

Type to filter the current level, arrows to move, Enter to choose and go one level
down; Esc goes one level up (or closes at the top). A village that is not in the list:
Ctrl+O keeps what was chosen so far and the village is typed in the form. Dismisses
with the chosen code, or None when closed.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from mpa_tui.domain import places
from mpa_tui.i18n import t

MAX_SHOWN = 300
"""Options listed at once: a kabupaten has up to ~400 villages; typing narrows them."""


class PlacePicker(ModalScreen[str | None]):
    """The four-level picker.

    Args:
        start: The code to start inside ("" = the provinces).
        typed: Text to filter the first list with (e.g. the village typed earlier).
    """

    DEFAULT_CSS = """
    PlacePicker #place-box { width: 76; height: 20; }
    PlacePicker #place-list { height: 1fr; }
    """
    BINDINGS: ClassVar = [
        Binding("escape", "up", show=False, id="place.up"),
        Binding("ctrl+o", "not_listed", show=False, id="place.not_listed", priority=True),
        Binding("down", "move(1)", show=False, id="place.down", priority=True),
        Binding("up", "move(-1)", show=False, id="place.up_line", priority=True),
        Binding("pagedown", "move(10)", show=False, id="place.page_down", priority=True),
        Binding("pageup", "move(-10)", show=False, id="place.page_up", priority=True),
    ]

    def __init__(self, start: str = "", typed: str = "") -> None:
        super().__init__(classes="place-picker")
        self.parent_code = start if start.count(".") < 3 else start.rpartition(".")[0]
        self.typed = typed
        self.shown: list[places.Place] = []

    def compose(self) -> ComposeResult:
        """Title, where we are, the filter, the list and the keys."""
        with Vertical(id="place-box", classes="dialog"):
            yield Static(t("places.title"), markup=False, classes="dialog-question")
            yield Static("", id="place-path", markup=False)
            yield Input(self.typed, id="place-filter", compact=True,
                        placeholder=t("places.filter"))
            yield OptionList(id="place-list", compact=True)
            yield Static(t("places.hint"), markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        """Show the first level and focus the filter."""
        self.refill()
        self.query_one("#place-filter", Input).focus()

    # -- the list ----------------------------------------------------------------------
    def refill(self) -> None:
        """List the current level's places that match the filter."""
        path = places.path_of(self.parent_code)
        where = " › ".join(p.name for p in path) or t("places.indonesia")
        level = t(f"places.level.{places.LEVELS[len(path)]}")
        self.query_one("#place-path", Static).update(f"{where} › {level}")
        typed = self.query_one("#place-filter", Input).value
        self.shown = places.filter_places(places.children(self.parent_code), typed)
        options = self.query_one("#place-list", OptionList)
        options.clear_options()
        options.add_options([Option(p.name, id=p.code) for p in self.shown[:MAX_SHOWN]])
        if self.shown:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing narrows the list."""
        event.stop()
        self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter chooses the highlighted place."""
        event.stop()
        options = self.query_one("#place-list", OptionList)
        if options.highlighted is not None and self.shown:
            self.choose(self.shown[options.highlighted].code)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click (or Enter in the list) chooses that place."""
        event.stop()
        if event.option.id:
            self.choose(event.option.id)

    def choose(self, code: str) -> None:
        """Go one level down, or finish at a village."""
        if code.count(".") == 3:
            self.dismiss(code)
            return
        self.parent_code = code
        self.query_one("#place-filter", Input).value = ""  # refills via Changed
        self.refill()

    # -- keys --------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        """Arrows move in the list while the filter keeps the focus."""
        options = self.query_one("#place-list", OptionList)
        if not self.shown:
            return
        now = options.highlighted or 0
        options.highlighted = max(0, min(len(self.shown[:MAX_SHOWN]) - 1, now + delta))

    def action_up(self) -> None:
        """One level up; at the top, close without a choice."""
        if not self.parent_code:
            self.dismiss(None)
            return
        self.parent_code = self.parent_code.rpartition(".")[0]
        self.query_one("#place-filter", Input).value = ""
        self.refill()

    def action_not_listed(self) -> None:
        """The village is not in the list: keep the levels chosen so far."""
        self.dismiss(self.parent_code)


# -- the details form's line for the official place --------------------------------------
def region_row(read_only: bool) -> ComposeResult:
    """Label, the code with its official names (or what is missing), the pick button."""
    with Horizontal(classes="form-row"):
        yield Static(t("details.region_code"), classes="form-label", markup=False)
        yield Static("", id="region-status", markup=False, classes="region-status")
        yield Button(t("details.region_pick"), id="region-pick", compact=True,
                     disabled=read_only)


class _Typed:
    """The form's typed place names (and picked code), shaped like a ``Location``."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.region_code = str(values.get("region_code", ""))
        self.province = str(values.get("province", ""))
        self.regency = str(values.get("regency", ""))
        self.subdistrict = str(values.get("subdistrict", ""))
        self.village = str(values.get("village", ""))


def region_status(values: dict[str, Any]) -> str:
    """What the code line says for the form's ``values``."""
    loc = _Typed(values)
    try:
        code = places.settle_code(loc)
        if not code:
            return t("details.region_unmatched") if loc.village.strip() \
                else t("details.region_none")
        names = ", ".join(p.name for p in reversed(places.path_of(code)))
    except places.PlacesUnavailable:
        return t("details.region_unavailable")
    line = f"{code} · {names}"
    if places.not_listed(_Typed({**values, "region_code": code})):
        line += f" · {t('details.region_not_listed')}"
    return line


def picker_start(values: dict[str, Any]) -> tuple[str, str]:
    """Where the picker opens: the typed village's kecamatan when it matches one village."""
    loc = _Typed(values)
    try:
        code = places.settle_code(loc)
        if code:
            return code, ""
        found = places.match_location(loc)
    except places.PlacesUnavailable:
        return "", ""
    if len(found) == 1:
        return found[0].code.rpartition(".")[0], loc.village
    return "", ""


def settled_code(location: Any) -> str:
    """The code kept on save: the part whose names still match (see ``places.settle_code``)."""
    try:
        return places.settle_code(location)
    except places.PlacesUnavailable:
        return str(location.region_code)
