"""Finding the USB stick with fake partition lists for Linux, Windows and macOS."""

from __future__ import annotations

from collections import namedtuple

from mpa_tui.export.drives import find_drives

P = namedtuple("P", "device mountpoint fstype opts")


def test_linux_sticks_under_media() -> None:
    parts = [
        P("/dev/sda1", "/", "ext4", "rw"),
        P("/dev/sda2", "/home", "ext4", "rw"),
        P("/dev/sdb1", "/media/ani/FLASHDISK", "vfat", "rw,nosuid"),
        P("/dev/sdc1", "/run/media/ani/DATA", "exfat", "rw"),
        P("/dev/sdd1", "/media/BACKUP", "ntfs3", "rw"),
        P("/dev/sde1", "/media/ani/EXT", "ext4", "rw"),       # not a stick file system
        P("/dev/sdf1", "/mnt/usb", "vfat", "rw"),             # not under /media
        P("/dev/sdg1", "/media/ani", "vfat", "rw"),           # the user's media folder itself
    ]
    drives = find_drives(parts, "linux", user="ani")
    assert [d.path for d in drives] == ["/media/BACKUP", "/media/ani/FLASHDISK",
                                        "/run/media/ani/DATA"]
    assert drives[1].label == "FLASHDISK" and drives[1].fstype == "vfat"


def test_windows_removable_drives() -> None:
    parts = [
        P("C:\\", "C:\\", "NTFS", "rw,fixed"),
        P("D:\\", "D:\\", "CDFS", "ro,cdrom"),
        P("E:\\", "E:\\", "FAT32", "rw,removable"),
    ]
    drives = find_drives(parts, "win32")
    assert [d.path for d in drives] == ["E:\\"]
    assert drives[0].label == "E:"


def test_macos_volumes_except_system() -> None:
    parts = [
        P("/dev/disk1s1", "/", "apfs", "local"),
        P("/dev/disk1s2", "/System/Volumes/Data", "apfs", "local"),
        P("/dev/disk2s1", "/Volumes/FLASHDISK", "msdos", "local,nodev"),
        P("/dev/disk3s1", "/Volumes/Stick 2", "exfat", "local"),
    ]
    drives = find_drives(parts, "darwin")
    assert [d.label for d in drives] == ["FLASHDISK", "Stick 2"]


def test_no_drives() -> None:
    assert find_drives([], "linux", user="ani") == []
    assert isinstance(find_drives(platform="linux"), list)  # real psutil call works
