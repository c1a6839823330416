from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "matter_search"
    verbose_name = "事项搜索"
