"""Spreadsheet sync of the synthetic catalogue: preview, first import, unchanged re-sync, and
a first import that publishes (`--publish`) into a fresh copy of the same database.

Each step is `manage.py sync_department` in its own process (wall time includes Django's
start-up); peak RSS is that process's maximum resident set size.
"""

import os
import shutil
import subprocess
import sys
import time

from . import Figure
from .context import ROOT, WORK


def run(context):
    catalogue = context.catalogue()
    database = WORK / f"import-{context.scale}.sqlite3"
    shutil.copyfile(_base_database(context), database)
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"],
                   env=context.env(database), check=True, cwd=ROOT)  # fmt: skip
    steps = [
        ("preview (dry run)", ["--dry-run"], "≤ 60 s"),
        ("first import (drafts)", [], "≤ 180 s"),
        ("re-sync, unchanged file", [], "≤ 30 s"),
    ]
    figures, peak = [], 0
    for label, flags, target in steps:
        seconds, rss = _sync(context, database, catalogue, flags)
        peak = max(peak, rss)
        figures.append(Figure("import", f"{label}, {context.scale:,} rows", f"{seconds:.1f} s",
                              target))  # fmt: skip
    database.unlink()
    shutil.copyfile(_base_database(context), database)
    seconds, rss = _sync(context, database, catalogue, ["--publish"])
    peak = max(peak, rss)
    figures.append(Figure("import", f"first import with --publish, {context.scale:,} rows",
                          f"{seconds:.1f} s", "≤ 180 s"))  # fmt: skip
    figures.append(Figure("import", "peak RSS of a sync", f"{peak / 1024:.0f} MB", "≤ 1.5 GB"))
    database.unlink()
    return figures


def _sync(context, database, catalogue, flags):
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "sync_department", str(catalogue), "-v0",
         *flags],
        env=context.env(database), cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"sync_department {' '.join(flags)} exited {process.returncode}")
    return time.perf_counter() - started, usage.ru_maxrss


def _base_database(context):
    """The demo site plus a department page for every implementing body of the catalogue."""
    return context.demo_database("import-base", "benchmarks.bench_import")


def create_departments(catalogue):
    """Department pages for the catalogue's bodies (run with Django settings in the env)."""
    import django

    django.setup()
    from cms_pages.models import DepartmentIndexPage, DepartmentPage
    from cms_pages.slugs import pinyin_slug
    from spreadsheets.reader import read_sheet

    index = DepartmentIndexPage.objects.get()
    existing = set(DepartmentPage.objects.values_list("title", flat=True))
    bodies = dict.fromkeys(row.values["实施主体"] for row in read_sheet(catalogue).rows)
    for number, body in enumerate(b for b in bodies if b not in existing):
        index.add_child(
            instance=DepartmentPage(title=body, slug=f"{pinyin_slug(body, 60)}-{number}")
        )


if __name__ == "__main__":
    create_departments(sys.argv[1])
