"""Updates the engine could not take are replayed by a background task, queued when the
delivery failed and again every minute while the engine still refuses, until none is left."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from search.backends import OpenSearchBackend
from search.models import OutboxEntry
from search.tasks import replay_search_outbox
from tests.support.pages import publish_matter
from tests.support.services import free_port
from tests.support.tasks import work_off_queue

pytestmark = [pytest.mark.django_db, pytest.mark.opensearch]


def replays():
    return DBTaskResult.objects.filter(task_path=replay_search_outbox.module_path)


def a_minute_passes():
    replays().filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))
    work_off_queue()


def test_a_replay_task_delivers_what_the_engine_refused(engine_settings, database_tasks, on_commit):
    engine = OpenSearchBackend()
    engine.rebuild()
    node = engine_settings.OPENSEARCH_URL
    engine_settings.OPENSEARCH_URL = f"http://127.0.0.1:{free_port()}"  # the engine is down
    with on_commit():
        publish_matter("林木采伐许可证核发")
    with on_commit():
        publish_matter("古树名木迁移审批")
    pending = OutboxEntry.objects.filter(delivered_at__isnull=True)
    assert pending.count() == 2
    waiting = replays().get(status="READY")  # one replay queued, however many publishes
    assert waiting.run_after > timezone.now() + timedelta(seconds=30)

    a_minute_passes()  # still down: the replay fails to deliver and queues the next one
    assert replays().get(pk=waiting.pk).return_value == {"delivered": 0, "pending": 2}
    assert replays().filter(status="READY").count() == 1 and pending.count() == 2

    engine_settings.OPENSEARCH_URL = node  # the engine is back
    a_minute_passes()
    assert not pending.exists() and not replays().filter(status="READY").exists()
    assert [r.return_value for r in replays().filter(status="SUCCESSFUL")
            .order_by("finished_at")][-1] == {"delivered": 2, "pending": 0}  # fmt: skip
    assert engine.search("林木采发").hits[0].title == "林木采伐许可证核发"
