"""`make loadtest`: mixed citizen traffic (loadtest/locustfile.py) against gunicorn on the
synthetic catalogue with PostgreSQL, Redis and a 3-node OpenSearch cluster, one phase per
fault, then the search outbox drained and counted. Loopback only; prints one table (also
written to var/loadtest/results.md)."""

import argparse
import json
import random
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import psycopg

from benchmarks.context import percentile
from tests.support.redis import redis_server
from tests.support.services import free_port

from .services import (
    ROOT,
    WORK,
    Engine,
    Site,
    gunicorn,
    index_matches,
    load_catalogue,
    log,
    postgres,
    wait_for_workers,
    workers_of,
)

BUILD_DOWNLOADS = "from opendata.catalogue_files import build_catalogue_files as b; b()"


@dataclass
class Phase:
    name: str
    label: str
    fault: str = ""
    notes: list = field(default_factory=list)


PHASES = {
    "baseline": Phase("baseline", "无故障 baseline"),
    "engine": Phase("engine", "搜索引擎停止后重启 engine stopped + restarted",
                    "all 3 nodes stopped at 20%, started again at 50%"),
    "database": Phase("database", "杀掉一个数据库连接 DB connection killed",
                      "pg_terminate_backend of one web connection at 30%"),
    "worker": Phase("worker", "杀掉一个 gunicorn 进程 worker killed",
                    "SIGKILL to one of the workers at 30%"),
    "node": Phase("node", "停掉 3 个搜索节点之一 1 of 3 search nodes stopped",
                  "the node holding the primary stopped at 25%"),
}  # fmt: skip


class Run:
    def __init__(self, args, site, engine, server_url, master):
        self.args, self.site, self.engine, self.server_url = args, site, engine, server_url
        self.master = master
        self.paths_file = WORK / "paths.json"

    def at(self, fraction, action):
        """Run `action` `fraction` of the way into the phase, beside the load."""

        def later():
            time.sleep(self.args.duration * fraction)
            action()

        thread = threading.Thread(target=later)
        thread.start()
        return thread

    # ---- faults

    def engine_fault(self, phase):
        def stop_then_start():
            self.engine.stop()
            phase.notes.append(f"engine stopped at {time.monotonic() - self.started:.0f} s")
            time.sleep(self.args.duration * 0.3)
            started = time.monotonic()
            self.engine.start()
            phase.notes.append(f"engine healthy again {time.monotonic() - started:.0f} s after "
                               "its restart began")  # fmt: skip

        return self.at(0.2, stop_then_start)

    def database_fault(self, phase):
        def kill():
            with psycopg.connect(f"{self.server_url}/postgres", autocommit=True) as db:
                row = db.execute(
                    "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'onevisit-web' ORDER BY random() LIMIT 1"
                ).fetchone()
            phase.notes.append(f"killed backend {row[0]}" if row else "no web connection open")

        return self.at(0.3, kill)

    def worker_fault(self, phase):
        def kill():
            pid = random.choice(workers_of(self.master))
            subprocess.run(["kill", "-KILL", str(pid)], check=True)
            phase.notes.append(f"killed worker {pid}")

        return self.at(0.3, kill)

    def node_fault(self, phase):
        shards = json.loads(
            subprocess.run(
                ["curl", "-fsS", f"{self.engine.urls[0]}/_cat/shards/onevisit-matters*"
                 "?format=json&h=prirep,node"],
                check=True, capture_output=True, text=True,
            ).stdout
        )  # fmt: skip
        node = next(s["node"] for s in shards if s["prirep"] == "p")
        self.stopped_node = int(node.rsplit("-", 1)[1])

        def stop():
            self.engine.stop_node(self.stopped_node)
            phase.notes.append(f"stopped {node}")

        return self.at(0.25, stop)

    def recover(self, phase, more):
        if phase.name == "node":
            self.engine.start_node(self.stopped_node)
        if phase.name in ("worker",):
            wait_for_workers(self.master, self.args.workers)
        self.wait_green()
        if more and phase.name in ("engine", "node") and not self.args.cold:
            # Each fault is measured on its own: a restarted node's JIT is cold for minutes,
            # which would be charged to the phases after it.
            self.site.module("loadtest.engine_warmup", self.paths_file)

    def wait_green(self):
        subprocess.run(
            ["curl", "-fsS", "-o", "/dev/null", f"{self.engine.urls[0]}/_cluster/health"
             "?wait_for_status=green&timeout=180s"],
            check=False,
        )  # fmt: skip

    # ---- load

    def locust(self, record, seconds):
        record.unlink(missing_ok=True)
        env = {**self.site.env, "LOADTEST_PATHS": str(self.paths_file),
               "LOADTEST_RECORD": str(record), "LOADTEST_RATE": str(self.args.rate)}  # fmt: skip
        with open(WORK / "locust.log", "a") as out:
            subprocess.run(
                [sys.executable, "-m", "locust", "-f", str(ROOT / "loadtest" / "locustfile.py"),
                 "--headless", "-u", str(self.args.users), "-r", str(self.args.users),
                 "-t", f"{seconds}s", "-H", self.site.base, "--only-summary",
                 "--stop-timeout", "5", "--loglevel", "WARNING"],
                env=env, cwd=ROOT, stdout=out, stderr=out, check=False,
            )  # fmt: skip

    def phase(self, phase, more=False):
        log(f"phase {phase.name}: {self.args.duration} s at {self.args.users} users")
        record = WORK / f"phase-{phase.name}.tsv"
        self.started = time.monotonic()
        fault = getattr(self, f"{phase.name}_fault")(phase) if phase.name != "baseline" else None
        self.locust(record, self.args.duration)
        if fault:
            fault.join()
        self.recover(phase, more)
        return summarise(phase, record, self.args.duration)


def summarise(phase, record, duration):
    rows = [line.split("\t") for line in record.read_text().splitlines()]
    times = [float(r[3]) for r in rows]
    stats = {"phase": phase, "requests": len(rows), "rps": len(rows) / duration}
    for name, q in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
        stats[name] = percentile(times, q) if times else 0.0
    for group in ("search", "page"):
        mine = [r for r in rows if r[2] == group]
        stats[f"errors_{group}"] = sum(1 for r in mine if r[5] != "1")
        stats[f"5xx_{group}"] = sum(1 for r in mine if int(r[4]) >= 500)
    searches = [r for r in rows if r[2] == "search"]
    stats["searches"] = len(searches)
    stats["degraded"] = sum(1 for r in searches if r[6] == "1")
    stats["mean"] = statistics.fmean(times) if times else 0.0
    return stats


def outbox_counts(server_url, since):
    with psycopg.connect(f"{server_url}/onevisit") as db:
        return db.execute(
            "SELECT count(*), count(delivered_at) FROM matter_search_outboxentry "
            "WHERE created_at >= %s",
            (since,),
        ).fetchone()


def table(results, args, drained, machine):
    state = (
        "just started: empty page cache, engine not warmed up"
        if args.cold
        else "page cache warmed by one visit to every page and short link, the engine by "
        "rounds of searches until the engine's time per search stopped falling (again after a "
        "phase that restarts a node), then one phase length of the mix, not measured"
    )
    lines = [
        f"`make loadtest`: {args.users} users, {args.duration} s per phase, each user at most "
        f"{args.rate:g} req/s; gunicorn -w {args.workers}, PostgreSQL, Redis, 3-node OpenSearch; "
        f"{state}. {machine}",
        "",
        "| phase | req/s | p50 / p95 / p99 (ms) | requests | errors search / pages "
        "| 5xx search / pages | searches answered by the database |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in results:
        lines.append(
            f"| {s['phase'].label} | {s['rps']:.0f} | {s['p50']:.0f} / {s['p95']:.0f} / "
            f"{s['p99']:.0f} | {s['requests']:,} | {s['errors_search']} / {s['errors_page']} | "
            f"{s['5xx_search']} / {s['5xx_page']} | {s['degraded']} of {s['searches']:,} |"
        )
    lines += ["", *(f"- {s['phase'].name}: {'; '.join(s['phase'].notes)}"
                    for s in results if s["phase"].notes)]  # fmt: skip
    lines += ["", drained]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description="OneVisit load and fault test (loopback only)")
    parser.add_argument("--duration", type=int, default=60, help="seconds per phase")
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--rate", type=float, default=10, help="most requests/s per user")
    parser.add_argument("--scale", type=int, default=12000, help="catalogue size (matters)")
    parser.add_argument("--publish-every", type=float, default=10, help="editor's pace (s)")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="measure as just started: an empty page cache and an engine whose JIT has not "
        "compiled its query code (no visit to every page, no engine warm-up first)",
    )
    parser.add_argument("--phases", default=",".join(PHASES), help="comma-separated")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    phases = [PHASES[name] for name in args.phases.split(",")]

    engine = Engine()
    with postgres() as server_url, redis_server(WORK) as redis_url:
        log("starting the 3-node search cluster ...")
        engine.start()
        try:
            site = Site(server_url, redis_url, engine.url, f"http://127.0.0.1:{free_port()}")
            load_catalogue(site, server_url, args.scale)
            site.module("loadtest.paths", WORK / "paths.json")
            live = json.loads((WORK / "paths.json").read_text())["live_matters"]
            if not index_matches(site, live):
                log("indexing the catalogue on the cluster ...")
                site.manage("search_index", "rebuild", "--backend", "opensearch", "-v0")
            run_phases(args, site, engine, server_url, phases, live)
        finally:
            engine.stop()


def warm_page_cache(base, paths, workers):
    """One visit to every page and short link the citizens will ask for, as a day of traffic
    leaves the cache (an editor's republish retires only the matter's own pages). Without it
    the first phase measures 14,000 first renders: `--cold` does that."""
    pages = ["/", *paths["themes"], *paths["departments"]]
    for matter in paths["matters"]:
        pages += [matter, matter + "print/", matter + "flowchart.svg"]
    pages += [f"/m/{code}/" for code in paths["codes"]]
    log(f"visiting {len(pages):,} pages once so that the page cache holds them (not measured) ...")

    def visit(path):
        request = Request(base + path, headers={"Accept-Encoding": "gzip, deflate"})
        try:
            with urlopen(request, timeout=60) as response:
                response.read()
        except HTTPError as error:
            return f"{path}: {error.code}"
        return None

    with ThreadPoolExecutor(workers * 2) as pool:
        failed = [answer for answer in pool.map(visit, pages) if answer]
    if failed:
        log(f"{len(failed)} pages did not answer 200, e.g. {failed[:3]}")


def run_phases(args, site, engine, server_url, phases, live):
    # A task worker builds the catalogue downloads after a publish; none runs during the
    # load (the editor's publishes queue rebuilds), so they are built once here.
    site.manage("shell", "-c", BUILD_DOWNLOADS)
    with gunicorn(site, args.workers) as master:
        run = Run(args, site, engine, server_url, master)
        run.wait_green()
        log("warming up (not measured) ...")
        run.locust(WORK / "warmup.tsv", min(20, args.duration))
        if not args.cold:
            warm_page_cache(site.base, json.loads(run.paths_file.read_text()), args.workers)
            log("searching on the engine until its JIT has compiled the query code ...")
            site.module("loadtest.engine_warmup", run.paths_file)
        since = _now(server_url)
        count_file = WORK / "published"
        count_file.unlink(missing_ok=True)
        editor = subprocess.Popen(
            [sys.executable, "-m", "loadtest.editor", str(count_file), str(args.publish_every)],
            env=site.as_editor(), cwd=ROOT, stderr=open(WORK / "editor.log", "w"),
        )  # fmt: skip
        while not count_file.exists() and editor.poll() is None:
            time.sleep(0.2)
        try:
            if not args.cold:
                # The searches kept per process and in Redis, the workers' other per-process
                # facts and the JIT on the mix itself: the first phase starts where a site that
                # has been serving for a while is, as the later phases do.
                log(f"the mix at full load for {args.duration} s (not measured) ...")
                run.locust(WORK / "steady.tsv", args.duration)
            results = [run.phase(phase, more=number < len(phases) - 1)
                       for number, phase in enumerate(phases)]  # fmt: skip
        finally:
            editor.terminate()
            editor.wait(timeout=60)
    published = int(count_file.read_text())
    log("draining the search outbox ...")
    site.manage("search_index", "replay", "-v0")
    recorded, delivered = outbox_counts(server_url, since)
    indexed = index_matches(site, live)
    drained = (
        f"Search outbox after the run: {published} publishes by the editor during the load, "
        f"{recorded} outbox entries recorded, {delivered} delivered, {recorded - delivered} "
        f"pending; engine documents = {live:,} live matters: {'yes' if indexed else 'NO'}."
    )
    load = subprocess.run(["cat", "/proc/loadavg"], capture_output=True, text=True).stdout.split()
    machine = f"Load average before the table was printed: {load[0]} (other work on the machine)."
    report = table(results, args, drained, machine)
    (WORK / "results.md").write_text(report + "\n", encoding="utf-8")
    print(report)


def _now(server_url):
    with psycopg.connect(f"{server_url}/postgres") as db:
        return db.execute("SELECT now()").fetchone()[0]


if __name__ == "__main__":
    main()
