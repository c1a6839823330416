"""Complaints: form submissions and status lookups per second on loopback (rate limit off),
and the public figures page cold and cached with 100,000 complaints and 100,000 ratings on the
full catalogue.

`python -m benchmarks.bench_complaints load <database>` fills a copy of the catalogue
database; `python -m benchmarks.bench_complaints figures <database>` measures the figures page
in a child process configured for it and prints JSON."""

import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

from benchmarks import Figure

AREA = "complaints"
COMPLAINTS = 100_000
RATINGS = 100_000
LOOKUP_SAMPLE = 500
CLIENTS = 4
SECONDS = 10


def secret_for(n):
    return f"BENCH{n:05d}"[-10:].replace("0", "A").replace("1", "B")


def run(context):
    source = context.catalogue_database()
    database = source.with_name(f"complaints-{context.scale}.sqlite3")
    if not database.exists():
        partial = database.with_suffix(".partial")
        shutil.copyfile(source, partial)
        subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_complaints", "load", str(partial)],
            env=context.env(partial),
            check=True,
        )
        partial.rename(database)
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_complaints", "figures", str(database)],
        env=context.env(database),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures = json.loads(out.splitlines()[-1])
    codes = figures.pop("codes")
    os.environ["COMPLAINTS_RATE_LIMIT"] = "0"
    try:
        with context.serve(database) as base:
            submit_rps, submit_errors = hammer(base, submit_once)
            lookup_rps, lookup_errors = hammer(base, lookup_once(codes))
    finally:
        os.environ.pop("COMPLAINTS_RATE_LIMIT", None)
    return [
        Figure(
            AREA,
            "cases / ratings in the database",
            f"{figures['cases']:,} / {figures['ratings']:,}",
        ),
        Figure(
            AREA, f"form submissions/s (gunicorn 2 workers, {CLIENTS} clients)", f"{submit_rps:.0f}"
        ),
        Figure(
            AREA,
            f"status lookups/s (right code and secret, {CLIENTS} clients)",
            f"{lookup_rps:.0f}",
        ),
        Figure(AREA, "failed submissions / lookups", f"{submit_errors} / {lookup_errors}", "0"),
        Figure(AREA, "figures page, cold (computed)", f"{figures['cold']:.0f} ms", "≤ 2 s"),
        Figure(
            AREA,
            "figures page, cached (p50 / p95)",
            f"{figures['cached_p50']:.1f} / {figures['cached_p95']:.1f} ms",
            "≤ 50 ms",
        ),
    ]


class Session:
    """One browser: a session cookie and a CSRF token, on a keep-alive connection."""

    def __init__(self, base, path):
        host, port = base.removeprefix("http://").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=30)
        self.cookies = {}
        page = self.request("GET", path)[1]
        self.token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def request(self, method, path, data=None):
        headers = {
            "Host": "localhost",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.token})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = "http://localhost/"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return response.status, content


def submit_once(base):
    session = Session(base, "/complaints/new/")
    data = {
        "category": "1",
        "matter": "",
        "place": "hall:1",
        "text": "窗口排队时间过长，希望增加窗口。",
        "contact_phone": "13800138000",
        "website": "",
    }

    def once():
        return session.request("POST", "/complaints/new/", data)[0] == 302

    return once


def lookup_once(codes):
    def factory(base):
        session = Session(base, "/complaints/status/")
        counter = iter(range(10**9))

        def once():
            code, secret = codes[next(counter) % len(codes)]
            status, content = session.request(
                "POST", "/complaints/status/", {"code": code, "secret": secret}
            )
            return status == 200 and b'data-testid="status"' in content

        return once

    return factory


def hammer(base, factory):
    """Requests per second from CLIENTS threads for SECONDS, and how many failed."""
    done, failed, lock = [0], [0], threading.Lock()
    stop = time.perf_counter() + SECONDS

    def client():
        once = factory(base)
        while time.perf_counter() < stop:
            ok = once()
            with lock:
                done[0] += 1
                failed[0] += not ok

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / (time.perf_counter() - started), failed[0]


def load():
    """100,000 complaints over the past year and 100,000 ratings, in bulk."""
    import random
    from datetime import timedelta

    import django

    django.setup()
    from django.utils import timezone

    from cms_pages.models import MatterPage
    from complaints import codes
    from complaints.calendar import WorkingCalendar
    from complaints.models import Case, Category, Rating

    rng = random.Random(7)
    calendar = WorkingCalendar.current()
    matters = list(MatterPage.objects.live().values_list("id", "department_id"))
    categories = list(Category.objects.all())
    now = timezone.now()
    statuses = [
        Case.SUBMITTED,
        Case.DISPATCHED,
        Case.HANDLING,
        Case.REPLIED,
        Case.CLOSED,
        Case.CLOSED,
        Case.CLOSED,
        Case.RATED,
    ]
    batch = []
    for n in range(COMPLAINTS):
        matter_id, department_id = rng.choice(matters)
        category = rng.choice(categories)
        submitted = now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 1440))
        due = calendar.add_working_days(timezone.localtime(submitted).date(), category.reply_days)
        status = rng.choice(statuses)
        answered = status in (Case.REPLIED, Case.CLOSED, Case.RATED)
        days = rng.randint(0, category.reply_days + 3) if answered else None
        batch.append(
            Case(
                kind=Case.COMPLAINT,
                code=f"TSB{n:07d}",
                secret_hash=codes.hash_secret(secret_for(n)),
                category=category,
                matter_id=matter_id,
                department_id=None if status == Case.SUBMITTED else department_id,
                text="基准测试投诉内容",
                contact_phone="13800138000",
                status=status,
                submitted_at=submitted,
                due_on=due,
                replied_at=submitted + timedelta(days=days) if answered else None,
                reply_working_days=days,
                answered_on_time=(days <= category.reply_days) if answered else None,
            )
        )
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    ratings = []
    for n in range(RATINGS):
        matter_id, department_id = rng.choice(matters)
        grade = rng.choices([5, 4, 3, 2, 1], weights=[60, 25, 8, 4, 3])[0]
        ratings.append(
            Rating(
                channel=rng.choice([Rating.ONLINE, Rating.IN_PERSON]),
                grade=grade,
                dimensions={"overall": grade},
                matter_id=matter_id,
                department_id=department_id,
                visitor=f"bench-{n}",
                day=(now - timedelta(days=rng.randint(0, 365))).date(),
            )
        )
        if len(ratings) == 5000:
            Rating.objects.bulk_create(ratings)
            ratings = []
    bad = Rating.objects.filter(grade__in=(1, 2)).values_list("id", "department_id", "day")
    Case.objects.bulk_create(
        [
            Case(
                kind=Case.RECTIFICATION,
                code=f"ZGB{rid:07d}",
                rating_id=rid,
                department_id=department_id,
                text="",
                status=rng.choice([Case.DISPATCHED, Case.CLOSED]),
                resolution=Case.RECTIFIED,
                due_on=calendar.add_working_days(day, 15),
                closed_at=now,
            )
            for rid, department_id, day in bad
        ],
        batch_size=5000,
    )


def figures():
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from complaints.models import Case, Rating

    client = Client(HTTP_HOST="localhost")

    def timed():
        started = time.perf_counter()
        response = client.get("/complaints/figures/")
        assert response.status_code == 200
        return (time.perf_counter() - started) * 1000

    client.get("/complaints/new/")  # warm up templates and the URL resolver
    cold = []
    for _ in range(3):
        cache.clear()  # the figures and the page (whatever its language and mode key)
        cold.append(timed())
    cached = sorted(timed() for _ in range(100))
    step = COMPLAINTS // LOOKUP_SAMPLE
    return {
        "cases": Case.objects.count(),
        "ratings": Rating.objects.count(),
        "cold": statistics.median(cold),
        "cached_p50": statistics.median(cached),
        "cached_p95": cached[94],
        "codes": [(f"TSB{n:07d}", secret_for(n)) for n in range(0, COMPLAINTS, step)],
    }


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load()
    else:
        print(json.dumps(figures()))
