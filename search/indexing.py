"""Only published, public content is searchable: documents change when pages are published,
unpublished, moved, deleted or made private, never when a draft is saved; and when a theme or
care tag that matters are filed under is renamed or deleted (their documents carry its name)."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import outbox
from .documents import MEMBERSHIP_RELATIONS
from .models import SearchDocument
from .tasks import reindex_matters


def affected_matters(page, moved=False):
    """Matters whose document depends on this page: itself; those beneath it when it is a
    department (its title is on them), was moved or changed slug (their URLs changed); and
    those it lists (a 一件事 bundle). Editing the home page touches none of them."""
    from cms_pages.models import DepartmentPage, MatterPage

    below = MatterPage.objects.filter(path__startswith=page.path)
    if issubclass(page.specific_class, MatterPage):
        ids = {page.pk}
    elif moved or issubclass(page.specific_class, DepartmentPage) or _urls_changed(below):
        ids = set(below.values_list("pk", flat=True))
    else:
        ids = set()
    for relation, member in MEMBERSHIP_RELATIONS:
        field = MatterPage._meta.get_field(relation)
        ids |= set(
            field.related_model.objects.filter(**{f"{member}_id": page.pk}).values_list(
                field.field.attname, flat=True
            )
        )
    return ids


def _urls_changed(matters):
    """Whether the indexed URL of one matter below differs from its URL now."""
    indexed = SearchDocument.objects.filter(pk__in=matters.values("pk")).first()
    return indexed is not None and indexed.url != indexed.page.specific.get_url()


def _page_changed(sender, instance, **kwargs):
    outbox.record(affected_matters(instance))


def _page_moved(sender, instance, **kwargs):
    outbox.record(affected_matters(instance, moved=True))


def _privacy_changed(sender, instance, **kwargs):
    """Only public matters are searchable: a restriction added or lifted on a page changes
    whether the matters beneath it are."""
    from cms_pages.models import MatterPage

    # By id: when the page itself is being deleted it may already be gone.
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path is not None:
        outbox.record(MatterPage.objects.filter(path__startswith=path).values_list("pk", flat=True))


def _before_delete(sender, instance, **kwargs):
    instance._search_affected = affected_matters(instance)


def _after_delete(sender, instance, **kwargs):
    outbox.record(getattr(instance, "_search_affected", {instance.pk}))


def _snippet_before_save(sender, instance, **kwargs):
    """A document carries only the name of a theme or care tag: a save that keeps the stored
    name (a new sort order) changes none."""
    if instance.pk is not None:
        stored = sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
        instance._indexed_name = stored


def _snippet_saved(sender, instance, created, **kwargs):
    if not created and instance._indexed_name != instance.name:
        _reindex_later(instance.matters.live().values_list("pk", flat=True))


def _snippet_before_delete(sender, instance, **kwargs):
    # The delete takes the snippet's links to its matters with it.
    instance._search_affected = list(instance.matters.live().values_list("pk", flat=True))


def _snippet_deleted(sender, instance, **kwargs):
    _reindex_later(instance._search_affected)


def _reindex_later(page_ids):
    """A theme may carry thousands of matters: a worker indexes them, not the editor's request.
    Queued in the editor's transaction, so the task exists if and only if the change does."""
    page_ids = sorted(page_ids)
    if page_ids:
        reindex_matters.enqueue(page_ids)


def connect():
    from cms_pages.models import CareTag, MatterPage, Theme

    page_published.connect(_page_changed, dispatch_uid="search-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="search-moved")
    for signal in (post_save, post_delete):
        signal.connect(_privacy_changed, sender=PageViewRestriction,
                       dispatch_uid=f"search-privacy-{signal}")  # fmt: skip
    deleted = {MatterPage} | {
        MatterPage._meta.get_field(relation).related_model._meta.get_field(member).related_model
        for relation, member in MEMBERSHIP_RELATIONS
    }
    for model in deleted:
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"search-pre-{model}")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"search-post-{model}")
    for model in (Theme, CareTag):
        pre_save.connect(_snippet_before_save, sender=model, dispatch_uid=f"search-pre-s-{model}")
        post_save.connect(_snippet_saved, sender=model, dispatch_uid=f"search-saved-{model}")
        pre_delete.connect(_snippet_before_delete, sender=model,
                           dispatch_uid=f"search-pre-d-{model}")  # fmt: skip
        post_delete.connect(_snippet_deleted, sender=model, dispatch_uid=f"search-d-{model}")
