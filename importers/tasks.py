"""Background work of the importers app (django-tasks; `manage.py db_worker` runs it)."""

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from cms_pages.background import describe, settled_by

from .runs import run_in_task, settle_task_run


@task()
def run_import(run_id):
    return run_in_task(run_id)


settled_by(describe(run_import, _("表格导入")), settle_task_run)
