"""The demo's released batches show what they saved: every chart of the reform in figures
has something to show on a fresh demo site."""

import pytest

from opendata.before_after import batch_changes

pytestmark = pytest.mark.django_db


def test_every_demo_batch_saves_visits_materials_and_days():
    changes = batch_changes()
    assert len(changes) == 3
    for batch, figures, count in changes:
        assert count > 0, batch.title
        for name in ("visits", "materials", "promised_days"):
            assert figures[name]["count"] == count, (batch.title, name)
            assert figures[name]["reduction"] > 0, (batch.title, name)
            assert figures[name]["before"] > figures[name]["after"], (batch.title, name)
