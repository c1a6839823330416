import argparse
import importlib
import pkgutil
import sys
import time
import traceback
from pathlib import Path

import benchmarks

from .context import BenchContext

RESULTS = Path(__file__).resolve().parent.parent / "var" / "bench" / "results.md"


def main():
    parser = argparse.ArgumentParser(description="OneVisit benchmarks")
    parser.add_argument("only", nargs="*", help="module names, e.g. bench_pages")
    parser.add_argument("--scale", type=int, default=12000, help="catalogue size (matters)")
    args = parser.parse_args()
    names = sorted(
        m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_")
    )
    if args.only:
        names = [n for n in names if n in args.only]
    context = BenchContext(scale=args.scale)
    rows, failed = [], []
    for name in names:
        started = time.perf_counter()
        print(f"== {name}", file=sys.stderr, flush=True)
        # One broken benchmark must not cost the figures the others took many minutes to get.
        try:
            found = importlib.import_module(f"benchmarks.{name}").run(context)
        except Exception:
            traceback.print_exc()
            failed.append(name)
            continue
        rows.extend(found)
        _write(rows)
        print(_table(found), file=sys.stderr, flush=True)
        print(f"   {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    print(_table(rows))
    print(f"\n(written to {RESULTS})")
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


def _table(rows):
    table = ["| area | measure | value | target |", "| --- | --- | ---: | --- |"]
    table += [f"| {r.area} | {r.measure} | {r.value} | {r.target} |" for r in rows]
    return "\n".join(table)


def _write(rows):
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(_table(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
