"""The shape of the code, read statically (AST over src/): the layers import only downwards
(``tui -> export, store, i18n -> domain``) and no function in ``tui/`` edits a session.

These are the rules of DEVELOPERS.md and docs/ARCHITECTURE.md; each failure names the file
and line so the fix is obvious.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "mpa_tui"
ENTITY_LISTS = {
    "participants", "cards", "categories", "votes", "resources", "network_links",
    "action_items", "stages", "capacity", "tie_breaks", "pairwise", "quotes", "contacts",
    "checklist", "supporting_factors", "obstacles", "results", "innovation", "facilitators",
    "priority_order", "completed_steps", "card_ids",
}
SESSION_ONLY_FIELDS = {
    "group_name", "location", "start_date", "end_date", "facilitators", "guiding_question",
    "current_step", "completed_steps", "priority_order", "priority_confirmed_at", "evaluation",
    "schema_version",
}
"""Fields only a Session has: assigning one is a session edit whatever the variable's name."""
MUTATORS = {"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"}
SESSION_NAMES = {"session", "s"}


def _modules(under: str = "") -> Iterator[tuple[str, Path, ast.Module]]:
    for path in sorted((PKG / under).rglob("*.py")):
        rel = path.relative_to(PKG.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield ".".join(parts), path, ast.parse(path.read_text(encoding="utf-8"))


def _imports(module: str, tree: ast.Module) -> Iterator[tuple[str, int, bool]]:
    """(imported module, line, at top level) for every import of ours in ``tree``."""
    top = set(map(id, tree.body))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, id(node) in top
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: -node.level]
                name = ".".join([*base, node.module or ""]).rstrip(".")
            else:
                name = node.module or ""
            yield name, node.lineno, id(node) in top
            for alias in node.names:  # ``from mpa_tui.tui import screens``
                yield f"{name}.{alias.name}", node.lineno, id(node) in top


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "mpa_tui":
        return ""
    return parts[1] if parts[1] != "tui" or len(parts) < 3 else f"tui.{parts[2]}"


def _ours(name: str) -> bool:
    return name == "mpa_tui" or name.startswith("mpa_tui.")


def _is_package_module(name: str) -> bool:
    path = PKG.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _violations() -> list[str]:
    out: list[str] = []
    for module, path, tree in _modules():
        here = _layer(module)
        for name, line, top in _imports(module, tree):
            if not _ours(name) or not _is_package_module(name):
                continue
            there = _layer(name)
            where = f"{path.relative_to(PKG)}:{line} imports {name}"
            if here == "domain" and there not in ("domain", ""):
                out.append(f"{where}: domain imports nothing of ours outside domain")
            if here == "i18n" and there not in ("i18n", "domain"):
                out.append(f"{where}: i18n imports only i18n and domain")
            if here == "store" and (there == "export" or there.startswith("tui")):
                out.append(f"{where}: store must not import export or tui")
            if here == "export" and there.startswith("tui"):
                out.append(f"{where}: export must not import tui")
            if there.startswith("tui") and not here.startswith("tui") and (
                    here != "cli" or top):
                out.append(f"{where}: only cli imports tui, and only lazily")
            if here == "tui.widgets" and there == "tui.screens":
                out.append(f"{where}: a widget must not import a screen")
            if here == "tui.dialogs" and there == "tui.screens":
                out.append(f"{where}: a dialog must not import a screen (widgets use dialogs)")
    return out


def test_layers_import_only_downwards() -> None:
    assert _violations() == []


def test_the_layer_check_sees_a_violation() -> None:
    # The checker itself: a widget importing a screen is reported.
    tree = ast.parse("from mpa_tui.tui.screens.base import SessionScreen\n")
    names = [n for n, _, _ in _imports("mpa_tui.tui.widgets.x", tree)]
    assert "mpa_tui.tui.screens.base" in names
    assert _layer("mpa_tui.tui.widgets.x") == "tui.widgets"
    assert _layer(names[0]) == "tui.screens"


FULL_SIZE_MODALS = {
    ("tui/screens/transfer.py", "TransferScreen"),
    ("tui/screens/pairwise.py", "PairwiseScreen"),
    ("tui/screens/trash.py", "_TrashBase"),
}
"""Screens that cover the whole terminal but are pushed modally: screens, not dialogs."""


def _base_names(node: ast.ClassDef) -> set[str]:
    names: set[str] = set()
    for base in node.bases:
        if isinstance(base, ast.Subscript):  # ``ModalScreen[T]``
            base = base.value
        if isinstance(base, ast.Attribute):
            names.add(base.attr)
        elif isinstance(base, ast.Name):
            names.add(base.id)
    return names


def _classes(under: str) -> Iterator[tuple[str, ast.ClassDef]]:
    for _, path, tree in _modules(under):
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                yield path.relative_to(PKG).as_posix(), node


def test_every_modal_screen_is_a_dialog() -> None:
    misplaced = [
        f"{where}:{node.lineno} {node.name}" for where, node in _classes("tui")
        if "ModalScreen" in _base_names(node) and not where.startswith("tui/dialogs/")
        and (where, node.name) not in FULL_SIZE_MODALS
    ]
    assert misplaced == [], "a ModalScreen belongs in tui/dialogs/"


def test_widgets_define_no_screen() -> None:
    screens = [
        f"{where}:{node.lineno} {node.name}" for where, node in _classes("tui/widgets")
        if any(name.endswith(("Screen", "Dialog")) for name in _base_names(node))
    ]
    assert screens == [], "screens live in tui/screens/, dialogs in tui/dialogs/"


def test_the_class_checks_see_a_screen() -> None:
    tree = ast.parse("class Pick(ModalScreen[str | None]):\n    pass\n"
                     "class Box(textual.screen.Screen):\n    pass\n")
    found = [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    assert _base_names(found[0]) == {"ModalScreen"}
    assert _base_names(found[1]) == {"Screen"}


def _root(node: ast.AST) -> ast.AST:
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return node


def _touches_session(node: ast.AST) -> bool:
    """Whether an assignment target / call receiver is reached through a session."""
    cur = node
    while isinstance(cur, ast.Attribute | ast.Subscript):
        if isinstance(cur, ast.Attribute) and cur.attr == "session":
            return True
        cur = cur.value
    return isinstance(cur, ast.Name) and cur.id in SESSION_NAMES


def session_edits(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) for every edit of a session's fields or collections in ``tree``."""
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for tgt in targets:
            via_session = isinstance(tgt, ast.Attribute | ast.Subscript) and _touches_session(tgt)
            session_field = isinstance(tgt, ast.Attribute) and tgt.attr in SESSION_ONLY_FIELDS
            if via_session or session_field:
                out.append((node.lineno, ast.unparse(tgt)))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            func = node.func
            if (func.attr in MUTATORS and isinstance(func.value, ast.Attribute)
                    and func.value.attr in ENTITY_LISTS and _touches_session(func.value)):
                out.append((node.lineno, ast.unparse(func)))
            got = func.value  # getattr(session, "cards").append(...)
            if (func.attr in MUTATORS and isinstance(got, ast.Call)
                    and isinstance(got.func, ast.Name) and got.func.id == "getattr"
                    and got.args and _touches_session(got.args[0])):
                out.append((node.lineno, ast.unparse(func)))
            if func.attr == "model_copy" and any(k.arg == "update" for k in node.keywords):
                out.append((node.lineno, ast.unparse(func)))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "setattr" and node.args and _touches_session(node.args[0])):
            out.append((node.lineno, "setattr"))
    return out


def test_no_function_in_tui_edits_a_session() -> None:
    found = [f"{path.relative_to(PKG)}:{line}: {what}"
             for _, path, tree in _modules("tui") for line, what in session_edits(tree)]
    assert found == [], "session edits belong in domain/ (ops or a named module):\n" + "\n".join(
        found)


def test_the_edit_check_sees_edits() -> None:
    code = ("def f(session, s, self):\n"
            "    session.current_step = 3\n"
            "    s.capacity.append(x)\n"
            "    self.session.location.village = 'x'\n"
            "    c = session.model_copy(update={'a': 1})\n"
            "    session.participants[0] = p\n"
            "    getattr(session, name).append(item)\n"
            "    restored.current_step = step\n")
    assert sorted(line for line, _ in session_edits(ast.parse(code))) == [2, 3, 4, 5, 6, 7, 8]
    assert session_edits(ast.parse("def f(session):\n    n = len(session.cards)\n")) == []


def test_ci_fails_on_lint_or_tests() -> None:
    script = (PKG.parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    lines = [x.strip() for x in script.splitlines() if x.strip() and not x.startswith("#")]
    assert "set -euo pipefail" in lines  # any failing command fails the run
    assert "make lint" in lines and "make test" in lines
