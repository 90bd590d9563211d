"""Upgrading keeps every session: a data folder written by an older release opens in this one.

``old_stores/<release>/`` is a data folder exactly as that release wrote it (``mpa demo``, a
copy of the example as an ordinary session, and a trashed one with its ``.bak``; schema 1 for
0.1.0). When SCHEMA_VERSION goes up, these files must still open: through a migration in
``store.repository.MIGRATIONS``, never by editing them. Add a folder for each release that
changes the schema.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mpa_tui.domain.version import SCHEMA_VERSION
from mpa_tui.store import Store

OLD = Path(__file__).parent / "old_stores"
EXAMPLE, MINE, TRASHED = ("46a68d7b-88aa-552b-aa76-d06fe4a21b42",
                          "0a1b2c3d-0000-4000-8000-000000000001",
                          "0a1b2c3d-0000-4000-8000-000000000002")


@pytest.mark.parametrize("release", sorted(p.name for p in OLD.iterdir()))
def test_an_older_data_folder_opens_whole_and_saves_in_the_new_schema(
    release: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(OLD / release, data)
    with Store.open(data) as store:
        assert store.damage_reports == []
        assert {r.id for r in store.repo.list()} == {EXAMPLE, MINE}
        assert {r.id for r in store.repo.list(include_trashed=True)} == {EXAMPLE, MINE, TRASHED}
        mine = store.repo.load(MINE)
        assert not store.repo.is_read_only(MINE)
        assert mine.group_name == "Kelompok Melati [red]x[/]"
        assert mine.schema_version == SCHEMA_VERSION
        assert sum(1 for c in mine.cards if c.deleted_at is None) == 37
        assert len(mine.participants) > 0 and len(mine.categories) > 0
        assert store.repo.load(TRASHED).deleted_at is not None
        store.repo.save(mine)
    with Store.open(data) as store:
        assert store.repo.load(MINE) == mine
        assert store.repo.load(EXAMPLE).is_example
