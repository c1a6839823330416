from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "opendata"
    verbose_name = "数据公开"

    def ready(self):
        from .statistics import register_builtin_sections

        register_builtin_sections()
