from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ThemeConfig(AppConfig):
    name = "theme"
    label = "site_theme"
    verbose_name = gettext_lazy("站点外观")

    def ready(self):
        from cms_pages.page_cache import add_rendering_selector

        from .elder_mode import COOKIE, rendering

        # 长者模式 is a cookie: cached pages are kept once per mode.
        add_rendering_selector(COOKIE, rendering)
