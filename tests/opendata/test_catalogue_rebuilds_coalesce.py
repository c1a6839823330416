"""Many publishes in a row (an import of 1,000 rows, a batch release) rebuild the catalogue
downloads once, not once per publish: a publish queues no rebuild while one is waiting to
start, and exactly one more while one that started before it runs. The files then hold the
last publish."""

import contextlib
import json

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms_pages.models import MatterPage
from opendata.catalogue_files import rebuild_catalogue_files
from opendata.models import CatalogueFile
from tests.support.tasks import work_off_queue

pytestmark = pytest.mark.django_db


def rebuilds(status=None):
    found = DBTaskResult.objects.filter(task_path=rebuild_catalogue_files.module_path)
    return found.filter(status=status) if status else found


@contextlib.contextmanager
def committed():
    """As if the block were its own committed transaction inside the test's one: its on-commit
    work runs at the end and is gone afterwards (pytest-django's capture leaves it queued, so
    a later publish would take it for its own transaction's)."""
    connection = transaction.get_connection()
    start = len(connection.run_on_commit)
    yield
    callbacks = connection.run_on_commit[start:]
    del connection.run_on_commit[start:]
    for _sids, callback, _robust in callbacks:
        callback()


@pytest.fixture
def publish(small_catalogue):
    """Publish a new title of T-1, as its own transaction (an import commits row by row)."""

    def publish(title):
        with committed():
            matter = MatterPage.objects.get(pk=small_catalogue.matters["T-1"].pk)
            matter.title = title
            matter.save_revision().publish()

    return publish


def catalogue_titles():
    stored = CatalogueFile.objects.get(format="json")
    with default_storage.open(stored.file.name) as file:
        matters = json.load(file)["matters"]
    return {m["实施编码"]: m["事项名称"] for m in matters}


def work_off_rebuilds():
    """The worker's run over the rebuilds queued: the reference-index and search updates that
    each publish queued beside them (six a publish) are other tests' business."""
    DBTaskResult.objects.exclude(task_path=rebuild_catalogue_files.module_path).delete()
    work_off_queue()


def test_fifty_publishes_queue_one_rebuild_holding_the_last(database_tasks, publish):
    for number in range(1, 51):
        publish(f"测试事项T-1 第{number}版")
    assert rebuilds().count() == 1

    work_off_rebuilds()
    assert rebuilds("SUCCESSFUL").count() == 1
    assert catalogue_titles()["T-1"] == "测试事项T-1 第50版"


def test_a_publish_during_a_running_rebuild_queues_exactly_one_more(database_tasks, publish):
    publish("测试事项T-1 第1版")
    # A worker took it and is reading the catalogue: it may miss what is published now.
    rebuilds().update(status="RUNNING", started_at=timezone.now())
    for number in range(2, 21):
        publish(f"测试事项T-1 第{number}版")
    assert rebuilds().count() == 2 and rebuilds("READY").count() == 1

    work_off_rebuilds()
    assert catalogue_titles()["T-1"] == "测试事项T-1 第20版"
    publish("测试事项T-1 第21版")  # after the rebuild, the next publish queues one again
    assert rebuilds("READY").count() == 1
