from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ImportersConfig(AppConfig):
    name = "importers"
    verbose_name = gettext_lazy("表格导入")

    def ready(self):
        from . import tasks  # noqa: F401  (registers with cms_pages.background)
