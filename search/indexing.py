"""Only published, public content is searchable: documents change when pages are published,
unpublished, moved, deleted or made private, never when a draft is saved."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import outbox
from .documents import MEMBERSHIP_RELATIONS
from .models import SearchDocument


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


def connect():
    from cms_pages.models import MatterPage

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
