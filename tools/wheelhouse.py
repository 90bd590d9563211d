"""Build the offline install folder: ``make wheelhouse`` -> dist/mpa-tui-<version>-offline/.

The folder holds the project's wheel and every dependency's wheels for Windows (win_amd64) and
Linux (manylinux x86_64), CPython 3.11-3.13, plus the installers (install.bat, install.sh,
install.py), BACA-SAYA.txt / README.txt and SHA256SUMS. It copies as it is to a FAT stick.

    python tools/wheelhouse.py                 # every target (needs PyPI)
    python tools/wheelhouse.py --current       # only this Python on this machine
    python tools/wheelhouse.py --current --os win_amd64  # that + Windows (the tests)

Dependencies with no wheel (sdist only) are built once into pure-Python wheels with
``pip wheel``; a binary dependency without a wheel for a target fails the build, naming it.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wheelcheck import Target, check_closure, current_target, glibc_floor  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "packaging" / "offline"
PYTHONS = ("3.11", "3.12", "3.13")
FAMILIES = ("win_amd64", "manylinux_x86_64")
FAT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]*$")
"""Names FAT32 and every OS keep as they are: no spaces, no characters Windows forbids."""
TEXT_FILES = {"install.bat": "\r\n", "README.txt": "\r\n", "BACA-SAYA.txt": "\r\n",
              "install.sh": "\n", "install.py": "\n"}
"""Each shipped file and its line ending: CRLF for what Windows' Notepad and cmd.exe read."""


def project_version() -> str:
    """The version in pyproject.toml."""
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(conf["project"]["version"])


def pip(*args: str | Path, quiet: bool = True) -> None:
    """Run this Python's pip; on failure raise with pip's own output."""
    cmd = [sys.executable, "-m", "pip", "--disable-pip-version-check", *map(str, args)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"pip failed: {' '.join(cmd)}\n{out.stdout}\n{out.stderr}")
    if not quiet:
        print(out.stdout)


def stage(work: Path) -> tuple[Path, Path, Path]:
    """Build the project's wheel and pure wheels of sdist-only dependencies.

    Returns (the project wheel, a folder of pure wheels to offer every target, every wheel
    this Python on this machine needs).
    """
    built = work / "built"
    # For this Python: downloads the wheels it can, builds the rest (sdist-only packages).
    pip("wheel", "--prefer-binary", "-w", built, ROOT, "pip")
    pure = work / "pure"
    pure.mkdir()
    for whl in built.glob("*-none-any.whl"):
        shutil.copy2(whl, pure / whl.name)
    project = next(pure.glob("mpa_tui-*.whl"))
    return project, pure, built


def download(target: Target, pure: Path, dest: Path, *reqs: str | Path, deps: bool = True) -> None:
    """Fetch the wheels ``target`` needs for ``reqs`` into ``dest`` (never an sdist).

    Each call gets a folder of its own, merged afterwards: pip processes running at once
    must not read each other's half-written files.
    """
    plat = [a for p in target.platforms for a in ("--platform", p)]
    with tempfile.TemporaryDirectory(prefix="mpa-download-") as tmp:
        pip("download", "--only-binary=:all:", *(() if deps else ("--no-deps",)),
            "--python-version", target.python, "--implementation", "cp", *plat,
            "--find-links", pure, "-d", tmp, *reqs)
        for whl in Path(tmp).glob("*.whl"):
            if not (dest / whl.name).exists():
                shutil.copy2(whl, dest / whl.name)


def complete(targets: Sequence[Target], project: Path, wheels: Path, pure: Path,
             done: Sequence[Target] = ()) -> None:
    """Download for every target, then add what pip's host-evaluated markers missed.

    ``pip download --platform`` evaluates environment markers (``sys_platform == "win32"``)
    on this machine; check_closure evaluates them for each target and names what is missing.
    ``done`` are targets whose wheels are already in ``wheels`` (they are checked too).
    """
    todo = [t for t in targets if t not in done]
    with ThreadPoolExecutor(max_workers=max(1, len(todo))) as pool:
        list(pool.map(lambda t: download(t, pure, wheels, project, "pip"), todo))
    for _ in range(5):
        missing = {t: check_closure(wheels, t) for t in targets}
        if not any(missing.values()):
            return
        for target, reqs in missing.items():
            if reqs:
                download(target, pure, wheels, *reqs, deps=False)
    raise SystemExit(f"still missing after 5 rounds: {missing}")


def render(text: str, values: dict[str, str]) -> str:
    """Fill the ``@NAME@`` placeholders; a left-over placeholder is a bug."""
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise SystemExit(f"unfilled placeholders: {left}")
    return text


def _or(pythons: Sequence[str]) -> str:
    """``3.11/3.12/3.13``: read the same in both languages."""
    return "/".join(pythons)


def write_templates(folder: Path, targets: Sequence[Target], glibc: str) -> None:
    """The installers and the two read-me files, with the version and Pythons filled in."""
    win = sorted({t.python for t in targets if t.family == "win_amd64"})
    linux = sorted({t.python for t in targets if t.family != "win_amd64"})
    values = {"VERSION": project_version(), "GLIBC": glibc,
              "PY_WIN": " ".join(win), "PY_WIN_DESC": " ".join(reversed(win)),
              "PY_WIN_OR": _or(win), "PY_LINUX": " ".join(linux), "PY_LINUX_OR": _or(linux),
              "PYTHONS_OR": _or(sorted({*win, *linux}))}
    for name, newline in TEXT_FILES.items():
        text = render((TEMPLATES / name).read_text(encoding="utf-8"), values)
        (folder / name).write_bytes(text.replace("\r\n", "\n").replace("\n", newline)
                                    .encode("utf-8"))
    (folder / "install.sh").chmod(0o755)


def write_sums(folder: Path) -> None:
    """SHA256SUMS in the ``sha256sum -c`` format, every file but itself."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel != "SHA256SUMS":
            lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {rel}\n")
    (folder / "SHA256SUMS").write_text("".join(lines), encoding="utf-8", newline="\n")


def fat_problems(folder: Path) -> list[str]:
    """Names that would not survive a FAT32 stick or a Windows copy, and any symlink."""
    problems, seen = [], set()
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            problems.append(f"symlink: {rel}")
        if not FAT_NAME.match(path.name) or len(path.name) > 200:
            problems.append(f"name: {rel}")
        if rel.lower() in seen:
            problems.append(f"case clash: {rel}")
        seen.add(rel.lower())
    return problems


def build(out: Path, targets: Sequence[Target], here: Target | None = None) -> Path:
    """Build the whole folder under ``out`` and return it (an old one is replaced).

    ``here`` (this machine's target, if asked for) takes the wheels pip chose for this very
    Python while staging, instead of downloading them again.
    """
    folder = out / f"mpa-tui-{project_version()}-offline"
    if folder.exists():
        shutil.rmtree(folder)
    wheels = folder / "wheels"
    wheels.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="mpa-wheelhouse-") as tmp:
        project, pure, built = stage(Path(tmp))
        for whl in [project, *(built.glob("*.whl") if here else ())]:
            shutil.copy2(whl, wheels / whl.name)
        complete(targets, project, wheels, pure, done=[here] if here else [])
    write_templates(folder, targets, glibc_floor(wheels))
    write_sums(folder)
    problems = fat_problems(folder)
    if problems:
        raise SystemExit("not FAT-safe: " + ", ".join(problems))
    return folder


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--current", action="store_true",
                        help="this machine's OS and Python (alone unless --os/--python is given)")
    parser.add_argument("--os", action="append", choices=FAMILIES,
                        help="only this OS family (repeatable; default: both)")
    parser.add_argument("--python", action="append", choices=PYTHONS,
                        help="only this Python version (repeatable; default: all)")
    args = parser.parse_args(argv)
    here = current_target() if args.current else None
    targets = [here] if here else []
    if args.os or args.python or not args.current:
        grid = [Target(py, fam) for py in args.python or PYTHONS for fam in args.os or FAMILIES]
        targets += [t for t in grid if t not in targets]
    folder = build(args.out, targets, here)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    count = len(list((folder / "wheels").glob("*.whl")))
    print(f"{folder}: {count} wheels, {size / 1e6:.1f} MB, for "
          + ", ".join(f"cp{t.python}-{t.family}" for t in targets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
