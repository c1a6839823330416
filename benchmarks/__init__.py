"""Benchmarks: `make bench` runs every `bench_*` module and prints one table.

Each module exposes `run(context) -> list[Figure]`. Figures are printed and written to
var/bench/results.md; they are never asserted on.
"""

from dataclasses import dataclass


@dataclass
class Figure:
    area: str
    measure: str
    value: str
    target: str = ""
