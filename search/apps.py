from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "matter_search"
    verbose_name = "事项搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import indexing

        indexing.connect()
