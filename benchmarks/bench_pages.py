"""Matter page serving on the full catalogue, against a bare Wagtail page and a static file on
the same server, in the same run: cached pages (the fast path), uncached renders (a query
string keeps the page cache out; the fragments many pages share stay kept between publishes,
as in production) and the database queries one uncached render makes."""

import sqlite3
import subprocess
import sys

from . import Figure
from .context import ROOT

BARE_PAGE = """
from wagtail.models import Page
from cms_pages.models import HomePage
home = HomePage.objects.get()
if not Page.objects.filter(slug="bare-page").exists():
    home.add_child(instance=Page(title="bare", slug="bare-page"))
"""


def matter_paths(database):
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT p.url_path FROM wagtailcore_page p "
            "JOIN cms_pages_matterpage m ON m.page_ptr_id = p.id WHERE p.live ORDER BY p.id"
        ).fetchall()
    return [row[0].removeprefix("/home") for row in rows]


STATIC_FILE = "/static/theme/css/site.css"
# Any query string keeps the page cache and the fast path out: every request renders the page,
# reading the chrome and department blocks kept for the current generation (cms_pages.fragments).
UNCACHED = "?uncached=1"


def queries_per_render(context, database, paths):
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.render_queries", *paths],
        env=context.env(database), check=True, cwd=ROOT, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return float(out.split()[-1])


def run(context):
    database = context.catalogue_database()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", BARE_PAGE],
        env=context.env(database), check=True, cwd=ROOT,
    )  # fmt: skip
    matters = matter_paths(database)
    sample = matters[:: max(1, len(matters) // 500)]
    with context.serve(database) as base:
        cold = context.latencies(base, sample, count=len(sample), shuffle=False)
        warm = context.latencies(base, sample, count=len(sample), shuffle=False)
        bare = context.latencies(base, ["/bare-page/"], count=300)
        matter_rps, matter_errors = context.throughput(base, sample)
        bare_rps, bare_errors = context.throughput(base, ["/bare-page/"])
        static_rps, static_errors = context.throughput(base, [STATIC_FILE])
        uncached_rps, uncached_errors = context.throughput(base, [p + UNCACHED for p in sample])
    queries = queries_per_render(context, database, sample[:50])
    ratio = matter_rps / bare_rps
    errors = matter_errors + bare_errors + static_errors + uncached_errors
    return [
        Figure("matter page", "matters in catalogue", f"{len(matters):,}"),
        Figure("matter page", "first render, empty page cache, p50 / p95 (ms)",
               f"{cold['p50']:.1f} / {cold['p95']:.1f}", "p95 ≤ 50"),
        Figure("matter page", "cached p50 / p95 (ms)",
               f"{warm['p50']:.1f} / {warm['p95']:.1f}", "p95 ≤ 50"),
        Figure("matter page", "bare Wagtail page p50 / p95 (ms)",
               f"{bare['p50']:.1f} / {bare['p95']:.1f}"),
        Figure("matter page", "req/s matter pages (gunicorn 2 workers, wrk 8 conns)",
               f"{matter_rps:.0f}"),
        Figure("matter page", "req/s bare Wagtail page, same server", f"{bare_rps:.0f}"),
        Figure("matter page", "throughput ratio matter / bare", f"{ratio:.2f}×", "≥ 0.7×"),
        Figure("matter page", "req/s static file (WhiteNoise), same server", f"{static_rps:.0f}"),
        Figure("matter page", "cached matter page / static file throughput",
               f"{matter_rps / static_rps:.0%}", "≥ 30%"),
        Figure("matter page", "req/s uncached matter pages (every request renders)",
               f"{uncached_rps:.0f}", "≥ 99 (1.3 × 76)"),
        Figure("matter page", "database queries per uncached render (median)", f"{queries:g}"),
        Figure("matter page", "failed requests", str(errors), "0"),
    ]  # fmt: skip
