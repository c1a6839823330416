"""An editor publishing during the load, so the search outbox has work whatever the engine's
state: `python -m loadtest.editor <count file> <seconds between publishes>`, stopped with
SIGTERM. The count file holds the number of publishes that committed; it appears once the
editor is ready, so that its start (Django, jieba's dictionary) is not measured: an editor's
server has been running for days."""

import random
import signal
import sys
import threading
import traceback

import django

django.setup()

from cms_pages.models import MatterPage  # noqa: E402
from search.chinese import index_words  # noqa: E402

stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())


def main(count_file, interval):
    ids = list(MatterPage.objects.live().values_list("pk", flat=True))
    rng = random.Random(3)
    index_words("营业执照")  # loads jieba's dictionary, as an editor's first publish would
    published = 0
    _write(count_file, published)
    while not stop.wait(interval):
        try:
            matter = MatterPage.objects.get(pk=rng.choice(ids))
            matter.save_revision().publish()
        except Exception:  # noqa: BLE001 - report and go on, as an editor would retry
            traceback.print_exc()
            continue
        published += 1
        _write(count_file, published)


def _write(count_file, published):
    with open(count_file, "w") as file:
        file.write(str(published))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
