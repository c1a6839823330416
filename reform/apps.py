from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ReformConfig(AppConfig):
    name = "reform"
    verbose_name = gettext_lazy("改革批次")

    def ready(self):
        from cms_pages import extensions, purge
        from cms_pages.models import HomePage, MatterPage

        from . import tasks  # noqa: F401  (registers with cms_pages.background)
        from .setup import ensure_batch_section

        extensions.add_subpage_type(HomePage, "reform.BatchIndexPage")
        extensions.add_centre_section(40, ensure_batch_section)
        extensions.add_section(MatterPage, "before_history", "reform/matter_batches.html")
        purge.LISTINGS.append(batch_listings)


def batch_listings(page):
    """The live reform lists and the batch archive count and list matters."""
    from cms_pages.models import MatterPage

    from .models import BatchIndexPage

    return BatchIndexPage.objects.live() if isinstance(page, MatterPage) else []
