"""The search cluster as a day of traffic leaves it: `python -m loadtest.engine_warmup
<paths.json>` with the site's settings in the environment.

A node the load test has just started runs its query code in the JVM's interpreter until
the JIT has compiled it: on this catalogue a results search costs about 50 ms of engine CPU
over the first few hundred searches and about 10 ms after a few thousand. A production node
runs for weeks, so the searches here (the load test's mix of popular queries, title pieces
and two-character suggestions, sent to the engine itself so that no answer is kept by the
site) bring it to that state before anything is measured.
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

SEARCHES = 4000
CLIENTS = 2


def ask(text):
    backend = OpenSearchBackend()
    backend.search(parse(text))
    backend.suggest(text[:2])


def main(paths_file):
    paths = json.loads(open(paths_file, encoding="utf-8").read())
    started = time.monotonic()
    with ThreadPoolExecutor(CLIENTS) as pool:
        rng = random.Random(7)
        list(pool.map(ask, (citizen_query(paths, rng) for _ in range(SEARCHES))))
    print(
        f"loadtest: {SEARCHES:,} searches and suggestions sent to the engine in "
        f"{time.monotonic() - started:.0f} s (not measured)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main(sys.argv[1])
