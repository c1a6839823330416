from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import advance_generation


def follow_department(sender, instance, parent_page_after, **kwargs):
    """A moved matter belongs to its new department at once, before any republish."""
    from .models import MatterPage

    MatterPage.objects.filter(pk=instance.pk).update(department_id=parent_page_after.pk)


def connect():
    from .models import CentreSettings, Hall, ServiceWindow, Theme

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(advance_generation, dispatch_uid=f"page-cache-{signal}")
    post_page_move.connect(follow_department, dispatch_uid="matter-follows-department")
    # A page made private (or public again) leaves (or rejoins) every public listing.
    for model in (CentreSettings, Hall, ServiceWindow, Theme, PageViewRestriction):
        post_save.connect(advance_generation, sender=model, dispatch_uid=f"page-cache-{model}")
        post_delete.connect(advance_generation, sender=model, dispatch_uid=f"page-cache-d-{model}")
