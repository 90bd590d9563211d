"""The `mpa` command, mostly through real subprocesses (`python -m mpa_tui`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

from mpa_tui.cli import main
from mpa_tui.domain import Card, Location, Session
from mpa_tui.i18n import DEFAULT_LANGUAGE, set_language
from mpa_tui.store import Store, StoreLockedError

SRC = Path(__file__).resolve().parents[1] / "src"


def mpa(*args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("MPA_DATA_DIR", None)
    env.pop("MPA_LANG", None)
    if lang:
        env["MPA_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "mpa_tui", *args], capture_output=True,
                          text=True, env=env, timeout=60)


@pytest.fixture(autouse=True)
def _reset_language():  # type: ignore[no-untyped-def]
    # main() switches the process-wide language; leave it as other tests expect it.
    yield
    set_language(DEFAULT_LANGUAGE)


def run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    """Run main() in this process (faster than a subprocess) and capture its output."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr + proc.stdout


def _save(data: Path, group_name: str = "Mentari") -> Session:
    session = Session(group_name=group_name, location=Location(village="Nagrak"),
                      cards=[Card(text="modal")])
    with Store.open(data) as store:
        store.repo.save(session)
    return session


def test_help_is_fast_and_translated() -> None:
    start = time.perf_counter()
    proc = mpa("--help")
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0
    assert "demo" in proc.stdout and "doctor" in proc.stdout and "folder data" in proc.stdout
    # A generous bound (interpreter start included); test_import_hygiene checks that
    # --help imports nothing heavy, which is what keeps it fast.
    assert elapsed < 2.0
    en = mpa("--lang", "en", "--help")
    assert en.returncode == 0 and "data folder" in en.stdout
    assert "data folder" in mpa("--help", lang="en").stdout


def test_version() -> None:
    proc = mpa("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == "mpa 0.3.0"


def test_list_json_on_an_empty_folder_creates_nothing(tmp_path: Path) -> None:
    data = tmp_path / "none"
    proc = mpa("--data-dir", str(data), "list", "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout) == []
    assert not data.exists()
    proc = mpa("--data-dir", str(data), "list")
    assert proc.returncode == 0 and "mpa demo" in proc.stdout


def test_list_shows_sessions_and_strips_control_characters(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "d"
    session = _save(data, group_name="Mentari [red]x[/]")
    with Store.open(data) as store:
        s = store.repo.load(session.id)
        s.location.village = "Nagrak\tBarat"
        store.repo.save(s)
    assert main(["--data-dir", str(data), "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["id"] == session.id and row["group_name"] == "Mentari [red]x[/]"
    assert (row["village"], row["current_step"], row["card_count"]) == ("Nagrak\tBarat", 1, 1)
    assert main(["--data-dir", str(data), "--lang", "en", "list"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["ID", "DATE", "GROUP"]
    assert session.id[:8] in out and "Mentari [red]x[/]" in out and "\t" not in out


def test_doctor_exit_codes_and_repair(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "d"
    session = _save(data)
    with Store.open(data) as store:  # a second save leaves a good backup
        store.repo.save(session)
    clean = mpa("--data-dir", str(data), "doctor")
    assert clean.returncode == 0, clean.stderr
    path = data / "sessions" / f"{session.id}.json"
    path.write_bytes(path.read_bytes()[:40])
    before = sorted(p.name for p in path.parent.iterdir())
    damaged = mpa("--data-dir", str(data), "doctor")
    assert damaged.returncode == 1 and session.id in damaged.stdout
    assert "--repair" in damaged.stdout
    assert sorted(p.name for p in path.parent.iterdir()) == before  # changed nothing
    assert path.stat().st_size == 40
    (path.parent / f".{path.name}.tmp-1-ab").write_bytes(b"{")
    code, out, _ = run(capsys, "--data-dir", str(data), "--lang", "en", "doctor", "--repair")
    assert code == 0 and "restored" in out and "1 leftover temporary files removed" in out
    assert len(list(path.parent.glob("*.damaged-*"))) == 1
    assert run(capsys, "--data-dir", str(data), "doctor")[0] == 0


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    proc = mpa("--data-dir", str(tmp_path), "frobnicate")
    assert proc.returncode == 2 and "usage:" in proc.stderr
    _no_traceback(proc)
    for args in (["list", "--bogus"], ["export"], ["export", "x", "--format", "pdf"],
                 ["report", "--since", "kemarin"], ["--lang", "fr"]):
        code, _, err = run(capsys, "--data-dir", str(tmp_path), *args)
        assert code == 2 and "usage:" in err, args


def test_locked_store_gives_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "d"
    with Store.open(data):
        proc = mpa("--data-dir", str(data), "--lang", "en")  # the TUI
        assert proc.returncode == 1
        _no_traceback(proc)
        [line] = proc.stderr.strip().splitlines()
        assert "another mpa window" in line
        code, _, err = run(capsys, "--data-dir", str(data), "demo")
        assert code == 1 and "jendela mpa lain" in err and len(err.strip().splitlines()) == 1
        # reading is still possible while the TUI holds the folder
        assert run(capsys, "--data-dir", str(data), "list", "--json")[0] == 0


def test_errors_are_one_line_never_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    proc = mpa("--data-dir", str(not_a_folder), "demo")
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1
    _no_traceback(proc)
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "suggest", str(tmp_path / "no.txt"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "no.txt" in err
    # A bug anywhere still gives one line, not a traceback.
    import mpa_tui.cli as cli

    def broken(args: object) -> int:
        raise RuntimeError("\x1b[31mboom")

    monkeypatch.setattr(cli, "run_list", broken)
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "list")
    assert code == 1 and "RuntimeError" in err and "\x1b" not in err


def test_demo_twice_leaves_one_copy(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    pytest.importorskip("mpa_tui.data", reason="the example session is not there yet")
    data = tmp_path / "d"
    proc = mpa("--data-dir", str(data), "demo")
    assert proc.returncode == 0, proc.stderr
    code, out, _ = run(capsys, "--data-dir", str(data), "demo")
    assert code == 0 and "sudah ada" in out
    code, out, _ = run(capsys, "--data-dir", str(data), "list", "--json")
    rows = json.loads(out)
    assert len(rows) == 1 and rows[0]["village"] == "Nagrak" and rows[0]["is_example"]


def test_suggest_json(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    pytest.importorskip("mpa_tui.domain.suggest", reason="suggest_groups is not there yet")
    cards = tmp_path / "cards.txt"
    cards.write_text("kurang modal usaha\n\nmodal usaha kurang\nsulit izin halal\n",
                     encoding="utf-8")
    assert main(["suggest", str(cards), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    numbers = [n for g in out["groups"] for n in g["cards"]]
    assert all(isinstance(g["title"], str) for g in out["groups"])
    assert set(numbers) <= {1, 3, 4} and len(numbers) == len(set(numbers))
    assert any({1, 3} <= set(g["cards"]) for g in out["groups"])
    # Every card is in a group; the one that fits none is in the "other" group.
    assert sorted(numbers) == [1, 3, 4]
    assert [g["cards"] for g in out["groups"] if g.get("other")] == [[4]]


def test_export_import_report_are_parsed_and_delegated(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []
    fake = types.ModuleType("mpa_tui.export.commands")
    fake.run_export = lambda a: seen.append(a) or 0  # type: ignore[attr-defined]
    fake.run_import = lambda a: seen.append(a) or 3  # type: ignore[attr-defined]
    fake.run_report = lambda a: seen.append(a) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mpa_tui.export.commands", fake)
    d = str(tmp_path)
    assert main(["--data-dir", d, "export", "abc", "--to", d, "--format", "md,csv,md",
                 "--with-names", "--lang", "en"]) == 0
    exp = seen.pop()
    assert (exp.command, exp.session, exp.to, exp.formats, exp.with_names, exp.lang,
            exp.data_dir) == ("export", "abc", tmp_path, ["md", "csv"], True, "en", tmp_path)
    assert main(["--data-dir", d, "import", "a.zip", "b.zip"]) == 3
    assert seen.pop().paths == [Path("a.zip"), Path("b.zip")]
    assert main(["--data-dir", d, "report", "--group", "Mentari", "--since", "2023-03-01"]) == 0
    rep = seen.pop()
    assert (rep.group, str(rep.since), rep.village, rep.to) == ("Mentari", "2023-03-01", None,
                                                                 None)


def test_no_command_opens_the_tui_on_a_locked_store(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    class FakeApp:
        return_code = 0

        def run(self) -> None:
            store = seen["store"]
            assert store.locked  # type: ignore[attr-defined]
            with pytest.raises(StoreLockedError):  # a second window would be refused
                Store.open(tmp_path / "d")

    def make_app(*, store: Store, lang: str = "id") -> FakeApp:
        seen.update(store=store, lang=lang)
        return FakeApp()

    fake = types.ModuleType("mpa_tui.tui.app")
    fake.make_app = make_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mpa_tui.tui.app", fake)
    assert main(["--data-dir", str(tmp_path / "d"), "--lang", "en"]) == 0
    assert seen["lang"] == "en"
    assert not seen["store"].locked  # type: ignore[attr-defined]  # released on exit
    with Store.open(tmp_path / "d"):
        pass
