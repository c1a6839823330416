"""gunicorn as production runs it: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`, the
load test, the benchmarks and the tests that start the site (tests/support/server.py).

Threaded workers: a request waiting on the search engine, PostgreSQL or Redis leaves its
process's other threads to answer, and a client that keeps its connection (a browser, nginx's
upstream keepalive in deploy/nginx) sends its next request on it. A sync worker answers one
request per connection and then, in the gunicorn installed here (27), waits for the client
to close its side before it takes the next one: under `make loadtest` four sync workers spent
a fifth of their time in that wait, and in back-to-back 60 s baselines on the same services
served 156 req/s where four threaded ones served 221.

Requests are parsed by gunicorn_h1c, gunicorn's C parser (a dependency in pyproject.toml), not
its Python one: parsing is a good part of what a cached page costs a worker.

Environment: WEB_BIND (127.0.0.1:8000), WEB_WORKERS (4: two per core), WEB_THREADS (4),
WEB_KEEPALIVE (seconds an idle connection is kept, 5).
"""

import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_WORKERS", "4"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
keepalive = int(os.environ.get("WEB_KEEPALIVE", "5"))
