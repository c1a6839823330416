"""Background work of the posters app (django-tasks; `manage.py db_worker` runs it)."""

from django_tasks import task

from .batches import build


@task()
def build_poster_batch(batch_id):
    build(batch_id)
