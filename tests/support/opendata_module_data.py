"""Rows that every test of a module reads, written once for the module: in a transaction of the
module's own, which each test's transaction (a savepoint in it) rolls back to, and which rolls
back in turn once the module's tests are done."""

import contextlib

from django.db import transaction


def every_test_asks_for(request, fixture_name):
    """Whether every test of `request`'s module asks for `fixture_name`: a test that does not
    would see the module's rows all the same."""
    items = [item for item in request.session.items if item.module is request.module]
    return all(fixture_name in item.fixturenames for item in items)


@contextlib.contextmanager
def module_transaction(django_db_blocker):
    """Every test of the module has the database, so it may stay open to the module throughout."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
