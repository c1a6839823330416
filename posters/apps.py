from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostersConfig(AppConfig):
    """QR posters for the hall walls, the scans they bring and the batch PDFs printed from them.

    A separate app because its data has its own lifecycle: scan counts accumulate per day and
    batch PDFs are cached files that expire whenever a member matter changes."""

    name = "posters"
    verbose_name = _("海报与扫码")

    def ready(self):
        from . import checks  # noqa: F401
