from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = gettext_lazy("事项公开")

    def ready(self):
        from django_tasks.signals import task_started

        from . import checks, signals, sites  # noqa: F401  (checks register themselves)
        from .background import restart_dead_runs_before_task

        signals.connect()
        sites.connect()
        task_started.connect(restart_dead_runs_before_task, dispatch_uid="restart-dead-runs")
