"""``make bench``: run every benchmark, print one table, exit 1 if a goal is missed.

Each ``bench_*.py`` module runs in its own fresh process (no shared imports, caches or
memory between them) and reports its rows as JSON; baselines are measured inside each
module in the same run, interleaved with the subject. See docs/BENCHMARKS.md.

    python bench/run.py                 everything (about 4-5 minutes on 2 busy cores)
    python bench/run.py --quick         fewer repetitions (a smoke test, about 2 minutes)
    python bench/run.py --only save,typing
    python bench/run.py --markdown out.md   also write the table as Markdown
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common as c  # noqa: E402

MODULES = {
    "save": "bench_save.py",
    "startup": "bench_startup.py",
    "typing": "bench_typing.py",
    "export": "bench_export.py",
    "suggest": "bench_suggest.py",
    "memory": "bench_memory.py",
    "limits": "bench_limits.py",
    "report": "bench_report.py",
}
TIMEOUT = 600.0


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    fs = "?"
    try:
        out = subprocess.run(["df", "-T", os.environ.get("TMPDIR", "/tmp")],
                             capture_output=True, text=True, check=False).stdout.splitlines()
        fs = out[1].split()[1] if len(out) > 1 else "?"
    except OSError:
        pass
    return {
        "cpus": str(os.cpu_count()),
        "cpu": model,
        "memory": mem,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "tmp filesystem": fs,
    }


def run_module(name: str, quick: bool) -> tuple[list[c.Result], str]:
    """Run one benchmark module in a fresh process; (rows, error text or "")."""
    argv = [sys.executable, str(HERE / MODULES[name]), "--json"] + (["--quick"] if quick else [])
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT,
                              check=False, cwd=HERE.parent)
    except subprocess.TimeoutExpired:
        return [], f"timed out after {TIMEOUT:.0f} s"
    for line in proc.stdout.splitlines():
        if line.startswith("@@RESULTS@@"):
            rows = [c.Result(**r) for r in json.loads(line[len("@@RESULTS@@"):])]
            return rows, ""
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-6:]
    return [], f"exit {proc.returncode}: " + " | ".join(tail)


def table(rows: list[tuple[str, c.Result | str]]) -> list[list[str]]:
    """Rows of text: figure, value, baseline, ratio, goal, result, note."""
    out = [["figure", "value", "baseline (same run)", "ratio", "goal", "result", "note"]]
    for name, r in rows:
        if isinstance(r, str):
            out.append([f"{name}: did not run", "-", "-", "-", "-", "FAIL", r])
            continue
        base = f"{r.baseline_name} {c.fmt_value(r.baseline, r.unit)}" if r.baseline_name else "-"
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        verdict = {True: "pass", False: "FAIL", None: "info"}[r.passed]
        out.append([r.figure, c.fmt_value(r.value, r.unit), base, ratio, r.goal or "-",
                    verdict, r.note])
    return out


def render_text(cells: list[list[str]]) -> str:
    """A plain aligned table (the note column is left unpadded)."""
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]) - 1)]
    lines = []
    for k, row in enumerate(cells):
        lines.append("  ".join(x.ljust(w) for x, w in zip(row[:-1], widths, strict=True))
                     + "  " + row[-1])
        if k == 0:
            lines.append("  ".join("-" * w for w in widths) + "  ----")
    return "\n".join(x.rstrip() for x in lines)


def render_markdown(cells: list[list[str]]) -> str:
    """The same table in Markdown."""
    def esc(x: str) -> str:
        return x.replace("|", "\\|") or " "

    lines = ["| " + " | ".join(esc(x) for x in cells[0]) + " |",
             "|" + "---|" * len(cells[0])]
    lines += ["| " + " | ".join(esc(x) for x in row) + " |" for row in cells[1:]]
    return "\n".join(lines)


def main() -> int:
    """Run the chosen benchmarks; 0 when every goal is met, 1 otherwise."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (smoke test)")
    ap.add_argument("--only", default="", help=f"comma list of: {', '.join(MODULES)}")
    ap.add_argument("--markdown", type=Path, help="also write the table (Markdown) here")
    args = ap.parse_args()
    chosen = [m.strip() for m in args.only.split(",") if m.strip()] or list(MODULES)
    unknown = [m for m in chosen if m not in MODULES]
    if unknown:
        ap.error(f"unknown benchmark(s): {', '.join(unknown)}")

    info = machine()
    c.compile_sources()
    started = time.perf_counter()
    loads = [os.getloadavg()[0]]
    print("mpa-tui benchmarks" + (" (quick)" if args.quick else ""), flush=True)
    print("machine: " + "; ".join(f"{k} {v}" for k, v in info.items()), flush=True)
    rows: list[tuple[str, c.Result | str]] = []
    for name in chosen:
        t0 = time.perf_counter()
        print(f"  running {name} ...", end="", flush=True)
        results, error = run_module(name, args.quick)
        loads.append(os.getloadavg()[0])
        print(f" {time.perf_counter() - t0:.0f} s" + (f"  ERROR {error}" if error else ""),
              flush=True)
        rows.extend((name, r) for r in results)
        if error:
            rows.append((name, error))
    took = time.perf_counter() - started
    cells = table(rows)
    failed = [r for _, r in rows if isinstance(r, str) or r.passed is False]
    summary = (f"{sum(1 for _, r in rows if not isinstance(r, str) and r.passed)} goals met, "
               f"{len(failed)} missed; {took:.0f} s; load average (1 min) during the run: "
               f"min {min(loads):.1f}, max {max(loads):.1f} on {info['cpus']} CPUs")
    print()
    print(render_text(cells))
    print()
    print(summary)
    if args.markdown:
        head = "\n".join(f"- {k}: {v}" for k, v in info.items())
        args.markdown.write_text(f"{head}\n\n{render_markdown(cells)}\n\n{summary}\n",
                                 encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
