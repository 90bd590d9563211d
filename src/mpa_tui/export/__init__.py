"""Exports (USB stick), bundles, import/merge and the report across sessions.

Modules are imported directly (``from mpa_tui.export.writer import export_session``) so
that nothing heavy loads until it is needed: python-docx and xlsxwriter are imported
inside their writers only.

- ``summary``: the language-aware, privacy-filtered view every writer renders.
- ``markdown``, ``html``, ``docx``, ``xlsx``, ``csv``, ``bundle``: the writers.
- ``writer``: ``export_session`` (free space, temp + fsync + rename, SHA256SUMS, read-back).
- ``drives``: finding the USB stick; ``naming``: FAT-safe, never-overwriting names.
- ``importer``, ``merge``, ``private``: reading untrusted bundles and merging them.
- ``report``: the report across sessions; ``commands``: ``mpa export/import/report``.
"""
