"""Check that a folder of wheels installs a target (Python version + OS) on its own.

``pip download --platform X`` evaluates environment markers such as ``sys_platform ==
"win32"`` on the machine that runs it, not for X, so a Windows-only dependency can be left out
when the folder is built on Linux. :func:`check_closure` walks the requirements from mpa-tui
with the target's markers, tags and Requires-Python, and names every requirement no wheel in
the folder satisfies.
"""

from __future__ import annotations

import platform
import re
import sys
import zipfile
from dataclasses import dataclass
from email.parser import HeaderParser
from functools import cache
from pathlib import Path

try:
    from packaging import tags
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.utils import canonicalize_name, parse_wheel_filename
    from packaging.version import Version
except ImportError:  # a venv with the app only: pip always carries packaging
    from pip._vendor.packaging import tags  # type: ignore[no-redef]
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    from pip._vendor.packaging.specifiers import SpecifierSet  # type: ignore[no-redef]
    from pip._vendor.packaging.utils import (  # type: ignore[no-redef]
        canonicalize_name,
        parse_wheel_filename,
    )
    from pip._vendor.packaging.version import Version  # type: ignore[no-redef]

MANYLINUX = ["manylinux2014_x86_64", *(f"manylinux_2_{n}_x86_64" for n in range(17, 29))]
"""Oldest first: pip prefers earlier platforms, so a wheel for older Linux wins a tie.
glibc 2.28 (Debian 10, Ubuntu 20.04, RHEL 8) is the newest Linux baseline accepted."""
LEGACY_GLIBC = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}


@dataclass(frozen=True)
class Target:
    """One Python version on one OS family: ``win_amd64`` or ``manylinux_x86_64``."""

    python: str
    family: str

    @property
    def platforms(self) -> list[str]:
        """The values for pip's ``--platform`` (most preferred first)."""
        return ["win_amd64"] if self.family == "win_amd64" else list(MANYLINUX)

    def tags(self) -> set[tags.Tag]:
        """Every wheel tag this target installs."""
        version = tuple(int(x) for x in self.python.split("."))
        plats = self.platforms
        if self.family != "win_amd64":
            plats = [*plats, "manylinux2010_x86_64", "manylinux1_x86_64"]
        interp = "cp" + self.python.replace(".", "")
        return {*tags.cpython_tags(version, platforms=plats),
                *tags.compatible_tags(version, interp, plats)}

    def environment(self) -> dict[str, str]:
        """The PEP 508 marker values of this target."""
        win = self.family == "win_amd64"
        return {
            "implementation_name": "cpython", "implementation_version": f"{self.python}.0",
            "os_name": "nt" if win else "posix", "platform_machine": "AMD64" if win else "x86_64",
            "platform_python_implementation": "CPython", "platform_release": "",
            "platform_system": "Windows" if win else "Linux", "platform_version": "",
            "python_full_version": f"{self.python}.0", "python_version": self.python,
            "sys_platform": "win32" if win else "linux", "extra": "",
        }


def current_target() -> Target:
    """This machine's Python and OS family (SystemExit where no target fits)."""
    py = f"{sys.version_info[0]}.{sys.version_info[1]}"
    machine = platform.machine().lower()
    if sys.platform == "win32" and machine in ("amd64", "x86_64"):
        return Target(py, "win_amd64")
    if sys.platform.startswith("linux") and machine == "x86_64":
        return Target(py, "manylinux_x86_64")
    raise SystemExit(f"no offline target for {sys.platform} {machine}")


@dataclass(frozen=True)
class Wheel:
    path: Path
    version: Version
    tags: frozenset[tags.Tag]


@cache
def _metadata(path: Path) -> tuple[str | None, tuple[str, ...]]:
    """(Requires-Python, Requires-Dist lines) of a wheel."""
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist()
                    if n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
        meta = HeaderParser().parsestr(zf.read(name).decode("utf-8"))
    return meta.get("Requires-Python"), tuple(meta.get_all("Requires-Dist") or ())


def _index(folder: Path) -> dict[str, list[Wheel]]:
    index: dict[str, list[Wheel]] = {}
    for path in folder.glob("*.whl"):
        name, version, _build, tagset = parse_wheel_filename(path.name)
        index.setdefault(canonicalize_name(name), []).append(Wheel(path, version, tagset))
    return index


def check_closure(folder: Path, target: Target, root: str = "mpa-tui") -> list[str]:
    """Requirements (``name[extras]specifier``) that no wheel in ``folder`` satisfies.

    Not a resolver: it takes the newest fitting wheel of each requirement, as pip does, and
    follows its dependencies with the target's markers.
    """
    index, ok_tags, env = _index(folder), target.tags(), target.environment()
    version = Version(f"{target.python}.0")
    todo, seen, missing = [Requirement(root)], set(), []
    while todo:
        req = todo.pop()
        key = (canonicalize_name(req.name), str(req.specifier), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        fits = [w for w in index.get(key[0], [])
                if req.specifier.contains(w.version, prereleases=True) and w.tags & ok_tags
                and SpecifierSet(_metadata(w.path)[0] or "").contains(version)]
        if not fits:
            extras = f"[{','.join(sorted(req.extras))}]" if req.extras else ""
            missing.append(f"{req.name}{extras}{req.specifier}")
            continue
        best = max(fits, key=lambda w: w.version)
        for line in _metadata(best.path)[1]:
            dep = Requirement(line)
            wanted = ("", *req.extras)
            if dep.marker is None or any(dep.marker.evaluate({**env, "extra": e}) for e in wanted):
                todo.append(dep)
    return missing


def glibc_floor(folder: Path) -> str:
    """The oldest glibc every Linux wheel of ``folder`` runs on, e.g. ``"2.17"``."""
    floor = (2, 17)
    for wheel in (w for ws in _index(folder).values() for w in ws):
        needs = []
        for tag in wheel.tags:
            m = re.match(r"manylinux_(\d+)_(\d+)_", tag.platform)
            legacy = LEGACY_GLIBC.get(tag.platform.rsplit("_x86_64", 1)[0])
            if m:
                needs.append((int(m[1]), int(m[2])))
            elif legacy:
                needs.append(legacy)
        if needs:
            floor = max(floor, min(needs))
    return f"{floor[0]}.{floor[1]}"
