from functools import partial

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostersConfig(AppConfig):
    """QR posters for the hall walls, the scans they bring and the batch PDFs printed from them.

    A separate app because its data has its own lifecycle: scan counts accumulate per day and
    batch PDFs are cached files that expire whenever a member matter changes."""

    name = "posters"
    verbose_name = _("海报与扫码")

    def ready(self):
        from cms_pages import extensions
        from cms_pages.models import MatterPage

        from . import checks, tasks  # noqa: F401  (tasks register with cms_pages.background)
        from .views import matter_poster

        extensions.add_route(MatterPage, "poster.pdf/", partial(matter_poster, fmt="pdf"),
                             name="poster_pdf")  # fmt: skip
        extensions.add_route(MatterPage, "poster.png/", partial(matter_poster, fmt="png"),
                             name="poster_png")  # fmt: skip
        extensions.add_section(MatterPage, "notice", "posters/sections/outdated_notice.html")
