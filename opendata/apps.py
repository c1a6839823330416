from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "opendata"
    verbose_name = "数据公开"

    def ready(self):
        from cms_pages import extensions
        from cms_pages.models import StatisticsPage

        from .statistics import register_builtin_sections

        register_builtin_sections()
        extensions.add_section(StatisticsPage, "body", "opendata/statistics_sections.html")
