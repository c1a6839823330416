"""Index an import's pages once at the end instead of on every save.

Wagtail updates the reference index and (through modelsearch) the search index after each
save; for thousands of pages that dominates the import. Within `deferred_indexing()` both are
switched off for this thread only: new pages are indexed in bulk by `index_new_pages()`, and
published ones by the bulk publisher (reform.bulk_publish) that an import's --publish uses.
"""

import threading
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms_pages.models import MatterPage
from cms_pages.wagtail_internals import new_reference_rows

_local = threading.local()
_install_lock = threading.Lock()
_installed = False
# Whether matters are search-indexed on save at all (a project may index on publish instead).
_search_on_save = False


def _search_handler():
    try:
        from modelsearch.signal_handlers import post_save_signal_handler
    except ImportError:
        return None
    return post_save_signal_handler


def _guarded_search_update(sender, instance, **kwargs):
    if not getattr(_local, "deferred", False):
        _search_handler()(sender=sender, instance=instance, **kwargs)


def _install_guard():
    """Route modelsearch's save handler for matters through a per-thread switch (once)."""
    global _installed, _search_on_save
    with _install_lock:
        if _installed:
            return
        handler = _search_handler()
        if handler and post_save.disconnect(handler, sender=MatterPage):
            post_save.connect(_guarded_search_update, sender=MatterPage,
                              dispatch_uid="importers-guarded-search-update")  # fmt: skip
            _search_on_save = True
        _installed = True


@contextmanager
def deferred_indexing():
    _install_guard()
    _local.deferred = True
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        _local.deferred = False


def index_new_pages(pages):
    """Index pages just created (their children in memory): what Wagtail's save handlers
    would record, written with one bulk insert per index."""
    from modelsearch.backends import get_search_backends

    content_type = ContentType.objects.get_for_model(MatterPage)
    base_content_type = ContentType.objects.get_for_model(Page)
    ReferenceIndex.objects.bulk_create(
        [
            row
            for page in pages
            for row in new_reference_rows(page, content_type, base_content_type)
        ],
        ignore_conflicts=True,
    )
    if _search_on_save:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(MatterPage, pages)
