from django.apps import AppConfig


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = "事项公开"

    def ready(self):
        from . import checks, signals  # noqa: F401  (checks register themselves)

        signals.connect()
