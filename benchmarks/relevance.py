"""Search relevance on the demo catalogue: the judgement file's queries through a backend,
scored by hit@1, hit@3 and mean reciprocal rank, per category.

A query counts as a hit at k when any of its expected titles (a matter or a 一件事) is among
the first k results. Used by benchmarks/bench_relevance.py (every query, both backends) and
by tests/search/test_relevance.py (a sample, as a regression check).

Run alone with Django settings in the environment:
`python -m benchmarks.relevance [--engine URL]` prints the figures as JSON.
"""

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

JUDGEMENTS = Path(__file__).resolve().parent / "data" / "search_judgements.tsv"
DEPTH = 10


@dataclass(frozen=True)
class Judgement:
    category: str
    query: str
    expected: frozenset


def judgements(path=JUDGEMENTS):
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, query, expected = line.split("\t")
        found.append(Judgement(category, query, frozenset(t.strip() for t in expected.split("|"))))
    return found


def sample(items, per_category):
    """An even spread of each category, the same every run."""
    by_category = defaultdict(list)
    for item in items:
        by_category[item.category].append(item)
    chosen = []
    for group in by_category.values():
        step = max(1, len(group) // per_category)
        chosen.extend(group[::step][:per_category])
    return chosen


def rank(backend, judgement):
    """1-based position of the first expected result, or None."""
    results = backend.search(judgement.query)
    for position, hit in enumerate(results.hits[:DEPTH], start=1):
        if hit.title in judgement.expected:
            return position
    return None


@dataclass
class Score:
    queries: int = 0
    hit1: int = 0
    hit3: int = 0
    reciprocal: float = 0.0

    def add(self, position):
        self.queries += 1
        self.hit1 += position == 1
        self.hit3 += position is not None and position <= 3
        self.reciprocal += 1 / position if position else 0.0

    def figures(self):
        n = max(1, self.queries)
        return {"queries": self.queries, "hit@1": self.hit1 / n, "hit@3": self.hit3 / n,
                "mrr": self.reciprocal / n}  # fmt: skip


def evaluate(backend, items):
    """({category: figures, "全部": figures}, [(judgement, rank) that missed the top 3])."""
    scores, misses = defaultdict(Score), []
    for judgement in items:
        position = rank(backend, judgement)
        scores[judgement.category].add(position)
        scores["全部"].add(position)
        if position is None or position > 3:
            misses.append((judgement, position))
    return {name: score.figures() for name, score in scores.items()}, misses


def main(argv):
    import django

    django.setup()
    from search.backends import DatabaseBackend, OpenSearchBackend

    backends = {"database": DatabaseBackend()}
    if "--engine" in argv:
        from django.conf import settings

        settings.OPENSEARCH_URL = argv[argv.index("--engine") + 1]
        backends["opensearch"] = OpenSearchBackend()
        backends["opensearch"].rebuild()
    report = {}
    for name, backend in backends.items():
        figures, misses = evaluate(backend, judgements())
        report[name] = {"figures": figures,
                        "misses": [[j.category, j.query, p] for j, p in misses]}  # fmt: skip
    json.dump(report, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
