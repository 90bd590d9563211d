"""One errno -> message map (issue 16, D6): every OS error the store, the export and the
CLI meet reads in the user's language, and a pulled stick reads as "removed"."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from export_fixtures import make_session

from mpa_tui.export import writer
from mpa_tui.export.writer import ExportError, export_session
from mpa_tui.store.errors import SaveError

ENGLISH_OS_TEXT = [os.strerror(code) for code in (
    errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EEXIST, errno.EIO, errno.ENOTCONN,
    errno.ENODEV, errno.ENXIO, errno.ENOTSUP)]


@pytest.mark.parametrize("code, key", [
    (errno.ENOSPC, "disk_full"), (errno.EROFS, "read_only"), (errno.EACCES, "no_permission"),
    (errno.EEXIST, "other"), (errno.EIO, "io_error"), (errno.ENOTCONN, "drive_removed"),
    (errno.ENODEV, "drive_removed"), (errno.ENXIO, "drive_removed"), (errno.ENOTSUP, "other"),
])
def test_export_failure_reads_in_the_users_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, key: str) -> None:
    real = os.fsync

    def failing(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(writer.os, "fsync", failing)
    with pytest.raises(ExportError) as err:
        export_session(make_session(), tmp_path)
    monkeypatch.setattr(writer.os, "fsync", real)
    assert err.value.key == key
    for lang in ("id", "en"):
        text = err.value.message(lang)
        assert not any(os_text in text for os_text in ENGLISH_OS_TEXT), (lang, text)
    if code == errno.EEXIST:
        assert "sudah ada" in err.value.message("id")
    if key == "drive_removed":
        assert "tercabut" in err.value.message("id")


@pytest.mark.parametrize("code, key", [
    (errno.ENOSPC, "disk_full"), (errno.EACCES, "read_only"), (errno.EROFS, "read_only"),
    (errno.EIO, "io_error"), (errno.ENOTCONN, "drive_removed"), (errno.ENXIO, "drive_removed"),
    (errno.EEXIST, "other"),
])
def test_store_save_errors_use_the_same_map(code: int, key: str) -> None:
    from mpa_tui.i18n import set_language
    from mpa_tui.store.messages import error_message

    set_language("id")
    err = SaveError(OSError(code, os.strerror(code)))
    assert err.key == key
    assert os.strerror(code) not in error_message(err, "id")
    assert os.strerror(code) not in err.params["detail"]


def test_cli_names_os_errors_in_indonesian() -> None:
    from mpa_tui import cli

    cli._lang = "id"
    text = cli.describe_error(FileExistsError(errno.EEXIST, "File exists", "x"))
    assert "File exists" not in text and "sudah ada" in text
    text = cli.describe_error(OSError(errno.ENOTCONN, os.strerror(errno.ENOTCONN)))
    assert "tercabut" in text
