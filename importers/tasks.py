"""Background work of the importers app (django-tasks; `manage.py db_worker` runs it)."""

from django_tasks import task

from .runs import run_in_task


@task()
def run_import(run_id):
    return run_in_task(run_id)
