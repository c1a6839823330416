"""The search cluster as a day of traffic leaves it: `python -m loadtest.engine_warmup
<paths.json>` with the site's settings in the environment.

A node the load test has just started runs its query code in the JVM's interpreter until
the JIT has compiled it, and compiles the hottest paths again, better, only after many more
calls: on this catalogue a results search costs about 50 ms of engine CPU over the first few
hundred searches, about 10 ms after a few thousand and a few ms once the JIT is done. A
production node runs for weeks, so rounds of the load test's searches (its mix of popular
queries, title pieces and two-character suggestions, sent to the engine itself so that no
answer is kept by the site) run until a round is no longer clearly faster than the one before.
"""

import json
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import django

django.setup()

from loadtest.queries import citizen_query  # noqa: E402
from search.backends import OpenSearchBackend  # noqa: E402
from search.query import parse  # noqa: E402

ROUND = 1000
MAX_ROUNDS = 20
# A round at least this much faster than the one before means the JIT is still at work.
STILL_WARMING = 0.9
CLIENTS = 2


def ask(text):
    backend = OpenSearchBackend()
    backend.search(parse(text))
    backend.suggest(text[:2])


def main(paths_file):
    paths = json.loads(open(paths_file, encoding="utf-8").read())
    rng = random.Random(7)
    rounds = []
    with ThreadPoolExecutor(CLIENTS) as pool:
        while len(rounds) < MAX_ROUNDS:
            started = time.monotonic()
            list(pool.map(ask, (citizen_query(paths, rng) for _ in range(ROUND))))
            rounds.append(time.monotonic() - started)
            if len(rounds) >= 3 and rounds[-1] > rounds[-2] * STILL_WARMING:
                break
    print(
        f"loadtest: {len(rounds) * ROUND:,} searches and suggestions sent to the engine, "
        f"{ROUND:,} a round, in {' / '.join(f'{r:.0f}' for r in rounds)} s (not measured)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main(sys.argv[1])
