from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ThemeConfig(AppConfig):
    name = "theme"
    label = "site_theme"
    verbose_name = gettext_lazy("站点外观")
