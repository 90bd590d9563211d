"""The example session is an example: its own id per store, left out of reports, marked."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from export_fixtures import kind_file

from mpa_tui.cli import main
from mpa_tui.data import EXAMPLE_SESSION_ID, load_example
from mpa_tui.domain import Session, ops
from mpa_tui.domain.session import Location
from mpa_tui.export.summary import EXAMPLE_MARK
from mpa_tui.export.writer import export_session
from mpa_tui.store import Store


def _ids(data: Path) -> list[str]:
    with Store.open(data, lock=False) as store:
        return [r.id for r in store.repo.list(include_trashed=True) if r.is_example]


def test_demo_gives_each_store_its_own_example_once(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["--data-dir", str(a), "demo"]) == 0
    assert main(["--data-dir", str(a), "demo"]) == 0  # twice: still one
    assert main(["--data-dir", str(b), "demo"]) == 0
    [id_a], [id_b] = _ids(a), _ids(b)
    assert id_a != id_b and EXAMPLE_SESSION_ID not in (id_a, id_b)
    # A trashed example comes back instead of a second copy.
    with Store.open(a) as store:
        store.repo.trash(id_a)
    assert main(["--data-dir", str(a), "demo"]) == 0
    assert _ids(a) == [id_a]
    with Store.open(a, lock=False) as store:
        assert store.repo.summary(id_a).deleted_at is None
        assert store.repo.load(id_a).is_example
    assert "sudah ada" in capsys.readouterr().out


def _real(village: str, title: str) -> Session:
    s = Session(group_name=f"Kelompok {village}", location=Location(village=village))
    cat = ops.new_category(s, title)
    ops.move_cards(s, [ops.add_card(s, "kartu").id], cat.id)
    return s


def test_report_counts_real_sessions_only_unless_asked(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo"]) == 0
    with Store.open(data) as store:
        store.repo.create(_real("Cibodas", "Modal"))
        store.repo.create(_real("Sukamaju", "Modal"))
    out = tmp_path / "out"
    out.mkdir()
    assert main(["--data-dir", str(data), "report", "--to", str(out)]) == 0
    [folder] = (out / "MPA").iterdir()
    sessions = (folder / "sessions.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(sessions) == 3  # header + the two real sessions
    assert not any("Mentari" in line for line in sessions)
    assert main(["--data-dir", str(data), "report", "--to", str(out),
                 "--include-examples"]) == 0
    [named] = [p for p in (out / "MPA").iterdir() if p != folder]
    assert len((named / "sessions.csv").read_text(encoding="utf-8-sig").splitlines()) == 4
    # Only the example: nothing to report, said plainly.
    only = tmp_path / "only"
    assert main(["--data-dir", str(only), "demo"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(only), "report", "--to", str(out)]) == 1
    assert "Tidak ada sesi" in capsys.readouterr().err


def _first_text(folder: Path) -> dict[str, str]:
    """The first ~300 characters each document shows (docx/xlsx: their XML)."""
    out = {"md": kind_file(folder, "ringkasan.md").read_text(encoding="utf-8")[:300],
           "html": kind_file(folder, "ringkasan.html").read_text(encoding="utf-8")}
    with zipfile.ZipFile(io.BytesIO(kind_file(folder, "laporan.docx").read_bytes())) as z:
        out["docx"] = z.read("word/document.xml").decode("utf-8")[:3000]
    with zipfile.ZipFile(io.BytesIO(kind_file(folder, "tabel.xlsx").read_bytes())) as z:
        out["xlsx"] = z.read("xl/sharedStrings.xml").decode("utf-8")[:3000]
    return out


def test_an_example_export_says_so_on_its_first_page(tmp_path: Path) -> None:
    result = export_session(load_example(), tmp_path)
    for fmt, text in _first_text(result.folder).items():
        assert EXAMPLE_MARK in text, fmt
    html = _first_text(result.folder)["html"]
    assert html.index(EXAMPLE_MARK) < html.index("<h2")
    real = load_example().model_copy(update={"is_example": False})
    other = export_session(real, tmp_path)
    assert all(EXAMPLE_MARK not in t for t in _first_text(other.folder).values())
