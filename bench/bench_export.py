"""4. Export and report.

  export   one full session (the shipped Mentari example: every step filled) to every
           format (md, html, docx, xlsx, csv, json + SHA256SUMS), written durably into a
           new folder. Timed in a FRESH process around ``export_session`` only, so the
           lazy imports of python-docx and xlsxwriter are counted (what the user waits for
           the first time); the warm figure (same process, again) is noted.
  report   ``mpa report`` (the console script, process start to exit) over a data folder
           holding 1,000 generated sessions: copies of the example (every step filled)
           as different groups, villages and dates. ``mpa report`` reads the store, so
           the sessions are written straight into it: the same sessions the importer
           makes from the same 1,000 bundles (``MPA_BENCH_BUNDLES=1`` generates the
           bundles and runs the real importer instead, which adds ~1 minute of set-up).

Goals: export <= 0.5 s; report <= 5 s.
"""

from __future__ import annotations

import os
from pathlib import Path

import _common as c

GOAL_EXPORT = 0.5
GOAL_REPORT = 5.0

CHILD = r"""
import sys, time
from pathlib import Path
from mpa_tui.data import load_example
session = load_example()
target = Path(sys.argv[1])
from mpa_tui.export.writer import export_session
times = []
cpu = []
for i in range(int(sys.argv[2])):
    (target / str(i)).mkdir()
    t0, c0 = time.perf_counter(), time.process_time()
    result = export_session(session, target / str(i))
    times.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
    assert len(result.files) == 8, result.files
print("@@EXPORT", " ".join(f"{x:.6f}" for x in times), cpu[0], result.size)
"""


def make_bundles(folder: Path, n: int) -> None:
    """Write ``n`` bundles (``.mpa.json``) made from the example, as different workshops.

    The bundle is built once by the real writer; the copies differ in the session part
    (id, group, village, date) and carry their own checksum.
    """
    import orjson

    from mpa_tui.data import load_example
    from mpa_tui.export.bundle import build_bundle, session_checksum

    folder.mkdir(parents=True)
    example = load_example()
    base = build_bundle(example, with_names=True)
    for i, doc in enumerate(c.variants(example, n)):
        bundle = dict(base, session=doc, sha256=session_checksum(doc))
        (folder / f"sesi_{i:04d}.mpa.json").write_bytes(
            orjson.dumps(bundle, option=orjson.OPT_INDENT_2) + b"\n")


def import_bundles(data_dir: Path, folder: Path) -> int:
    """Bring the bundles in with the real importer; returns how many the store lists."""
    from mpa_tui.export.importer import import_paths
    from mpa_tui.store import Store

    with c.no_fsync(), Store.open(data_dir) as store:
        store.repo.index_delay = 3600.0
        result = import_paths(store, [folder])
        if result.count("failed"):
            raise RuntimeError(f"import failed: {[i.error for i in result.failed][:3]}")
        return len(store.repo.list())


def run(quick: bool) -> list[c.Result]:
    """Measure; return the rows."""
    cold_runs, report_runs, n_bundles = (2, 1, 1000) if quick else (5, 2, 1000)
    bundles = os.environ.get("MPA_BENCH_BUNDLES") == "1"
    root = c.tmpdir("export")
    try:
        cold: list[float] = []
        cold_cpu: list[float] = []
        warm: list[float] = []
        size = 0
        for i in range(cold_runs):
            out_dir = root / f"cold{i}"
            out_dir.mkdir()
            _, _, out = c.timed_run([c.PY, "-c", CHILD, str(out_dir), "3"])
            line = next(x for x in out.splitlines() if x.startswith("@@EXPORT"))
            parts = line.split()
            cold.append(float(parts[1]))
            warm.extend(float(x) for x in parts[2:-2])
            cold_cpu.append(float(parts[-2]))
            size = int(parts[-1])
        if bundles:
            make_bundles(root / "bundles", n_bundles)
            listed = import_bundles(root / "data", root / "bundles")
        else:
            from mpa_tui.data import load_example

            listed = c.write_store(root / "data", c.variants(load_example(), n_bundles))
        if listed != n_bundles:
            raise RuntimeError(f"{listed} sessions imported, not {n_bundles}")
        mpa = str(c.VENV_BIN / "mpa")
        reports: list[float] = []
        reports_cpu: list[float] = []
        for i in range(report_runs):
            out_dir = root / f"report{i}"
            out_dir.mkdir()
            took, cpu, _ = c.timed_run([mpa, "report", "--data-dir", str(root / "data"),
                                        "--to", str(out_dir)])
            reports_cpu.append(cpu)
            if not any(out_dir.rglob("*")):
                raise RuntimeError("mpa report wrote nothing")
            reports.append(took)
    finally:
        c.cleanup(root)
    return [
        c.abs_goal("export one session, all formats (cold)", c.median(cold), GOAL_EXPORT,
                   note=f"CPU {c.fmt_value(c.median(cold_cpu), 's')}, "
                        f"warm {c.fmt_value(c.median(warm), 's')}, {size // 1024} KB, "
                        f"8 files, n={len(cold)}"),
        c.abs_goal("mpa report, 1,000 bundles", c.median(reports), GOAL_REPORT,
                   note=f"CPU {c.fmt_value(c.median(reports_cpu), 's')}, n={len(reports)}"),
    ]


if __name__ == "__main__":
    c.main_for(run)
