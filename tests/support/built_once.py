"""Rows a whole module (or class) reads, built once for it instead of before each test.

`built_once(django_db_blocker)` opens a transaction that the tests run inside: each test's own
transaction becomes a savepoint in it, so a test's changes still roll back to what was built,
and at the end the build rolls back too, leaving the database as it was (a module of
tests/factories.py pages runs on the bare database, before the demo is loaded).

Only for tests that all use the ordinary `db` transaction, not `transactional_db` or a second
connection (a server, a worker in another thread), which would not see the build.
"""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def built_once(django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def every_test_asks_for(request, fixture_name):
    """Whether every test of `request`'s module asks for `fixture_name`: a test that does not
    would see the module's rows all the same."""
    items = [item for item in request.session.items if item.module is request.module]
    return all(fixture_name in item.fixturenames for item in items)
