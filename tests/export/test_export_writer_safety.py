"""Writing an export: checksums, only the asked formats, never overwrite, failures leave
no incomplete file under a final name and the session untouched."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from export_fixtures import make_session

from mpa_tui.domain.session import Session
from mpa_tui.export import writer
from mpa_tui.export.render import FORMATS, parse_formats
from mpa_tui.export.writer import ExportError, export_session, verify_sums

P = "2023-06-08_Mentari_Sukamaju_"
ALL_FILES = {P + "ringkasan.md", P + "ringkasan.html", P + "laporan.docx", P + "tabel.xlsx",
             P + "kartu.csv", P + "peringkat.csv", P + "sesi.mpa.json", "SHA256SUMS"}


def _final_files(root: Path) -> list[Path]:
    """Every file under root whose path has no hidden (temp/staging) part."""
    return [p for p in root.rglob("*") if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(root).parts)]


def test_export_all_formats_with_verified_checksums(tmp_path: Path, session: Session) -> None:
    seen: list[tuple[int, int, str]] = []
    result = export_session(session, tmp_path,
                            progress=lambda d, t, label: seen.append((d, t, label)))
    assert result.folder.parent == tmp_path / "MPA"
    assert result.folder.name.startswith("2023-06-08_Mentari_Sukamaju_")
    assert {p.name for p in result.folder.iterdir()} == ALL_FILES
    lines = (result.folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 7
    for line in lines:  # the `sha256sum -c` format: "<hex>  <name>"
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((result.folder / name).read_bytes()).hexdigest() == digest
    assert all(verify_sums(result.folder).values())
    assert seen[-1][0] == seen[-1][1]  # progress reaches the end
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)
    assert not [p for p in (tmp_path / "MPA").iterdir() if p.name.startswith(".")]


def test_only_requested_formats(tmp_path: Path, session: Session) -> None:
    result = export_session(session, tmp_path, formats={"csv", "md"})
    assert {p.name for p in result.folder.iterdir()} == {
        P + "ringkasan.md", P + "kartu.csv", P + "peringkat.csv", "SHA256SUMS"}
    result = export_session(session, tmp_path, formats="json")
    assert {p.name for p in result.folder.iterdir()} == {P + "sesi.mpa.json", "SHA256SUMS"}


def test_bad_format_is_refused(tmp_path: Path, session: Session) -> None:
    with pytest.raises(ExportError) as err:
        export_session(session, tmp_path, formats="md,pdf")
    assert err.value.key == "bad_format" and "pdf" in err.value.message("en")
    assert not (tmp_path / "MPA").exists()
    assert parse_formats(None) == list(FORMATS) and parse_formats("HTML, md") == ["md", "html"]


def test_never_overwrites_an_earlier_export(tmp_path: Path, session: Session) -> None:
    first = export_session(session, tmp_path, formats="md")
    before = next(first.folder.glob("*_ringkasan.md")).read_bytes()
    second = export_session(session, tmp_path, formats="md")
    # FAT is case-insensitive: an earlier folder in another case also counts as taken
    (tmp_path / "MPA" / (first.folder.name + "_3").upper()).mkdir()
    third = export_session(session, tmp_path, formats="md")
    assert second.folder.name == first.folder.name + "_2"
    assert third.folder.name == first.folder.name + "_4"
    assert next(first.folder.glob("*_ringkasan.md")).read_bytes() == before


def test_not_enough_space_writes_nothing(tmp_path: Path, session: Session,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(writer.shutil, "disk_usage", lambda p: usage._replace(free=1000))
    before = session.model_dump()
    with pytest.raises(ExportError) as err:
        export_session(session, tmp_path)
    assert err.value.key == "not_enough_space"
    assert "KB" in err.value.message("en") or "MB" in err.value.message("en")
    assert list(tmp_path.iterdir()) == []
    assert session.model_dump() == before


# The nth call fails: files are written, fsynced and opened many times; the staging
# folder is renamed once (its final name).
@pytest.mark.parametrize("fn, code, key, nth", [
    ("replace", errno.ENOSPC, "disk_full", 1),
    ("replace", errno.EIO, "io_error", 1),
    *[(fn, code, key, nth) for fn, code, key in [
        ("write", errno.ENOSPC, "disk_full"),
        ("write", errno.EROFS, "read_only"),
        ("fsync", errno.EIO, "io_error"),
        ("open", errno.ENOENT, "drive_removed"),
    ] for nth in (1, 3, 8)],
])
def test_injected_oserror_leaves_no_final_named_file(
    tmp_path: Path, session: Session, monkeypatch: pytest.MonkeyPatch,
    fn: str, code: int, key: str, nth: int,
) -> None:
    real = getattr(os, fn)
    calls = {"n": 0}

    def failing(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == nth:
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    before = session.model_dump_json()
    monkeypatch.setattr(writer.os, fn, failing)
    with pytest.raises(ExportError) as err:
        export_session(session, tmp_path)
    monkeypatch.undo()
    assert err.value.key == key
    assert err.value.message("id")  # translated, one line
    assert _final_files(tmp_path) == []
    mpa = tmp_path / "MPA"
    assert not mpa.exists() or [p.name for p in mpa.iterdir()] == []
    assert session.model_dump_json() == before
    # the drive works again: the next export succeeds and is complete
    ok = export_session(session, tmp_path, formats="md,json")
    assert all(verify_sums(ok.folder).values())


def test_failure_at_the_final_rename_leaves_only_hidden_staging(
    tmp_path: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace

    def fail_on_dirs(src: object, dst: object) -> None:
        if Path(str(src)).is_dir():
            raise OSError(errno.EIO, "I/O error")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(writer.os, "replace", fail_on_dirs)
    monkeypatch.setattr(writer.shutil, "rmtree", lambda *a, **k: None)  # pulled: cannot clean
    with pytest.raises(ExportError):
        export_session(session, tmp_path, formats="md")
    assert _final_files(tmp_path) == []
    leftovers = [p.name for p in (tmp_path / "MPA").iterdir()]
    assert len(leftovers) == 1 and leftovers[0].startswith(".")
    assert leftovers[0].endswith(".partial")


def test_missing_target_is_a_clear_error(tmp_path: Path, session: Session) -> None:
    with pytest.raises(ExportError) as err:
        export_session(session, tmp_path / "gone")
    assert err.value.key == "drive_removed"
    file = tmp_path / "f.txt"
    file.write_text("x")
    with pytest.raises(ExportError) as err:
        export_session(session, file)
    assert err.value.key == "not_a_folder"


def test_read_only_target(tmp_path: Path, session: Session) -> None:
    if os.name == "nt" or os.geteuid() == 0:
        pytest.skip("permissions are not enforced here")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(ExportError) as err:
            export_session(session, tmp_path)
        assert err.value.key == "no_permission"
    finally:
        tmp_path.chmod(0o700)


def test_english_export_and_hostile_text(tmp_path: Path) -> None:
    s = make_session(hostile=True)
    result = export_session(s, tmp_path, lang="en", formats="md,html")
    md = next(result.folder.glob("*_ringkasan.md")).read_text(encoding="utf-8")
    assert "## Competencies" in md
    # the folder name from a hostile group name is still a plain, safe name
    assert "<" not in result.folder.name and "&" in result.folder.name


def _all_text(folder: Path) -> str:
    import zipfile

    parts = []
    for p in folder.iterdir():
        data = p.read_bytes()
        if p.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(p) as z:
                parts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        else:
            parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


def test_no_participant_name_in_any_file_unless_asked(tmp_path: Path, session: Session) -> None:
    plain = _all_text(export_session(session, tmp_path).folder)
    for p in session.participants:
        assert p.name not in plain, p.name
    named = _all_text(export_session(session, tmp_path, with_names=True).folder)
    assert all(p.name in named for p in session.participants)
