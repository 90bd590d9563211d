"""The offline install folder (``make wheelhouse``) installs and upgrades with no network.

One build, shared by the tests (and the xdist workers), holds this machine's wheels and, when
PyPI can be reached, the Windows wheels for every supported Python. The first test installs it
with install.sh into a fresh HOME with the network unavailable (a network namespace where one
can be made, and always pip ``--no-index`` with only the folder as source), runs ``mpa`` from
it, then upgrades over an older version and checks the data folder is untouched. The second
checks the Windows part resolves every dependency for 3.11, 3.12 and 3.13, so a dependency
without a Windows wheel fails here first; it skips, saying so, only when PyPI is unreachable.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import urllib.request
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
BUILD_TIMEOUT = 600


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _pypi_unreachable() -> str | None:
    try:
        urllib.request.urlopen("https://pypi.org/simple/pip/", timeout=15).close()
    except OSError as err:
        return f"PyPI unreachable ({err}): the Windows wheels were not checked"
    return None


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> dict[str, str]:
    """Build once per run: ``{"folder", "skip", "error"}`` (xdist workers share the result)."""
    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent
    record = shared / "offline-wheelhouse.json"
    with FileLock(str(record) + ".lock"):
        if record.is_file():
            return dict(json.loads(record.read_text()))
        skip = _pypi_unreachable()
        out = shared / "offline-dist"
        cmd = [sys.executable, str(ROOT / "tools" / "wheelhouse.py"), "--out", str(out),
               "--current", *(() if skip else ("--os", "win_amd64"))]
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
        result = {"folder": str(out / f"mpa-tui-{VERSION}-offline"), "skip": skip or "",
                  "error": "" if run.returncode == 0 else run.stdout + run.stderr}
        record.write_text(json.dumps(result))
        return result


def _folder(wheelhouse: dict[str, str]) -> Path:
    assert not wheelhouse["error"], wheelhouse["error"]
    folder = Path(wheelhouse["folder"])
    check_folder(folder)
    return folder


def _offline_prefix() -> list[str]:
    """``unshare -n`` (a network namespace with no interface up) where this machine allows it."""
    for cmd in (["unshare", "-n"], ["unshare", "-rn"]):
        try:
            if subprocess.run([*cmd, "true"], capture_output=True, timeout=30).returncode == 0:
                return cmd
        except (OSError, subprocess.SubprocessError):
            continue
    return []


def _base_python() -> str:
    """This interpreter outside the project's .venv (install.sh makes a venv of its own)."""
    name = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    found = Path(sys.base_prefix) / "bin" / name
    return str(found) if found.exists() else shutil.which(name) or sys.executable


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mode)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _pretend_older(site: Path, old: str) -> None:
    """Turn the installed mpa-tui into release ``old`` as pip sees it (dist-info name,
    METADATA, RECORD), with one module only that release had, which an upgrade removes."""
    info = next(site.glob("mpa_tui-*.dist-info"))
    new_info = site / f"mpa_tui-{old}.dist-info"
    info.rename(new_info)
    meta = new_info / "METADATA"
    meta.write_text(re.sub(r"(?m)^Version: .*$", f"Version: {old}", meta.read_text(), count=1))
    (site / "mpa_tui" / "old_release.py").write_text("")
    record = new_info / "RECORD"
    record.write_text(record.read_text().replace(info.name + "/", new_info.name + "/")
                      + "mpa_tui/old_release.py,,\n")


def check_folder(folder: Path) -> None:
    """What any copy of the folder must be: complete, checksummed, FAT-safe, no links."""
    names = {p.name for p in folder.iterdir()}
    assert {"install.sh", "install.bat", "install.py", "README.txt", "BACA-SAYA.txt",
            "SHA256SUMS", "wheels"} <= names, names
    assert (folder / "wheels" / f"mpa_tui-{VERSION}-py3-none-any.whl").is_file()
    assert list((folder / "wheels").glob("pip-*-py3-none-any.whl"))
    for name in ("install.bat", "README.txt", "BACA-SAYA.txt"):
        data = (folder / name).read_bytes()
        assert b"\n" not in data.replace(b"\r\n", b""), f"{name} needs CRLF for Windows"
        assert not re.search(rb"@[A-Z_]+@", data), name
    assert b"\r" not in (folder / "install.sh").read_bytes()
    listed = {}
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert set(listed) == {p.relative_to(folder).as_posix() for p in files} - {"SHA256SUMS"}
    for path in files:
        rel = path.relative_to(folder).as_posix()
        assert not path.is_symlink(), rel
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,199}", path.name), rel
        if rel in listed:
            assert hashlib.sha256(path.read_bytes()).hexdigest() == listed[rel], rel


@pytest.mark.slow
def test_offline_install_then_upgrade_keeps_the_data(
    wheelhouse: dict[str, str], tmp_path: Path
) -> None:
    folder = _folder(wheelhouse)
    home = tmp_path / "home"
    home.mkdir()
    prefix = _offline_prefix()
    # No index, no config file, no proxy: the folder is the only package source.
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "dumb",
           "PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": os.devnull, "PYTHON": _base_python()}

    def run(*cmd: str | Path) -> str:
        out = subprocess.run([*prefix, *map(str, cmd)], env=env, capture_output=True,
                             text=True, timeout=300)
        assert out.returncode == 0, f"{cmd}: {out.stdout}{out.stderr}"
        return out.stdout

    said = run("sh", folder / "install.sh")
    assert f"mpa-tui {VERSION} installed (new install)" in said, said
    mpa = home / ".local" / "bin" / "mpa"
    assert run(mpa, "--version").strip() == f"mpa {VERSION}"
    data = tmp_path / "data"
    run(mpa, "--data-dir", data, "demo")
    assert "Mentari" in run(mpa, "--data-dir", data, "list")

    # Upgrade over an older install, with sessions in the default data folder.
    run(mpa, "demo")
    default_data = home / ".local" / "share" / "mpa-tui"
    before = _snapshot(default_data)
    assert any(name.startswith("sessions/") for name in before)
    site = next((home / ".local" / "share" / "mpa-tui-program" / "venv").glob(
        "lib/python*/site-packages"))
    _pretend_older(site, "0.0.1")
    said = run("sh", folder / "install.sh")
    assert f"mpa-tui 0.0.1 was replaced by {VERSION}" in said, said
    assert [p.name for p in site.glob("mpa_tui-*.dist-info")] == [f"mpa_tui-{VERSION}.dist-info"]
    assert not (site / "mpa_tui" / "old_release.py").exists()
    assert _snapshot(default_data) == before
    assert run(mpa, "--version").strip() == f"mpa {VERSION}"
    assert "Mentari" in run(mpa, "list")


@pytest.mark.slow
def test_every_dependency_has_a_windows_wheel_for_each_python(
    wheelhouse: dict[str, str],
) -> None:
    if wheelhouse["skip"]:
        pytest.skip(wheelhouse["skip"])
    folder = _folder(wheelhouse)
    check = _tool("wheelcheck")
    wheels = folder / "wheels"
    for py in ("3.11", "3.12", "3.13"):
        assert check.check_closure(wheels, check.Target(py, "win_amd64")) == [], py
        cp = "cp" + py.replace(".", "")
        assert list(wheels.glob(f"pydantic_core-*-{cp}-{cp}-win_amd64.whl")), py
    assert '("3.11 3.12 3.13" if os.name' in (folder / "install.py").read_text()


def _fake_wheel(folder: Path, filename: str, *requires: str, python: str = "") -> None:
    name, version = filename.split("-")[:2]
    with zipfile.ZipFile(folder / filename, "w") as zf:
        meta = [f"Name: {name}", f"Version: {version}", *(f"Requires-Dist: {r}" for r in requires)]
        if python:
            meta.append(f"Requires-Python: {python}")
        zf.writestr(f"{name}-{version}.dist-info/METADATA", "\n".join(meta) + "\n")


def test_the_closure_check_reads_markers_tags_and_python_for_each_target(tmp_path: Path) -> None:
    check = _tool("wheelcheck")
    _fake_wheel(tmp_path, "mpa_tui-1.0-py3-none-any.whl", "core>=2", "textish[fancy]",
                'winonly; sys_platform == "win32"', 'old; python_version < "3.12"')
    _fake_wheel(tmp_path, "core-2.0-cp311-cp311-win_amd64.whl")
    _fake_wheel(tmp_path, "core-2.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
    _fake_wheel(tmp_path, "core-1.0-cp312-cp312-win_amd64.whl")  # too old for core>=2
    _fake_wheel(tmp_path, "textish-1.0-py3-none-any.whl", 'extra1; extra == "fancy"')
    _fake_wheel(tmp_path, "extra1-1.0-py3-none-any.whl", python=">=3.12")
    _fake_wheel(tmp_path, "old-1.0-py3-none-any.whl")
    win311, win312 = check.Target("3.11", "win_amd64"), check.Target("3.12", "win_amd64")
    linux312 = check.Target("3.12", "manylinux_x86_64")
    # pip download run on Linux would not have fetched "winonly": the check names it.
    assert sorted(check.check_closure(tmp_path, win311)) == ["extra1", "winonly"]
    assert sorted(check.check_closure(tmp_path, win312)) == ["core>=2", "winonly"]
    assert check.check_closure(tmp_path, linux312) == []
    _fake_wheel(tmp_path, "winonly-1.0-py3-none-any.whl")
    assert check.check_closure(tmp_path, win311) == ["extra1"]
