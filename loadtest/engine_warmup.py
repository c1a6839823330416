"""The search cluster as a day of traffic leaves it: `python -m loadtest.engine_warmup
<paths.json>` with the site's settings in the environment.

A node the load test has just started runs its query code in the JVM's interpreter until
the JIT has compiled it, and compiles the hottest paths again, better, only after many more
calls: on this catalogue a results search costs about 50 ms of engine CPU over the first few
hundred searches, about 10 ms after a few thousand and a few ms once the JIT is done. A
production node runs for weeks, so rounds of the load test's searches (its mix of popular
queries, title pieces and two-character suggestions, sent to the engine itself so that no
answer is kept by the site) run until the engine's own time for a search (its `took`) is no
longer clearly lower than in the round before. The round's wall time would not do: the
Python sending the searches bounds it long before the engine is done compiling.
"""

import json
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import django

django.setup()

from loadtest.queries import citizen_query  # noqa: E402
from search import timing  # noqa: E402
from search.backends import OpenSearchBackend  # noqa: E402
from search.query import parse  # noqa: E402

ROUND = 1000
MIN_ROUNDS, MAX_ROUNDS = 4, 20
# A round whose searches took the engine at least this much less time than the round before
# means the JIT is still at work.
STILL_WARMING = 0.9
CLIENTS = 2


def ask(text):
    backend = OpenSearchBackend()
    backend.search(parse(text))
    backend.suggest(text[:2])


def main(paths_file):
    paths = json.loads(open(paths_file, encoding="utf-8").read())
    rng = random.Random(7)
    took = []
    started = time.monotonic()
    with ThreadPoolExecutor(CLIENTS) as pool:
        while len(took) < MAX_ROUNDS:
            # Two clients add to one sum: a lost addition now and then does not move a mean
            # over a thousand searches.
            with timing.recording() as spans:
                list(pool.map(ask, (citizen_query(paths, rng) for _ in range(ROUND))))
            took.append(spans.get("took", 0.0) / ROUND)
            if len(took) >= MIN_ROUNDS and took[-1] > took[-2] * STILL_WARMING:
                break
    print(
        f"loadtest: {len(took) * ROUND:,} searches and suggestions sent to the engine in "
        f"{time.monotonic() - started:.0f} s; engine time per search by round "
        f"{' / '.join(f'{t:.1f}' for t in took)} ms (not measured)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main(sys.argv[1])
