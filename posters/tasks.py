"""Background work of the posters app (django-tasks; `manage.py db_worker` runs it)."""

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from cms_pages.background import describe, settled_by

from .batches import build, settle_task_run


@task()
def build_poster_batch(batch_id):
    build(batch_id)


settled_by(describe(build_poster_batch, _("海报批量生成")), settle_task_run)
