from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import purge
from .page_cache import advance_generation, own_paths, republished_matter


def page_published_changed(instance, **kwargs):
    """A matter republished with its card unchanged changes only its own pages; anything
    else (a first publish, a new card, another page type) may change any page."""
    from .models.cards import card_unchanged

    paths = own_paths(instance) if card_unchanged(instance.pk) else None
    if paths:
        republished_matter(paths)
    else:
        advance_generation()


def follow_department(sender, instance, parent_page_after, **kwargs):
    """A moved matter belongs to its new department at once, before any republish."""
    from .models import MatterPage

    MatterPage.objects.filter(pk=instance.pk).update(department_id=parent_page_after.pk)


def theme_pages_of(page):
    """A matter is listed on the pages of its themes."""
    from .models import MatterPage, ThemePage

    if not isinstance(page, MatterPage):
        return []
    return ThemePage.objects.filter(theme__in=[theme.pk for theme in page.themes.all()])


def matters_of_snippet(instance, **kwargs):
    """A theme or care tag shows on its matters (and they list it): purge them, which purges
    the listings above them too."""
    from .models import ThemePage

    if not purge.enabled():
        return
    matters = getattr(instance, "_matters_before_delete", None)
    purge.pages_changed(instance.matters.all() if matters is None else matters)
    purge.pages_changed(ThemePage.objects.filter(theme_id=instance.pk))


def matters_before_delete(instance, **kwargs):
    """Deleting a theme or care tag takes its links to its matters with it, before post_delete
    could read them."""
    if purge.enabled():
        instance._matters_before_delete = list(instance.matters.all())


def connect():
    from .models import CareTag, CentreSettings, Hall, MainItem, ServiceWindow, Theme

    page_published.connect(page_published_changed, dispatch_uid="page-cache-published")
    for signal in (page_unpublished, post_page_move):
        signal.connect(advance_generation, dispatch_uid=f"page-cache-{signal}")
    post_page_move.connect(follow_department, dispatch_uid="matter-follows-department")
    # The caching proxy (deploy/nginx), when one is configured: see purge.py.
    page_published.connect(purge.page_changed, dispatch_uid="purge-published")
    page_unpublished.connect(purge.page_changed, dispatch_uid="purge-unpublished")
    post_page_move.connect(purge.page_moved, dispatch_uid="purge-moved")
    page_slug_changed.connect(purge.slug_changed, dispatch_uid="purge-slug-changed")
    purge.LISTINGS.append(theme_pages_of)
    for model in (Theme, CareTag):
        pre_delete.connect(matters_before_delete, sender=model, dispatch_uid=f"purge-pre-{model}")
        for signal in (post_save, post_delete):
            signal.connect(matters_of_snippet, sender=model, dispatch_uid=f"purge-{signal}-{model}")
    for model in (CentreSettings, Hall, ServiceWindow, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(purge.everything_changed, sender=model,
                           dispatch_uid=f"purge-all-{signal}-{model}")  # fmt: skip
    # Care tags name listing filters and counts; a main item names its variants' family.
    for model in (CentreSettings, Hall, ServiceWindow, Theme, CareTag, MainItem):
        post_save.connect(advance_generation, sender=model, dispatch_uid=f"page-cache-{model}")
        post_delete.connect(advance_generation, sender=model, dispatch_uid=f"page-cache-d-{model}")
    # A page made private (or public again) leaves (or rejoins) every public listing, and
    # every process forgets "no page is private" (page_cache.remembered).
    post_save.connect(advance_generation, sender=PageViewRestriction, dispatch_uid="page-cache-r")
    post_delete.connect(advance_generation, sender=PageViewRestriction,
                        dispatch_uid="page-cache-d-r")  # fmt: skip
