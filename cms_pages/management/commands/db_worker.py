"""`manage.py db_worker`: django-tasks-db's worker, which also sweeps (cms_pages.worker).

The same name, so that `make run`, the systemd unit in README and every script that starts a
worker get the sweep; cms_pages comes before django_tasks_db in INSTALLED_APPS, so this
command is the one Django runs."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from cms_pages.worker import SweepingWorker


class Command(db_worker.Command):
    help = "Run a database background worker that also sweeps dead and overdue work"

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay,
               reload, max_tasks, worker_id, **options):  # fmt: skip
        self.configure_logging(verbosity)
        reload = reload and not batch
        worker = SweepingWorker(
            queue_names=queue_name.split(","), interval=interval, batch=batch,
            backend_name=backend_name, startup_delay=startup_delay, max_tasks=max_tasks,
            worker_id=worker_id,
        )  # fmt: skip
        if not reload:
            worker.configure_signals()
            worker.run()
            return
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            worker.configure_signals()  # only the reloaded child runs the worker
        run_with_reloader(worker.run)
