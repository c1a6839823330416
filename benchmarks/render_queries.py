"""Database queries per uncached matter page render: `python -m benchmarks.render_queries
<path>…` against the database of DJANGO_SETTINGS_MODULE / DATABASE_URL; prints the median."""

import statistics
import sys

import django


def main(paths):
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    for path in paths:  # as between two publishes: site-wide lookups and shared fragments kept
        client.get(path, {"uncached": "1"})
    counts = []
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, {"uncached": "1"})
        assert response.status_code == 200, (path, response.status_code)
        counts.append(len(queries))
    print(statistics.median(counts))


if __name__ == "__main__":
    main(sys.argv[1:])
