"""Background work of the search app (django-tasks; `manage.py db_worker` runs it)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import default_task_backend, task

from cms_pages.background import describe, restart_when_dead, waiting

from . import outbox
from .client import breaker

# While the engine refuses updates, the outbox is offered to it again this often.
RETRY_AFTER = timedelta(minutes=1)


@task()
def replay_search_outbox():
    """Deliver what the engine could not take; while some is still pending, try again later."""
    breaker.reset()  # a minute has passed: ask the engine itself, not the last failure
    delivered, remaining = outbox.replay()
    if remaining:
        schedule_replay()
    return {"delivered": delivered, "pending": remaining}


describe(replay_search_outbox, _("补发搜索索引更新"))
# Delivering an entry twice writes the same document twice.
restart_when_dead(replay_search_outbox)


@task()
def reindex_matters(page_ids):
    """Matters whose document names a theme or care tag that was renamed or deleted
    (indexing.py), indexed as a publish indexes them: the database documents in one
    transaction with the outbox rows that take them to the engine."""
    with transaction.atomic():
        outbox.record(page_ids)
    return {"matters": len(page_ids)}


describe(reindex_matters, _("更新主题或特别关爱标签所属事项的搜索索引"))
# Indexing a matter again writes the document it has.
restart_when_dead(reindex_matters)


def schedule_replay():
    """One replay waiting at a time, RETRY_AFTER from now. A backend that cannot hold a task
    until later (the immediate one) leaves it to `manage.py search_index replay`."""
    if not default_task_backend.supports_defer or waiting(replay_search_outbox):
        return
    replay_search_outbox.using(run_after=timezone.now() + RETRY_AFTER).enqueue()
