"""On a real engine: the outbox delivers every publish, and only a delivered change drops the
answers kept for citizens' queries."""

import pytest
from django.core.management import call_command

from cms_pages.models import MatterPage, Theme
from search import outbox, results_cache
from search.backends import OpenSearchBackend
from search.client import breaker
from search.models import OutboxEntry
from tests.search.answers import shown, titles
from tests.support.services import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.opensearch]


@pytest.fixture
def engine(engine_settings):
    """A fresh index of the demo catalogue, answers kept, engine searches counted."""
    backend = OpenSearchBackend()
    backend.rebuild()
    engine_settings.SEARCH_RESULTS_CACHE = True
    results_cache.clear()
    yield backend
    results_cache.clear()


@pytest.fixture
def engine_searches(monkeypatch):
    asked = []
    search = OpenSearchBackend._search

    def counted(self, *args, **kwargs):
        asked.append(args)
        return search(self, *args, **kwargs)

    monkeypatch.setattr(OpenSearchBackend, "_search", counted)
    return asked


def engine_down(engine_settings):
    """Points the site at a port nothing answers on; returns the engine's address."""
    node = engine_settings.OPENSEARCH_URL
    engine_settings.OPENSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    return node


def pending():
    return OutboxEntry.objects.filter(delivered_at__isnull=True)


def delivered():
    return OutboxEntry.objects.filter(delivered_at__isnull=False)


def republish(current_title, **changes):
    matter = MatterPage.objects.get(title=current_title)
    for name, value in changes.items():
        setattr(matter, name, value)
    matter.save_revision().publish()


def test_unchanged_republishes_are_delivered_and_keep_the_answers(
    engine, engine_searches, on_commit, site_client
):
    assert shown(site_client, "个体工商户")[0] == "个体工商户设立登记"
    assert titles("个体工商户")[0] == "个体工商户设立登记"
    assert len(engine_searches) == 1

    for title in ("个体工商户设立登记", "出生登记", "个体工商户设立登记"):
        with on_commit():
            republish(title)
    assert delivered().count() == 3 and not pending().exists()
    assert not delivered().filter(alters_answers=True).exists()
    assert shown(site_client, "个体工商户")[0] == "个体工商户设立登记"
    assert titles("个体工商户")[0] == "个体工商户设立登记"
    assert len(engine_searches) == 1  # kept: the engine was not asked again

    with on_commit():
        republish("个体工商户设立登记", title="个体工商户开业登记")
    assert delivered().count() == 4 and not pending().exists()
    assert shown(site_client, "个体工商户") == ["个体工商户开业登记"]
    assert titles("个体工商户")[0] == "个体工商户开业登记"
    assert engine.search("个体工商户").hits[0].title == "个体工商户开业登记"


def test_a_change_recorded_while_the_engine_is_down_shows_once_replayed(
    engine, engine_settings, on_commit
):
    node = engine_down(engine_settings)
    with on_commit():
        republish("个体工商户设立登记", title="个体工商户开业登记")
    with on_commit():
        republish("出生登记")
    assert [e.alters_answers for e in pending()] == [True, False]

    engine_settings.OPENSEARCH_URL = node
    breaker.reset()
    # The engine answers again but has not had the change: its answer is kept meanwhile.
    assert titles("个体工商户")[0] == "个体工商户设立登记"
    call_command("search_index", "replay", verbosity=0)
    assert delivered().count() == 2 and not pending().exists()
    assert titles("个体工商户")[0] == "个体工商户开业登记"


def test_a_theme_renamed_while_the_engine_is_down_is_found_once_replayed(
    engine, engine_settings, on_commit
):
    assert titles("法人注销")[0] == "税务注销（清税申报）"
    node = engine_down(engine_settings)
    theme = Theme.objects.get(audience="legal", name="法人注销")
    theme.name = "企业退出"
    with on_commit():
        theme.save()
    assert [e.alters_answers for e in pending()] == [True]

    engine_settings.OPENSEARCH_URL = node
    breaker.reset()
    assert titles("法人注销")[0] == "税务注销（清税申报）"  # the engine has not had it yet
    call_command("search_index", "replay", verbosity=0)
    assert titles("企业退出")[0] == "税务注销（清税申报）"
    assert "税务注销（清税申报）" not in titles("法人注销")


def test_delivering_a_matter_with_an_older_change_pending_shows_the_change(
    engine, engine_settings, on_commit
):
    node = engine_down(engine_settings)
    with on_commit():
        republish("个体工商户设立登记", title="个体工商户开业登记")
    with on_commit():
        republish("个体工商户开业登记")
    changed, unchanged = pending()
    assert changed.alters_answers and not unchanged.alters_answers

    engine_settings.OPENSEARCH_URL = node
    breaker.reset()
    assert titles("个体工商户")[0] == "个体工商户设立登记"
    # The later entry sends the matter as it is now, the change included.
    assert outbox.deliver([unchanged])
    assert titles("个体工商户")[0] == "个体工商户开业登记"
    assert list(pending()) == [changed]
