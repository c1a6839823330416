from django.apps import AppConfig


class ReformConfig(AppConfig):
    name = "reform"
    verbose_name = "改革批次"
