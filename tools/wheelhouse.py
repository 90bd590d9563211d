"""Build the offline install folder: ``make wheelhouse`` -> dist/mpa-tui-<version>-offline/.

The folder holds the project's wheel and every dependency's wheels for Windows (win_amd64) and
Linux (manylinux x86_64), CPython 3.11-3.13, plus the installers (install.bat, install.sh,
install.py), BACA-SAYA.txt / README.txt and SHA256SUMS. It copies as it is to a FAT stick.

    python tools/wheelhouse.py                 # every target (needs PyPI)
    python tools/wheelhouse.py --current-only  # only this Python on this machine (tests)

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
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wheelcheck import Target, check_closure, current_target, glibc_floor  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "packaging" / "offline"
PYTHONS = ("3.11", "3.12", "3.13")
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


def stage(work: Path) -> tuple[Path, Path]:
    """Build the project's wheel and pure wheels of sdist-only dependencies.

    Returns (the project wheel, a folder of pure wheels to offer every target).
    """
    built = work / "built"
    # For this Python: downloads the wheels it can, builds the rest (sdist-only packages).
    pip("wheel", "--prefer-binary", "-w", built, ROOT, "pip")
    pure = work / "pure"
    pure.mkdir()
    for whl in built.glob("*-none-any.whl"):
        shutil.copy2(whl, pure / whl.name)
    project = next(pure.glob("mpa_tui-*.whl"))
    return project, pure


def download(target: Target, project: Path, pure: Path, dest: Path) -> None:
    """Fetch the wheels ``target`` needs into ``dest`` (binary only, never an sdist)."""
    plat = [a for p in target.platforms for a in ("--platform", p)]
    pip("download", "--only-binary=:all:", "--python-version", target.python,
        "--implementation", "cp", *plat, "--find-links", pure, "-d", dest, project, "pip")


def complete(targets: Sequence[Target], project: Path, wheels: Path, pure: Path) -> None:
    """Download for every target, then add what pip's host-evaluated markers missed.

    ``pip download --platform`` evaluates environment markers (``sys_platform == "win32"``)
    on this machine; check_closure evaluates them for each target and names what is missing.
    """
    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(lambda t: download(t, project, pure, wheels), targets))
    for _ in range(5):
        missing = {t: check_closure(wheels, t) for t in targets}
        if not any(missing.values()):
            return
        for target, reqs in missing.items():
            plat = [a for p in target.platforms for a in ("--platform", p)]
            for req in reqs:
                pip("download", "--only-binary=:all:", "--no-deps", "--python-version",
                    target.python, "--implementation", "cp", *plat, "--find-links", pure,
                    "-d", wheels, req)
    raise SystemExit(f"still missing after 5 rounds: {missing}")


def render(text: str, values: dict[str, str]) -> str:
    """Fill the ``@NAME@`` placeholders; a left-over placeholder is a bug."""
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise SystemExit(f"unfilled placeholders: {left}")
    return text


def write_templates(folder: Path, pythons: Sequence[str], glibc: str) -> None:
    """The installers and the two read-me files, with the version and Pythons filled in."""
    values = {"VERSION": project_version(), "PYTHONS": " ".join(pythons),
              "PYTHONS_DESC": " ".join(sorted(pythons, reverse=True)),
              "PYTHONS_OR": ", ".join(pythons[:-1]) + (" / " if len(pythons) > 1 else "")
              + pythons[-1], "GLIBC": glibc}
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


def build(out: Path, targets: Sequence[Target], pythons: Sequence[str]) -> Path:
    """Build the whole folder under ``out`` and return it (an old one is replaced)."""
    folder = out / f"mpa-tui-{project_version()}-offline"
    if folder.exists():
        shutil.rmtree(folder)
    wheels = folder / "wheels"
    wheels.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="mpa-wheelhouse-") as tmp:
        project, pure = stage(Path(tmp))
        shutil.copy2(project, wheels / project.name)
        complete(targets, project, wheels, pure)
    write_templates(folder, pythons, glibc_floor(wheels))
    write_sums(folder)
    problems = fat_problems(folder)
    if problems:
        raise SystemExit("not FAT-safe: " + ", ".join(problems))
    return folder


def every_target(pythons: Iterable[str]) -> list[Target]:
    """Windows and Linux x86_64 for each Python version."""
    return [Target(py, family) for py in pythons for family in ("win_amd64", "manylinux_x86_64")]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--current-only", action="store_true",
                        help="only this machine's platform and Python (quick; for tests)")
    args = parser.parse_args(argv)
    if args.current_only:
        target = current_target()
        targets, pythons = [target], (target.python,)
    else:
        targets, pythons = every_target(PYTHONS), PYTHONS
    folder = build(args.out, targets, pythons)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    count = len(list((folder / "wheels").glob("*.whl")))
    print(f"{folder}: {count} wheels, {size / 1e6:.1f} MB, for "
          + ", ".join(f"cp{t.python}-{t.family}" for t in targets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
