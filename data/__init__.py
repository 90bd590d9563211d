"""Shipped example sessions and fixtures (installed as ``mpa_tui.data``)."""
