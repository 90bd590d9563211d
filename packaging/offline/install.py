"""Install or upgrade mpa-tui from this folder alone: no internet, no other package source.

Started by install.sh (Linux) or install.bat (Windows) with a suitable Python. It creates (or
reuses) a private virtual environment in the user's program folder, installs the wheels of
this folder with ``pip --no-index``, and adds an ``mpa`` launcher. The data folder (the
facilitator's sessions) is never read, written or moved. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

VERSION = "@VERSION@"
PYTHONS = ("@PY_WIN@" if os.name == "nt" else "@PY_LINUX@").split()
"""The Python versions this folder has wheels for on this OS (set by tools/wheelhouse.py)."""

HERE = Path(__file__).resolve().parent
WHEELS = HERE / "wheels"
WINDOWS = os.name == "nt"


def say(id_text: str, en_text: str) -> None:
    """Print one message in Indonesian, then in English (plain ASCII for old consoles)."""
    print(id_text)
    print("  " + en_text)


def fail(id_text: str, en_text: str) -> None:
    """Print the message and stop with exit status 1."""
    say("GAGAL: " + id_text, "FAILED: " + en_text)
    sys.exit(1)


def home() -> Path:
    """The user's home folder."""
    return Path.home()


def app_dir() -> Path:
    """Where the program goes: never the data folder (mpa-tui), always a sibling of it."""
    override = os.environ.get("MPA_INSTALL_DIR")
    if override:
        return Path(override).expanduser().resolve()
    if WINDOWS:
        base = Path(os.environ.get("LOCALAPPDATA") or home() / "AppData" / "Local")
        return base / "Programs" / "mpa-tui"
    if sys.platform == "darwin":
        return home() / "Library" / "Application Support" / "mpa-tui-program"
    return Path(os.environ.get("XDG_DATA_HOME") or home() / ".local" / "share") / "mpa-tui-program"


def data_dir() -> Path:
    """The data folder the app will use, computed as platformdirs does (for the messages)."""
    env = os.environ.get("MPA_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    if WINDOWS:
        return Path(os.environ.get("LOCALAPPDATA") or home() / "AppData" / "Local") / "mpa-tui"
    if sys.platform == "darwin":
        return home() / "Library" / "Application Support" / "mpa-tui"
    return Path(os.environ.get("XDG_DATA_HOME") or home() / ".local" / "share") / "mpa-tui"


def check_sums() -> None:
    """Every file listed in SHA256SUMS must match: a stick can corrupt a copy silently."""
    sums = HERE / "SHA256SUMS"
    if not sums.is_file():
        fail("SHA256SUMS tidak ada; salin ulang seluruh folder.",
             "SHA256SUMS is missing; copy the whole folder again.")
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        path = HERE / name
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            actual = ""
        if actual != digest:
            fail(f"berkas rusak atau hilang: {name}. Salin ulang seluruh folder dari sumbernya.",
                 f"file damaged or missing: {name}. Copy the whole folder again.")


def venv_python(venv: Path) -> Path:
    """The Python of a virtual environment."""
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def run(cmd: list[str | os.PathLike[str]], **kw: object) -> subprocess.CompletedProcess[str]:
    """Run a command offline (see :func:`offline_env`), capturing its output."""
    return subprocess.run([str(c) for c in cmd], text=True, capture_output=True,
                          env=offline_env(), **kw)  # type: ignore[call-overload]


def offline_env() -> dict[str, str]:
    """The environment for pip: no index, no config file, no proxy, no user site."""
    env = {k: v for k, v in os.environ.items()
           if not k.upper().startswith("PIP_") and "PROXY" not in k.upper()}
    env.update(PIP_NO_INDEX="1", PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1",
               PYTHONNOUSERSITE="1")
    return env


def installed_version(venv: Path) -> tuple[str | None, bool]:
    """(the mpa-tui version in ``venv`` or None, whether the venv's Python works and fits)."""
    py = venv_python(venv)
    if not py.exists():
        return None, False
    probe = ("import sys, importlib.metadata as m\n"
             "print('%d.%d' % sys.version_info[:2])\n"
             "try: print(m.version('mpa-tui'))\n"
             "except m.PackageNotFoundError: print('')\n")
    try:
        out = run([py, "-c", probe], timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None, False
    lines = out.stdout.split("\n")
    if out.returncode != 0 or len(lines) < 2:
        return None, False
    return (lines[1].strip() or None), lines[0].strip() in PYTHONS


def make_venv(venv: Path) -> None:
    """A fresh venv without pip: pip comes from this folder (Debian lacks ensurepip)."""
    if venv.exists():
        if not (venv / "pyvenv.cfg").is_file():
            fail(f"{venv} ada tetapi bukan lingkungan Python; pindahkan lalu ulangi.",
                 f"{venv} exists but is not a Python environment; move it away and retry.")
        shutil.rmtree(venv)
    out = run([sys.executable, "-m", "venv", "--without-pip", venv])
    if out.returncode != 0:
        print(out.stdout + out.stderr)
        fail(f"tidak bisa membuat {venv}.", f"could not create {venv}.")


def pip_install(venv: Path, *, repair: bool) -> None:
    """Install this folder's mpa-tui and its dependencies; ``repair`` reinstalls every file."""
    pip_wheels = sorted(WHEELS.glob("pip-*.whl"))
    if not pip_wheels:
        fail("wheel pip tidak ada di folder ini.", "this folder has no pip wheel.")
    # pip runs straight from its wheel, so the venv needs no pip of its own to start with.
    cmd = [venv_python(venv), pip_wheels[-1] / "pip", "--isolated", "install", "--no-index",
           "--find-links", WHEELS, "--disable-pip-version-check", "--no-warn-script-location",
           "--upgrade", "--upgrade-strategy", "eager", *(["--force-reinstall"] if repair else []),
           "pip", f"mpa-tui=={VERSION}"]
    out = run(cmd)
    if out.returncode != 0:
        print(out.stdout + out.stderr)
        fail("pip tidak bisa memasang dari folder ini (lihat pesan di atas). Bila mpa-tui "
             "sedang terbuka, tutup dulu lalu ulangi.",
             "pip could not install from this folder (see the messages above). If mpa-tui is "
             "open, close it and try again.")


def launcher(app: Path, venv: Path) -> Path:
    """Write the ``mpa`` command; return its path."""
    if WINDOWS:
        bin_dir = app / "bin"
        bin_dir.mkdir(exist_ok=True)
        target = bin_dir / "mpa.bat"
        target.write_text(f'@"{venv / "Scripts" / "mpa.exe"}" %*\r\n', encoding="ascii",
                          newline="")
        start = app / "mpa-start.bat"
        start.write_text(WINDOWS_START.replace("<EXE>", str(venv / "Scripts" / "mpa.exe")),
                         encoding="ascii", newline="")
        add_to_user_path(bin_dir)
        desktop_shortcut(start)
        return target
    bin_dir = home() / ".local" / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    target = bin_dir / "mpa"
    if target.is_symlink() or target.is_file():
        target.unlink()
    target.write_text(f'#!/bin/sh\n# mpa-tui launcher (install.sh)\nexec "{venv}/bin/mpa" "$@"\n',
                      encoding="utf-8")
    target.chmod(0o755)
    menu_entry(target)
    if str(bin_dir) not in os.environ.get("PATH", "").split(os.pathsep):
        say(f"Catatan: {bin_dir} belum ada di PATH; keluar lalu masuk lagi (log out/in), "
            f"atau jalankan langsung {target}.",
            f"Note: {bin_dir} is not on PATH yet; log out and in again, or run {target}.")
    return target


WINDOWS_START = """@echo off\r
rem Opens mpa-tui in Windows Terminal when it is there (full colours, all keys), else here.\r
where wt.exe >nul 2>nul\r
if not errorlevel 1 (\r
  start "" wt.exe "<EXE>"\r
  exit /b 0\r
)\r
"<EXE>"\r
if errorlevel 1 pause\r
"""


def menu_entry(target: Path) -> None:
    """A desktop-menu entry (Linux) so the app starts without typing a command."""
    apps = Path(os.environ.get("XDG_DATA_HOME") or home() / ".local" / "share") / "applications"
    try:
        apps.mkdir(parents=True, exist_ok=True)
        (apps / "mpa-tui.desktop").write_text(
            "[Desktop Entry]\nType=Application\nName=MPA (mpa-tui)\n"
            "Comment=Metode Partisipatif Assessment\n"
            f'Exec="{target}"\nTerminal=true\nCategories=Office;\n', encoding="utf-8")
    except OSError as err:
        say(f"Entri menu tidak dibuat ({err}).", f"No menu entry made ({err}).")


def add_to_user_path(folder: Path) -> None:
    """Add ``folder`` to the user's PATH (registry, not setx: setx cuts long PATHs)."""
    import winreg  # type: ignore[import-not-found,unused-ignore]

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, "Environment", 0,
                            winreg.KEY_READ | winreg.KEY_WRITE) as key:
            try:
                current, kind = winreg.QueryValueEx(key, "Path")
            except FileNotFoundError:
                current, kind = "", winreg.REG_EXPAND_SZ
            parts = [p for p in str(current).split(";") if p]
            if str(folder).lower() not in (p.lower() for p in parts):
                winreg.SetValueEx(key, "Path", 0, kind, ";".join([*parts, str(folder)]))
                announce_environment()
                say("Perintah mpa ditambahkan ke PATH (berlaku di jendela terminal baru).",
                    "The mpa command was added to PATH (for new terminal windows).")
    except OSError as err:
        say(f"PATH tidak diubah ({err}).", f"PATH not changed ({err}).")


def announce_environment() -> None:
    """Tell Explorer the user's PATH changed, so new terminals see it without a new login."""
    import ctypes

    try:
        result = ctypes.c_ulong()
        ctypes.windll.user32.SendMessageTimeoutW(  # type: ignore[attr-defined,unused-ignore]
            0xFFFF, 0x001A, 0, "Environment", 0x0002, 5000, ctypes.byref(result))
    except (AttributeError, OSError):
        pass


def desktop_shortcut(start: Path) -> None:
    """Shortcuts "MPA" on the desktop and in the Start menu, via PowerShell (on every Windows)."""
    quoted = str(start).replace("'", "''")  # PowerShell's single-quoted strings
    script = (
        "foreach($f in 'Desktop','Programs'){"
        "$d=[Environment]::GetFolderPath($f);"
        "$s=(New-Object -ComObject WScript.Shell).CreateShortcut((Join-Path $d 'MPA.lnk'));"
        f"$s.TargetPath='{quoted}';$s.WorkingDirectory=(Split-Path '{quoted}');"
        "$s.Description='MPA (mpa-tui)';$s.Save()}"
    )
    try:
        out = subprocess.run(["powershell", "-NoProfile", "-ExecutionPolicy", "Bypass",
                              "-Command", script], capture_output=True, text=True, timeout=60)
        ok = out.returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    if ok:
        say("Pintasan MPA dibuat di Desktop dan menu Start.",
            "An MPA shortcut was made on the desktop and in the Start menu.")
    else:
        say(f"Pintasan tidak dibuat; klik dua kali {start}.",
            f"No shortcut made; double-click {start}.")


def main() -> int:
    """Install or upgrade; print what was done in Indonesian and English."""
    if not PYTHONS:
        fail("folder ini tidak memuat wheel untuk sistem ini.",
             "this folder holds no wheels for this operating system.")
    if f"{sys.version_info[0]}.{sys.version_info[1]}" not in PYTHONS:
        fail(f"folder ini untuk Python {', '.join(PYTHONS)}; ini Python {sys.version.split()[0]}.",
             f"this folder is for Python {', '.join(PYTHONS)}; this is {sys.version.split()[0]}.")
    if WINDOWS and "WindowsApps" in sys.executable:
        say("Peringatan: ini Python dari Microsoft Store, yang menyimpan berkas di folder "
            "tersembunyi miliknya. Lebih baik pasang Python dari python.org.",
            "Warning: this is the Microsoft Store Python, which keeps files in a hidden folder "
            "of its own. The python.org installer is better.")
    check_sums()
    app, data = app_dir(), data_dir()
    for a, b in ((app, data), (data, app)):
        if a == b or b in a.parents:
            fail(f"folder program {app} tidak boleh berada di folder data {data}.",
                 f"the program folder {app} must not overlap the data folder {data}.")
    venv = app / "venv"
    old, usable = installed_version(venv)
    say(f"Memasang mpa-tui {VERSION} dari {HERE} ke {app} ...",
        f"Installing mpa-tui {VERSION} from {HERE} into {app} ...")
    app.mkdir(parents=True, exist_ok=True)
    if not usable:
        make_venv(venv)
    pip_install(venv, repair=old == VERSION)
    exe = venv / ("Scripts/mpa.exe" if WINDOWS else "bin/mpa")
    check = run([exe, "--version"], timeout=120)
    if check.returncode != 0 or VERSION not in check.stdout:
        print(check.stdout + check.stderr)
        fail("mpa tidak mau berjalan setelah dipasang.", "mpa does not start after installing.")
    target = launcher(app, venv)
    if old is None:
        say(f"Selesai: mpa-tui {VERSION} terpasang (pemasangan baru).",
            f"Done: mpa-tui {VERSION} installed (new install).")
    elif old == VERSION:
        say(f"Selesai: mpa-tui {VERSION} dipasang ulang (versi yang sama).",
            f"Done: mpa-tui {VERSION} reinstalled (same version).")
    else:
        say(f"Selesai: mpa-tui {old} diganti dengan {VERSION}.",
            f"Done: mpa-tui {old} was replaced by {VERSION}.")
    say(f"Perintah: {target}", f"Command: {target}")
    say(f"Data sesi ada di {data}; pemasang tidak pernah mengubahnya.",
        f"Session data lives in {data}; the installer never changes it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
