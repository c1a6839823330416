"""数据公开 on the full catalogue: the statistics page cold (nothing cached) and cached, the
whole-catalogue downloads (time to build, size), and the open data API's list endpoint.

`python -m benchmarks.bench_statistics catalogue` builds the catalogue files once in a child
process configured for the benchmark database and prints JSON."""

import json
import random
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from benchmarks import Figure

AREA = "数据公开"
COLD_RUNS = 3
CACHED_REQUESTS = 100
API_PAGE = 20


def measure_catalogue():
    import django

    django.setup()
    from django.utils import timezone

    from importers.exports import write_csv, write_xlsx
    from opendata import catalogue_files
    from opendata.catalogue_files import catalogue_json, catalogue_rows

    started = time.perf_counter()
    headers, rows = catalogue_rows()
    export = time.perf_counter() - started
    result = {"matters": len(rows), "export_s": export}
    now = timezone.now()
    for fmt, build in (("xlsx", lambda: write_xlsx(headers, rows)),
                       ("csv", lambda: write_csv(headers, rows)),
                       ("json", lambda: catalogue_json(headers, rows, now))):  # fmt: skip
        started = time.perf_counter()
        content = build()
        result[f"{fmt}_s"] = export + time.perf_counter() - started
        result[f"{fmt}_bytes"] = len(content)
    started = time.perf_counter()
    catalogue_files.build_catalogue_files()
    result["all_s"] = time.perf_counter() - started
    print(json.dumps(result))


def cold_request(base, path, cache_dir):
    """One request with nothing cached: the figures are computed from the catalogue."""
    shutil.rmtree(cache_dir, ignore_errors=True)
    started = time.perf_counter()
    with urllib.request.urlopen(base + path, timeout=120) as response:
        response.read()
        assert response.status == 200
    return (time.perf_counter() - started) * 1000


def api_paths(total):
    """Pages of the list across the catalogue, unfiltered and with the common filters."""
    offsets = range(0, max(total - API_PAGE, 1), API_PAGE)
    filters = [{}, {"level": "县级"}, {"max_visits": 1}, {"online_depth": 4}, {"care": "老年人"}]
    rng = random.Random(3)
    return [
        "/api/v2/matters/?" + urlencode({"limit": API_PAGE, "offset": rng.choice(offsets),
                                         **rng.choice(filters)})
        for _ in range(300)
    ]  # fmt: skip


def run(context):
    database = context.catalogue_database()
    env = context.env(database)
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_statistics", "catalogue"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    files = json.loads(out.splitlines()[-1])
    cache_dir = Path(env["DJANGO_CACHE_DIR"])
    with context.serve(database) as base:
        cold = sorted(cold_request(base, "/statistics/", cache_dir) for _ in range(COLD_RUNS))
        cached = context.latencies(base, ["/statistics/"], count=CACHED_REQUESTS)
        paths = api_paths(files["matters"])
        api = context.latencies(base, paths, count=200)
        api_rps, api_errors = context.throughput(base, paths)
        sitemap_cold = cold_request(base, "/sitemap.xml", cache_dir)
    megabytes = {fmt: files[f"{fmt}_bytes"] / 1e6 for fmt in ("xlsx", "csv", "json")}
    return [
        Figure(AREA, "matters in catalogue", f"{files['matters']:,}"),
        Figure(AREA, "statistics page, cold (median of 3, ms)", f"{cold[1]:.0f}", "≤ 2000"),
        Figure(AREA, "statistics page, cached p50 / p95 (ms)",
               f"{cached['p50']:.1f} / {cached['p95']:.1f}", "≤ 50"),
        Figure(AREA, "catalogue xlsx: build time · size",
               f"{files['xlsx_s']:.1f} s · {megabytes['xlsx']:.1f} MB", "≤ 60 s"),
        Figure(AREA, "catalogue json: build time · size",
               f"{files['json_s']:.1f} s · {megabytes['json']:.1f} MB"),
        Figure(AREA, "catalogue csv: build time · size",
               f"{files['csv_s']:.1f} s · {megabytes['csv']:.1f} MB"),
        Figure(AREA, "rebuild after a publish (all three files)", f"{files['all_s']:.1f} s"),
        Figure(AREA, "API list (20 per page) p50 / p95 (ms), one client",
               f"{api['p50']:.1f} / {api['p95']:.1f}"),
        Figure(AREA, "API list req/s (gunicorn 2 workers, wrk 8 conns) · failed",
               f"{api_rps:.0f} · {api_errors}"),
        Figure(AREA, "sitemap.xml, cold (ms)", f"{sitemap_cold:.0f}"),
    ]  # fmt: skip


if __name__ == "__main__" and sys.argv[1:] == ["catalogue"]:
    measure_catalogue()
