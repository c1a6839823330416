"""What the simulated citizens ask for, read from the loaded site: `python -m loadtest.paths
<out.json>` with the site's settings in the environment."""

import json
import random
import sys

import django

django.setup()

from benchmarks.relevance import judgements  # noqa: E402
from cms_pages.models import DepartmentPage, MatterPage, ThemePage  # noqa: E402

SAMPLE = 3000


def url(page):
    return page.get_url(None)


def main(out):
    rng = random.Random(12)
    matters = list(MatterPage.objects.live().public().specific(defer=True).order_by("pk"))
    sample = rng.sample(matters, min(SAMPLE, len(matters)))
    paths = {
        "matters": [url(m) for m in sample],
        "titles": [m.title for m in sample],
        "codes": [m.code for m in sample if m.code],
        "scans": [[m.code, m.live_revision_id] for m in sample if m.code],
        "themes": [url(p) for p in ThemePage.objects.live().public()],
        "departments": [url(p) for p in DepartmentPage.objects.live().public()],
        "queries": sorted({j.query for j in judgements()}),
        "live_matters": len(matters),
    }
    with open(out, "w", encoding="utf-8") as file:
        json.dump(paths, file, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
