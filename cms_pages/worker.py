"""The task worker, which also sweeps (`cms_pages.background.sweep`) every minute.

django-tasks has no periodic scheduler, and a release whose time has come, or whose worker
died, must start without anyone opening its page. The sweep runs in each worker process
rather than as a task that queues itself again (a chain that breaks for good when the worker
running it is killed — the very failure it is there to repair) or from cron (`make run` has
none, and a centre that forgets the crontab line never notices): wherever a worker runs, the
work it could do is swept. Sweeps on several workers at once are safe: each run is settled
by a conditional update, so one of them wins."""

import logging
import threading
import time

from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker

from .background import sweep

logger = logging.getLogger(__name__)

SWEEP_EVERY_SECONDS = 60


def sweep_safely():
    """One sweep; a failure (the database restarting) is logged and tried again next time."""
    try:
        sweep()
    except Exception:
        logger.exception("Could not sweep background work")


class SweepingWorker(Worker):
    def run(self):
        # At start: the worker systemd restarts after its predecessor died finds its runs.
        sweep_safely()
        if not self.batch:
            threading.Thread(target=self.sweep_periodically, name="sweep", daemon=True).start()
        super().run()

    def sweep_periodically(self):
        while self.running:
            time.sleep(SWEEP_EVERY_SECONDS)
            sweep_safely()
            # The sweep's own connection is not kept between sweeps: production counts one
            # connection per worker process (README).
            connections.close_all()
