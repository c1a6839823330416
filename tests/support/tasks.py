"""Background tasks as production runs them: queued in the database, taken by `db_worker`."""

from django.core.management import call_command

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work_off_queue(*options):
    """Run a worker until the queue is empty (or as `options` say), in this process."""
    call_command("db_worker", "--batch", "--no-startup-delay", *options, verbosity=0)
