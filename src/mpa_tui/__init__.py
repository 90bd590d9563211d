"""mpa-tui: an offline-first terminal companion for the Metode Partisipatif Assessment (MPA)."""

__version__ = "0.3.0"
