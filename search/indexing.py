"""Only published content is searchable: documents change when pages are published,
unpublished, moved or deleted, never when a draft is saved."""

from django.db.models.signals import post_delete, pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import outbox
from .documents import MEMBERSHIP_RELATIONS


def affected_matters(page):
    """Matters whose document depends on this page: itself or those beneath it (a department
    renamed or moved), and those it lists (a 一件事 bundle)."""
    from cms_pages.models import MatterPage

    ids = set(MatterPage.objects.filter(path__startswith=page.path).values_list("pk", flat=True))
    for relation, member in MEMBERSHIP_RELATIONS:
        field = MatterPage._meta.get_field(relation)
        ids |= set(
            field.related_model.objects.filter(**{f"{member}_id": page.pk}).values_list(
                field.field.attname, flat=True
            )
        )
    return ids


def _page_changed(sender, instance, **kwargs):
    outbox.record(affected_matters(instance))


def _before_delete(sender, instance, **kwargs):
    instance._search_affected = affected_matters(instance)


def _after_delete(sender, instance, **kwargs):
    outbox.record(getattr(instance, "_search_affected", {instance.pk}))


def connect():
    from cms_pages.models import MatterPage

    page_published.connect(_page_changed, dispatch_uid="search-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="search-moved")
    deleted = {MatterPage} | {
        MatterPage._meta.get_field(relation).related_model._meta.get_field(member).related_model
        for relation, member in MEMBERSHIP_RELATIONS
    }
    for model in deleted:
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"search-pre-{model}")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"search-post-{model}")
