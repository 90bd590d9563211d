"""User text is never markup, by construction: every ``Static``/``Label``/``notify`` call in
``tui/`` turns markup off, or goes through :mod:`mpa_tui.tui.widgets.plain` (read from the
code), and the helpers show hostile text as typed (Pilot)."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.app import App, ComposeResult
from tui_helpers import HOSTILE

from mpa_tui.tui.widgets.plain import PlainStatic, notify_plain

TUI = Path(__file__).resolve().parents[2] / "src" / "mpa_tui" / "tui"
MARKUP_ON = ("Static", "Label", "notify")
"""Calls that parse markup unless ``markup=False`` is passed."""
ANSI = "\x1b[31mrot\x1b[0m"


def _markup_off(call: ast.Call) -> bool:
    return any(k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False
               for k in call.keywords)


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(
        func, ast.Attribute) else ""


def markup_left_on(tree: ast.AST) -> list[int]:
    """Lines of calls that may show text as markup."""
    out: list[int] = []
    bases_of: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases_of[node.name] = {_name(b) for b in node.bases}
            # a Static/Label subclass: its super().__init__ must turn markup off
            if bases_of[node.name] & {"Static", "Label"}:
                for sub in ast.walk(node):
                    if (isinstance(sub, ast.Call) and _name(sub.func) == "__init__"
                            and not _markup_off(sub)):
                        out.append(sub.lineno)
        if (isinstance(node, ast.Call) and _name(node.func) in MARKUP_ON
                and not _markup_off(node)):
            out.append(node.lineno)
    return out


def test_no_static_label_or_notify_in_tui_leaves_markup_on() -> None:
    found = [f"{p.relative_to(TUI)}:{line}" for p in sorted(TUI.rglob("*.py"))
             if p.name != "plain.py"
             for line in markup_left_on(ast.parse(p.read_text(encoding="utf-8")))]
    assert found == [], "use markup=False or mpa_tui.tui.widgets.plain:\n" + "\n".join(found)


def test_the_rule_sees_markup_left_on() -> None:
    code = ("Static(name)\n"
            "self.notify(text, severity='error')\n"
            "Label(x, markup=True)\n"
            "Static(name, markup=False)\n"
            "PlainStatic(name)\n"
            "class Line(Static):\n"
            "    def __init__(self):\n"
            "        super().__init__('')\n")
    assert sorted(markup_left_on(ast.parse(code))) == [1, 2, 3, 8]


class _Show(App[None]):
    def compose(self) -> ComposeResult:
        yield PlainStatic(HOSTILE + " " + ANSI, id="plain", markup=True)


async def test_plain_helpers_show_hostile_text_as_typed() -> None:
    app = _Show()
    async with app.run_test(size=(80, 10)) as pilot:
        shown = app.query_one("#plain", PlainStatic)
        assert str(shown.render()) == HOSTILE + " " + ANSI  # even when markup=True is passed
        shown.update("[b]" + HOSTILE)
        assert str(shown.render()) == "[b]" + HOSTILE
        notify_plain(app, "[/] " + HOSTILE, severity="error")
        await pilot.pause()
        note = next(iter(app._notifications))
        assert note.message == "[/] " + HOSTILE and note.markup is False
        assert app.is_running
