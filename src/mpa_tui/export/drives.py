"""Finding USB sticks (flashdisk) to export to, with psutil.

Linux: mounts under /media/$USER, /media or /run/media/$USER with a removable-drive file
system; Windows: drives psutil marks "removable"; macOS: volumes under /Volumes except
the system volume. The partition list and platform can be injected for tests.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

REMOVABLE_FS = {"vfat", "exfat", "msdos", "ntfs", "ntfs3", "fuseblk", "fat", "fat32"}


@dataclass(frozen=True)
class Drive:
    """A removable drive the user may export to."""

    path: str
    """Mount point (Linux/macOS) or drive root such as ``E:\\`` (Windows)."""
    fstype: str
    device: str
    label: str
    """A short name to show: the mount folder's name or the drive letter."""


def _under(path: str, prefix: str) -> bool:
    p, q = PurePosixPath(path), PurePosixPath(prefix)
    return p != q and q in p.parents


def _user() -> str:
    try:
        return os.environ.get("USER") or getpass.getuser()
    except Exception:  # getpass raises various errors when there is no user name
        return ""


def _is_linux_stick(part: Any, user: str) -> bool:
    mp = str(part.mountpoint)
    if str(part.fstype).lower() not in REMOVABLE_FS:
        return False
    roots = ["/media", "/run/media"]
    if user:
        roots += [f"/media/{user}", f"/run/media/{user}"]
    return any(_under(mp, root) for root in roots) and mp not in {f"/media/{user}",
                                                                   f"/run/media/{user}"}


def _is_windows_stick(part: Any) -> bool:
    opts = str(getattr(part, "opts", "")).lower().split(",")
    return "removable" in opts and "cdrom" not in opts


def _is_mac_stick(part: Any) -> bool:
    mp = str(part.mountpoint)
    if not _under(mp, "/Volumes") or PurePosixPath(mp).parent != PurePosixPath("/Volumes"):
        return False
    # "/Volumes/Macintosh HD" is the system volume seen again (a link to "/").
    try:
        return not os.path.samefile(mp, "/")
    except OSError:
        return True


def find_drives(partitions: Iterable[Any] | None = None, platform: str | None = None,
                user: str | None = None) -> list[Drive]:
    """Removable drives, sorted by path.

    Args:
        partitions: ``psutil.disk_partitions(all=False)``-like objects (``device``,
            ``mountpoint``, ``fstype``, ``opts``); read from psutil when None.
        platform: ``sys.platform``-like value ("linux", "win32", "darwin").
        user: The user name used in Linux mount paths (default: the current user).
    """
    platform = platform or sys.platform
    if partitions is None:
        import psutil

        try:
            partitions = psutil.disk_partitions(all=False)
        except OSError:
            partitions = []
    user = _user() if user is None else user
    found: dict[str, Drive] = {}
    for part in partitions:
        mp = str(part.mountpoint)
        if platform.startswith("win"):
            ok = _is_windows_stick(part)
            label = mp.rstrip("\\/") or mp
        elif platform == "darwin":
            ok = _is_mac_stick(part)
            label = PurePosixPath(mp).name
        else:
            ok = _is_linux_stick(part, user)
            label = PurePosixPath(mp).name
        if ok and mp not in found:
            found[mp] = Drive(mp, str(part.fstype), str(part.device), label)
    return sorted(found.values(), key=lambda d: d.path)
