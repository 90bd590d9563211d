"""Shared pieces of the benchmarks: results, statistics, test data, child processes.

Every ``bench_*.py`` module has ``run(quick: bool) -> list[Result]`` and can be run on its
own (``python bench/bench_save.py``) or through ``bench/run.py`` (``make bench``), which
runs each module in a fresh process and prints one table.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

PY = sys.executable
VENV_BIN = Path(PY).parent


@dataclass
class Result:
    """One row of the table.

    Attributes:
        figure: What was measured.
        value: The measurement (seconds, bytes or a plain number, see ``unit``).
        unit: ``s`` (shown in ms or s), ``MB`` or ``x``.
        baseline_name: What it is compared with (measured in the same run), or "".
        baseline: The baseline's measurement (same unit), or None.
        goal: The goal as text (``<= 1.3x floor``, ``<= 30 ms``) or "" (reported only).
        passed: True/False against the goal; None when only reported.
        note: A short remark (sample counts, why it failed).
    """

    figure: str
    value: float
    unit: str = "s"
    baseline_name: str = ""
    baseline: float | None = None
    goal: str = ""
    passed: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """value / baseline, or None without a baseline."""
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.value / self.baseline

    def to_json(self) -> dict[str, Any]:
        """The row as JSON (for ``run.py``)."""
        return asdict(self)


def ratio_goal(figure: str, value: float, baseline_name: str, baseline: float, limit: float,
               note: str = "", unit: str = "s") -> Result:
    """A row whose goal is ``value <= limit x baseline``."""
    return Result(figure, value, unit, baseline_name, baseline, f"<= {limit:g}x",
                  value <= limit * baseline, note)


def abs_goal(figure: str, value: float, limit: float, note: str = "",
             baseline_name: str = "", baseline: float | None = None) -> Result:
    """A row whose goal is ``value <= limit`` seconds (an optional baseline is shown)."""
    return Result(figure, value, "s", baseline_name, baseline, f"<= {fmt_value(limit, 's')}",
                  value <= limit, note)


def info(figure: str, value: float, unit: str = "s", baseline_name: str = "",
         baseline: float | None = None, note: str = "") -> Result:
    """A row that is only reported."""
    return Result(figure, value, unit, baseline_name, baseline, "", None, note)


def fmt_value(value: float | None, unit: str) -> str:
    """Human text for a measurement."""
    if value is None:
        return "-"
    if unit == "s":
        if value < 1.0:
            return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f}{unit}"


# -- statistics ---------------------------------------------------------------------------
def median(xs: Sequence[float]) -> float:
    """The median."""
    return statistics.median(xs)


def pct(xs: Sequence[float], p: float) -> float:
    """The p-th percentile (nearest rank: a real sample, never interpolated)."""
    s = sorted(xs)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def rotated(items: Sequence[Any], i: int) -> list[Any]:
    """``items`` rotated by ``i``: each variant takes every position in turn (interleaving)."""
    n = len(items)
    return [items[(i + k) % n] for k in range(n)]


# -- test data ----------------------------------------------------------------------------
NAMES = ("Siti", "Aminah", "Dewi", "Rina", "Yuli", "Sri", "Nur", "Wati", "Eni", "Tuti",
         "Lilis", "Neneng", "Euis", "Titin", "Imas", "Ade", "Cucu", "Iis", "Onah", "Popon")
VILLAGES = ("Nagrak", "Cibeber", "Sukamaju", "Mekarsari", "Cikole", "Sindangsari",
            "Margamulya", "Karyamukti", "Sukasari", "Tanjungsari")
TITLES = ("Modal usaha kurang", "Pemasaran sulit", "Harga bahan naik", "Akses pinjaman",
          "Keterampilan", "Alat produksi", "Waktu dan beban rumah", "Kesehatan keluarga",
          "Organisasi kelompok", "Jalan dan transportasi", "Air bersih", "Pendidikan anak")


def card_texts() -> list[str]:
    """Real-looking card texts (as facilitators typed them, from tests/data)."""
    text = (ROOT / "tests/data/cards_labelled.tsv").read_text("utf-8")
    rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [ln.split("\t", 1)[1] for ln in rows]


def workshop_session(participants: int = 20, cards: int = 60, categories: int = 10,
                     seed: int = 0, posted: bool = True) -> Any:
    """A session as after step 4: people in the circle, cards on the board, grouped.

    Cards are spread round the participants; the first ``categories`` groups take the
    cards in turn (a few stay unsorted when ``categories`` is 0).
    """
    from mpa_tui.domain import Card, Category, Location, Participant, Session, Step
    from mpa_tui.domain.enums import CardKind

    rnd = random.Random(seed)
    texts = card_texts()
    people = [Participant(name=f"Ibu {NAMES[i % len(NAMES)]} {i // len(NAMES) or ''}".strip(),
                          seat=i) for i in range(participants)]
    made = []
    for i in range(cards):
        made.append(Card(text=texts[(i + seed) % len(texts)],
                         kind=CardKind.PROBLEM if i % 4 else CardKind.NEED,
                         author_id=people[i % participants].id if people else None,
                         posted=posted))
    cats = []
    for j in range(categories):
        ids = [c.id for k, c in enumerate(made) if k % categories == j]
        cats.append(Category(title=TITLES[j % len(TITLES)] + ("" if j < len(TITLES) else f" {j}"),
                             card_ids=ids))
    return Session(
        group_name=f"Kelompok {rnd.choice(NAMES)} {seed}",
        location=Location(village=VILLAGES[seed % len(VILLAGES)], subdistrict="Darangdan",
                          regency="Purwakarta", province="Jawa Barat"),
        start_date=date(2025, 1, 1) + timedelta(days=seed % 365),
        guiding_question="Apa masalah usaha ibu-ibu?",
        current_step=Step.GROUP if categories else Step.STICK,
        participants=people, cards=made, categories=cats,
    )


@contextlib.contextmanager
def no_fsync() -> Iterator[None]:
    """Setting up test data only: skip fsync (then one ``os.sync``), or setup takes minutes.

    Never used around anything that is measured.
    """
    real = os.fsync
    os.fsync = lambda fd: None  # type: ignore[assignment]
    try:
        yield
    finally:
        os.fsync = real
        os.sync()


def variants(template: Any, n: int) -> Iterator[dict[str, Any]]:
    """``n`` JSON copies of ``template`` (a Session) as different workshops.

    Each gets its own id, group, village and date; entity ids repeat across sessions
    (they only need to be unique inside one). Pure dict work: validating 1,000 sessions
    through pydantic would make the set-up slower than the benchmarks.
    """
    import uuid

    base = template.model_dump(mode="json")
    for i in range(n):
        doc = json.loads(json.dumps(base))
        doc["id"] = str(uuid.UUID(int=random.Random(i).getrandbits(128), version=4))
        doc["group_name"] = f"Kelompok {NAMES[i % len(NAMES)]} {i}"
        doc["location"]["village"] = VILLAGES[i % len(VILLAGES)]
        doc["start_date"] = (date(2024, 1, 1) + timedelta(days=i % 700)).isoformat()
        doc["end_date"] = None
        doc["is_example"] = False
        yield doc


def write_store(data_dir: Path, docs: Iterator[dict[str, Any]] | Sequence[dict[str, Any]]) -> int:
    """Create a data folder holding ``docs`` (session JSON), as the store writes them.

    Files are written with the store's own encoder, then ``Store.open`` rebuilds and
    writes the index (the real code path for a folder without one). fsync is skipped
    (one ``os.sync`` at the end): this is set-up, never measured.

    Returns:
        The number of sessions the store lists.
    """
    import orjson

    from mpa_tui.store import Store
    from mpa_tui.store.layout import encode_session_document
    from mpa_tui.store.repository import SESSIONS_DIR, app_schema_version

    version = app_schema_version()
    folder = data_dir / SESSIONS_DIR
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(data_dir, 0o700)
    for doc in docs:
        raw = encode_session_document(orjson.dumps(doc), version)
        path = folder / f"{doc['id']}.json"
        path.write_bytes(raw)
        os.chmod(path, 0o600)
    with no_fsync(), Store.open(data_dir) as store:
        count = len(store.repo.list(include_trashed=True))
    return count


def tmpdir(name: str) -> Path:
    """A fresh folder for one benchmark (removed by ``cleanup``)."""
    return Path(tempfile.mkdtemp(prefix=f"mpa-bench-{name}-"))


def cleanup(path: Path) -> None:
    """Remove a benchmark folder."""
    shutil.rmtree(path, ignore_errors=True)


# -- child processes ----------------------------------------------------------------------
def compile_sources() -> None:
    """Byte-compile mpa_tui (set-up, never timed).

    Textual and every other installed package were byte-compiled by pip at install time;
    our editable sources are compiled on first import, or on every import where
    ``PYTHONDONTWRITEBYTECODE`` is set (as on the machines these run on). Without this,
    start-up figures would compare our compile time (~80 ms) against Textual's cached
    bytecode, which a user's second start never pays either.
    """
    import compileall

    for folder in (SRC / "mpa_tui", ROOT / "data"):
        compileall.compile_dir(str(folder), quiet=1)


def child_env() -> dict[str, str]:
    """Environment for child processes: no user data, no colour, no bytecode surprises."""
    env = dict(os.environ)
    env.pop("MPA_DATA_DIR", None)
    env.pop("MPA_LANG", None)
    env["NO_COLOR"] = "1"
    env["TERM"] = env.get("TERM") or "xterm-256color"
    return env


def timed_run(argv: list[str], *, env: dict[str, str] | None = None,
              cwd: Path | None = None, timeout: float = 180.0) -> tuple[float, float, str]:
    """Run a child to its end; (wall seconds spawn to exit, its CPU seconds, stdout)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, env=env or child_env(),
                          cwd=cwd, check=False, timeout=timeout)
    took = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:3]} exited {proc.returncode}: {proc.stderr[-800:]}")
    return took, cpu, proc.stdout


def main_for(run: Any) -> None:
    """``python bench/bench_x.py [--quick] [--json]``: run one module and print its rows."""
    quick = "--quick" in sys.argv
    rows = run(quick)
    if "--json" in sys.argv:
        print("@@RESULTS@@" + json.dumps([r.to_json() for r in rows]))
        return
    for r in rows:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        verdict = {True: "pass", False: "FAIL", None: "info"}[r.passed]
        print(f"{r.figure:<48} {fmt_value(r.value, r.unit):>10}  "
              f"{r.baseline_name:<28} {fmt_value(r.baseline, r.unit):>10} {ratio:>7} "
              f"{r.goal:<10} {verdict}  {r.note}")
