from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ImportersConfig(AppConfig):
    name = "importers"
    verbose_name = gettext_lazy("表格导入")
