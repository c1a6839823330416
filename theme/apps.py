from django.apps import AppConfig


class ThemeConfig(AppConfig):
    name = "theme"
    label = "site_theme"
    verbose_name = "站点外观"
