#!/bin/sh
# Install or upgrade mpa-tui from this folder alone (no internet needed).
# Usage: sh install.sh        (PYTHON=/path/to/python3.12 sh install.sh to choose a Python)
# Never touches the data folder (~/.local/share/mpa-tui): sessions stay as they are.
case "$0" in */*) HERE=${0%/*} ;; *) HERE=. ;; esac
HERE=$(cd "$HERE" && pwd)
FITS='import sys; sys.exit("%d.%d" % sys.version_info[:2] not in "@PY_LINUX@".split())'
for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3 python; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "$FITS" 2>/dev/null; then
        exec "$candidate" "$HERE/install.py" "$@"
    fi
done
echo "GAGAL: perlu Python @PY_LINUX_OR@ (python3). Pasang dulu dari paket distribusi Linux."
echo "  FAILED: Python @PY_LINUX_OR@ is needed (python3). Install it from your Linux distribution first."
exit 1
