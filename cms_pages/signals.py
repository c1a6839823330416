from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import advance_generation


def connect():
    from .models import CentreSettings, Hall, ServiceWindow, Theme

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(advance_generation, dispatch_uid=f"page-cache-{signal}")
    for model in (CentreSettings, Hall, ServiceWindow, Theme):
        post_save.connect(advance_generation, sender=model, dispatch_uid=f"page-cache-{model}")
        post_delete.connect(advance_generation, sender=model, dispatch_uid=f"page-cache-d-{model}")
