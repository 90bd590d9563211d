"""One errno -> message map for every part of the app that touches a disk.

The store, the export writer and the CLI all name an OS error the same way, in the
user's language; the OS's own text (English, "File exists") is never shown, and a
stick pulled out mid-write reads as "the drive was removed" whatever the file system
says (a FUSE mount answers ENOTCONN, a USB block device ENODEV or ENXIO).
"""

from __future__ import annotations

import errno

from mpa_tui.i18n import t

ERRNO_KEYS: dict[int, str] = {
    errno.ENOSPC: "disk_full",
    errno.EROFS: "read_only",
    errno.EACCES: "no_permission",
    errno.EPERM: "no_permission",
    errno.EEXIST: "exists",
    errno.EIO: "io_error",
    errno.ENOTCONN: "drive_removed",
    errno.ENODEV: "drive_removed",
    errno.ENXIO: "drive_removed",
    errno.ENOENT: "not_found",
    errno.ENOTDIR: "not_a_folder",
    errno.EISDIR: "is_a_folder",
    errno.ENAMETOOLONG: "name_too_long",
}
if hasattr(errno, "EDQUOT"):
    ERRNO_KEYS[errno.EDQUOT] = "disk_full"


def os_error_key(err: OSError | int | None) -> str:
    """The stable key of an OS error (``other`` when it has no message of its own)."""
    code = err.errno if isinstance(err, OSError) else err
    return ERRNO_KEYS.get(code or -1, "other")


def os_error_text(err: OSError | int | None, lang: str | None = None) -> str:
    """The error in a few words, in the user's language (``oserror.<key>``)."""
    code = err.errno if isinstance(err, OSError) else err
    key = os_error_key(code)
    if key == "other":
        name = errno.errorcode.get(code or -1, "?")
        return t("oserror.other", lang, code=name)
    return t(f"oserror.{key}", lang)
