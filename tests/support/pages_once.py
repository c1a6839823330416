"""Pages a whole module reads, built once for it instead of before each test.

`built_once(django_db_blocker)` opens a transaction that the module's tests run inside: each
test's own transaction becomes a savepoint in it, so a test's changes still roll back to what
was built, and at the module's end the build rolls back too, leaving the database as it was
(a module of tests/factories.py pages runs on the bare database, before the demo is loaded).

Only for modules whose tests all use the ordinary `db` transaction, not `transactional_db` or
a second connection (a server, a worker in another thread), which would not see the build.
"""

from contextlib import contextmanager

from django.db import transaction

from reform.models import BatchIndexPage, ReformBatchPage


@contextmanager
def built_once(django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def draft_batch(number=4):
    """A draft batch as the `new_batch` fixture (tests/conftest.py) makes it, for a build that
    outlives a test and so cannot use a test's fixture."""
    batch = BatchIndexPage.objects.get().add_child(
        instance=ReformBatchPage(slug=f"test-{number}", number=number, live=False,
                                 title=f"青山市第{number}批“最多跑一次”事项清单")
    )  # fmt: skip
    batch.save_revision()
    return ReformBatchPage.objects.get(pk=batch.pk)
