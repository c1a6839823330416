"""Release of a 5,000-matter reform batch on the 12,000-matter catalogue, while a client keeps
requesting public pages from gunicorn on the same database.

SQLite allows one writer; in WAL mode readers keep reading the last committed state while
the release's single long transaction runs, so the site stays up. The database copy is put
in WAL mode here (the setting persists in the file; portal.settings.dev does the same).

`run(context)` drives it; the Django side runs in subprocesses of this module:
    python -m benchmarks.bench_release prepare <batch size>   → JSON: batch id, sample paths
    python -m benchmarks.bench_release release <batch id>     → JSON: seconds
"""

import json
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request

from benchmarks import Figure
from benchmarks.context import ROOT, WORK, percentile

BATCH_SIZE = 5000
CLIENTS = 2
# Each client asks for a page every half second: steady citizen traffic, not a load test
# (a saturating client would mostly measure two cores being shared).
INTERVAL = 0.5


def _python(context, database, *args):
    done = subprocess.run([sys.executable, *args], env=context.env(database), cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


class Traffic:
    """Paced GETs from a few threads until stopped; counts failures and latencies."""

    def __init__(self, base, paths):
        self.base, self.paths = base, paths
        self.stop = threading.Event()
        self.ok, self.failed, self.times = 0, [], []
        self.threads = [threading.Thread(target=self.loop, args=(n,)) for n in range(CLIENTS)]

    def loop(self, seed):
        chooser = random.Random(seed)
        while not self.stop.wait(INTERVAL):
            path = chooser.choice(self.paths)
            started = time.perf_counter()
            try:
                request = urllib.request.Request(self.base + path, headers={"Host": "localhost"})
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                self.ok += 1
                self.times.append((time.perf_counter() - started) * 1000)
            except Exception as error:  # noqa: BLE001 - any failure counts, whatever its kind
                self.failed.append(f"{path}: {error}")

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


def run(context):
    database = WORK / "release-bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(context.catalogue_database(), database)
    _python(context, database, "manage.py", "migrate", "-v0")
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
    size = min(BATCH_SIZE, context.scale * 5 // 12)
    started = time.perf_counter()
    prepared = json.loads(
        _python(context, database, "-m", "benchmarks.bench_release", "prepare", str(size))
    )
    prepare_seconds = time.perf_counter() - started
    with context.serve(database) as base, Traffic(base, prepared["paths"]) as traffic:
        time.sleep(3)
        served_before = traffic.ok
        released = json.loads(
            _python(context, database, "-m", "benchmarks.bench_release", "release",
                    str(prepared["batch"]))
        )  # fmt: skip
        during = traffic.ok - served_before
        time.sleep(2)
    for failure in traffic.failed[:5]:
        print("   failed:", failure, file=sys.stderr)
    area = "reform release"
    return [
        Figure(area, f"prepare {size} drafts + assemble batch (s)", f"{prepare_seconds:.0f}"),
        Figure(area, f"release {size}-matter batch, one transaction (s)",
               f"{released['seconds']:.1f}", "≤ 120"),
        Figure(area, "requests served during release", str(during)),
        Figure(area, "failed requests during release", str(len(traffic.failed)), "0"),
        Figure(area, f"page p95 during the run, {CLIENTS / INTERVAL:.0f} req/s (ms)",
               f"{percentile(traffic.times, 0.95):.0f}"),
    ]  # fmt: skip


def prepare(size):
    """Drafts for `size` matters (as a department import would leave them: fewer visits,
    shorter promised time), gathered into one batch."""
    from tqdm import tqdm

    from cms_pages.models import MatterPage
    from reform.assembly import join_batch
    from reform.models import BatchIndexPage, ReformBatchPage

    chosen = list(MatterPage.objects.live().order_by("-path")[:size])
    drafts = []
    for matter in tqdm(chosen, desc="草稿", unit="项", file=sys.stderr):
        matter.visits = min(matter.visits, 1)
        matter.promised_days = max(matter.promised_days - 1, 0)
        matter.change_summary = "第九批“最多跑一次”改革"
        drafts.append(matter.save_revision())
    index = BatchIndexPage.objects.get()
    batch = index.add_child(
        instance=ReformBatchPage(title="第九批“最多跑一次”事项清单（基准）", slug="bench-9",
                                 number=9, live=False)
    )  # fmt: skip
    join_batch(batch, drafts)
    sample = random.Random(9).sample(chosen, 40)
    paths = ["/", "/departments/", "/batches/", "/batches/lists/at-most-once/"]
    paths += [m.url for m in sample] + [f"/m/{m.code}/" for m in sample[:10]]
    return {"batch": batch.pk, "paths": paths}


def release(batch_id):
    from reform.models import ReformBatchPage

    revision = ReformBatchPage.objects.get(pk=batch_id).get_latest_revision()
    started = time.perf_counter()
    revision.publish()
    seconds = time.perf_counter() - started
    batch = ReformBatchPage.objects.get(pk=batch_id)
    assert batch.live and batch.active_release.matters.count() > 0
    return {"seconds": seconds}


if __name__ == "__main__":
    import django

    django.setup()
    command, argument = sys.argv[1], int(sys.argv[2])
    result = prepare(argument) if command == "prepare" else release(argument)
    print(json.dumps(result))
