"""The whole public catalogue as csv, xlsx and json, with the import template's columns.

Files are rebuilt after publishing, through a django-tasks task so a worker can take the work
off the request, and served from storage. A rebuild reads the whole catalogue (about a minute
at 12,000 matters), so publishes coalesce: one per transaction (a batch release of thousands
of matters), and none while a rebuild is already queued and not yet started, since that one
will read this publish too (an import of 1,000 rows, one publish each, queues one or two).
An xlsx or csv download imports back with zero changes. The csv and json files get a gzip
companion at build time, served to clients that accept gzip.
"""

import gzip
import json
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from cms_pages.background import describe, restart_when_dead, waiting
from importers.exports import write_csv, write_xlsx
from importers.resources import CHILD_ATTRIBUTES, MatterResource

from .matters import public_matters
from .models import CatalogueFile

FOLDER = "opendata"
CHUNK = 500
# xlsx is a zip already: gzip would not make it smaller.
GZIPPED = {"csv", "json"}


class PublishedMatterResource(MatterResource):
    """Matters exactly as the public sees them: the live page rows, never a pending draft."""

    def iter_queryset(self, queryset):
        queryset = queryset.order_by("path").prefetch_related(*CHILD_ATTRIBUTES)
        ids = list(queryset.values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            yield from queryset.filter(pk__in=ids[start : start + CHUNK])


def catalogue_rows():
    dataset = PublishedMatterResource().export(public_matters())
    return list(dataset.headers), [list(row) for row in dataset]


def catalogue_json(headers, rows, built_at):
    # i18n: data
    payload = {
        "title": "政务服务事项目录",
        "generated_at": built_at.isoformat(timespec="seconds"),
        "count": len(rows),
        "columns": headers,
        "matters": [dict(zip(headers, row, strict=True)) for row in rows],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def build_catalogue_files():
    """Write the three files and point CatalogueFile at them; returns {format: CatalogueFile}."""
    started = time.perf_counter()
    built_at = timezone.now()
    headers, rows = catalogue_rows()
    contents = {
        "csv": lambda: write_csv(headers, rows),
        "xlsx": lambda: write_xlsx(headers, rows),
        "json": lambda: catalogue_json(headers, rows, built_at),
    }
    result = {}
    for fmt, build in contents.items():
        content = build()
        name = default_storage.save(
            f"{FOLDER}/catalogue-{built_at:%Y%m%d%H%M%S}.{fmt}", ContentFile(content)
        )
        companion = ""
        if fmt in GZIPPED:
            companion = default_storage.save(f"{name}.gz", ContentFile(gzipped(content)))
        result[fmt], _created = CatalogueFile.objects.update_or_create(
            format=fmt,
            defaults={"file": name, "gzip_file": companion, "matters": len(rows),
                      "size": len(content), "built_at": built_at,
                      "seconds": time.perf_counter() - started},
        )  # fmt: skip
    remove_stale_files({n for f in result.values() for n in (f.file.name, f.gzip_file.name) if n})
    return result


def gzipped(content):
    """Compressed once here so no web worker compresses 20-35 MB per download. Public data with
    no secret in it, so no BREACH padding; no timestamp, so the same file compresses the same."""
    return gzip.compress(content, compresslevel=9, mtime=0)


def remove_stale_files(keep):
    """Earlier builds, including ones no database row points at any more."""
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    for name in names:
        path = f"{FOLDER}/{name}"
        if name.startswith("catalogue-") and path not in keep:
            default_storage.delete(path)


@task()
def rebuild_catalogue_files():
    built = build_catalogue_files()
    return {fmt: f.size for fmt, f in built.items()}


describe(rebuild_catalogue_files, _("事项目录下载文件重建"))
# About a minute at 12,000 matters on an idle machine; a rebuild writes whole new files.
restart_when_dead(rebuild_catalogue_files)


def _enqueue():
    if not waiting(rebuild_catalogue_files):
        rebuild_catalogue_files.enqueue()


def schedule_rebuild(**kwargs):
    """After the current transaction commits, once however many pages it published, unless a
    rebuild is waiting to start."""
    connection = transaction.get_connection()
    if any(callback is _enqueue for _sids, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue, robust=True)


def current_file(fmt):
    """The stored file, built now only if none was ever built (a fresh installation)."""
    found = CatalogueFile.objects.filter(format=fmt).first()
    if found is None or not default_storage.exists(found.file.name):
        found = build_catalogue_files()[fmt]
    return found
