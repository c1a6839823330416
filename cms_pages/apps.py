from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = gettext_lazy("事项公开")

    def ready(self):
        from . import checks, signals  # noqa: F401  (checks register themselves)

        signals.connect()
