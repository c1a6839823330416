"""Posters: one poster cold and cached, and a 500-poster batch PDF (time and size).

The measuring runs in a child process configured for the catalogue database:
`python -m benchmarks.bench_posters <database>` prints the figures as JSON."""

import json
import statistics
import subprocess
import sys
import time

from benchmarks import Figure

AREA = "posters"
BATCH = 500
SAMPLE = 20


def run(context):
    database = context.catalogue_database()
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_posters", str(database)],
        env=context.env(database), check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    figures = json.loads(out.splitlines()[-1])
    return [
        Figure(AREA, "first poster in a fresh process (PDF, A4)", f"{figures['first']:.0f} ms"),
        Figure(AREA, "one poster, cold: not cached (PDF, A4, p50)", f"{figures['cold']:.0f} ms",
               "≤ 200 ms"),
        Figure(AREA, "one poster, cached (PDF, A4, p50)", f"{figures['cached']:.1f} ms"),
        Figure(AREA, "PNG preview, cold (p50)", f"{figures['png']:.0f} ms"),
        Figure(AREA, f"{BATCH}-poster batch PDF: time", f"{figures['batch_seconds']:.1f} s",
               "≤ 60 s"),
        Figure(AREA, f"{BATCH}-poster batch PDF: size", f"{figures['batch_mb']:.1f} MB",
               "≤ 50 MB"),
    ]  # fmt: skip


def measure():
    import django

    django.setup()
    from django.test import Client

    from cms_pages.models import MatterPage
    from posters.content import posters_for
    from posters.fonts import configured_faces, reduced
    from posters.rendering import render_pdf

    for face in configured_faces().values():
        reduced(face)  # prepared once per installation, not per poster
    matters = list(MatterPage.objects.live().order_by("?")[: SAMPLE + 1])
    client = Client(HTTP_HOST="localhost")

    def timed(url):
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return (time.perf_counter() - started) * 1000

    first = timed(f"{matters[0].url}poster.pdf")
    cold = [timed(f"{matter.url}poster.pdf") for matter in matters[1:]]
    cached = [timed(f"{matter.url}poster.pdf") for matter in matters[1:]]
    png = [timed(f"{matter.url}poster.png") for matter in matters[1:]]

    started = time.perf_counter()
    posters = posters_for(MatterPage.objects.live().order_by("path")[:BATCH])
    data = render_pdf(posters, "A4")
    batch_seconds = time.perf_counter() - started
    assert len(posters) == BATCH
    return {
        "first": first,
        "cold": statistics.median(cold),
        "cached": statistics.median(cached),
        "png": statistics.median(png),
        "batch_seconds": batch_seconds,
        "batch_mb": len(data) / 1e6,
    }


if __name__ == "__main__":
    print(json.dumps(measure()))
