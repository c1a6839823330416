"""Citizens browsing the portal: locust users for `make loadtest` (loadtest/__main__.py runs
this headless, one locust run per phase).

Every request is written to LOADTEST_RECORD as one line: seconds since the start, request
name, search or page, milliseconds, status (0: no answer) and whether search answered from
the database because the engine could not. The runner computes the figures from these lines.
"""

import json
import os
import random
import time
import zlib
from urllib.parse import urlencode

from geventhttpclient.useragent import CompatResponse
from locust import FastHttpUser, constant_throughput, events, task

from loadtest.queries import citizen_query

PATHS = json.loads(open(os.environ["LOADTEST_PATHS"], encoding="utf-8").read())
RATE = float(os.environ.get("LOADTEST_RATE", "10"))
# Bytes: decoding every results page or suggestion list would cost the load generator, which
# shares the machine's two cores with the site, more CPU than the comparison.
DEGRADED_NOTICE = "搜索引擎暂时不可用".encode()
DEGRADED_SUGGESTIONS = b'"degraded": true'
SEARCH_NAMES = {"search", "suggest"}
EXPECTED = {"short link": 302, "poster scan": 302}


def _body_as_sent(response):
    # The load generator shares the two cores with the site, and unzipping every body it was
    # sent (the catalogue download is megabytes) took a third of its time. Each body is still
    # read whole inside the timed request; only the few checks below unzip what they read.
    return response._response.read()


CompatResponse._content = _body_as_sent

_record = open(os.environ["LOADTEST_RECORD"], "a", encoding="utf-8", buffering=1 << 16)
_started = time.monotonic()


@events.request.add_listener
def record(request_type, name, response_time, response_length, response, exception, **kw):
    status = getattr(response, "status_code", 0) or 0
    degraded = 0
    if name == "search" and status == 200:
        degraded = int(DEGRADED_NOTICE in text(response))
    elif name == "suggest" and status == 200:
        degraded = int(DEGRADED_SUGGESTIONS in text(response))
    group = "search" if name in SEARCH_NAMES else "page"
    ok = int(exception is None and status == EXPECTED.get(name, 200))
    _record.write(
        f"{time.monotonic() - _started:.3f}\t{name}\t{group}\t{response_time:.1f}\t{status}"
        f"\t{ok}\t{degraded}\n"
    )


def text(response):
    body = response.content or b""
    if response.headers.get("Content-Encoding") == "gzip":
        return zlib.decompress(body, 16 + zlib.MAX_WBITS)
    return body


@events.quitting.add_listener
def close_record(**kw):
    _record.flush()


def query():
    return citizen_query(PATHS, random)


class Citizen(FastHttpUser):
    wait_time = constant_throughput(RATE)

    def get(self, path, name, params=None):
        if params:
            path += "?" + urlencode(params)
        # Failures are judged by the recorder (a redirect is the answer, not followed).
        self.client.get(path, name=name, allow_redirects=False)

    @task(10)
    def home(self):
        self.get("/", "home")

    @task(8)
    def theme(self):
        self.get(random.choice(PATHS["themes"]), "theme")

    @task(8)
    def department(self):
        self.get(random.choice(PATHS["departments"]), "department")

    @task(28)
    def matter(self):
        self.get(random.choice(PATHS["matters"]), "matter")

    @task(4)
    def print_page(self):
        self.get(random.choice(PATHS["matters"]) + "print/", "print")

    @task(15)
    def search(self):
        params = {"q": query()}
        if random.random() < 0.2:
            params["page"] = random.choice((2, 3))
        self.get("/search/", "search", params=params)

    @task(10)
    def suggest(self):
        self.get("/search/suggest/", "suggest", params={"q": query()[:2]})

    @task(6)
    def short_link(self):
        self.get(f"/m/{random.choice(PATHS['codes'])}/", "short link")

    @task(5)
    def poster_scan(self):
        code, revision = random.choice(PATHS["scans"])
        self.get(f"/q/{code}/", "poster scan", params={"v": revision})

    @task(4)
    def flowchart(self):
        self.get(random.choice(PATHS["matters"]) + "flowchart.svg", "download")

    @task(1)
    def catalogue(self):
        self.get("/opendata/catalogue.csv", "download")
