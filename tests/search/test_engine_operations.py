"""Running on a real engine: outages, the outbox, rebuilds and status."""

import re

import pytest
from django.core.management import CommandError, call_command

from cms_pages.models import MatterPage
from search.backends import OpenSearchBackend
from search.client import get_client
from search.models import OutboxEntry
from tests.support.pages import publish_matter
from tests.support.services import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.opensearch]


def pending():
    return OutboxEntry.objects.filter(delivered_at__isnull=True)


def titles(results):
    return [hit.title for hit in results.hits]


def page_text(response):
    """The page as a reader sees it: highlights split titles into several elements."""
    return re.sub(r"<[^>]+>", "", response.content.decode())


def test_engine_stopped_mid_test_then_outbox_replays_to_exact_counts(
    engine_settings, opensearch_node, on_commit, site_client
):
    engine = OpenSearchBackend()
    engine.rebuild()
    assert "出生登记" in titles(engine.search("出生登记"))

    opensearch_node.stop()
    try:
        page = page_text(site_client.get("/search/", {"q": "个体户"}))
        assert "搜索引擎暂时不可用" in page
        assert "个体工商户设立登记" in page

        with on_commit():
            publish_matter("林木采伐许可证核发")
            MatterPage.objects.get(title="出生登记").unpublish()
            dogs = MatterPage.objects.get(title="养犬登记")
            dogs.title = "养犬登记（含犬只免疫）"
            dogs.save_revision().publish()
        assert pending().count() == 3
        assert pending().filter(attempts=1).count() == 3

        page = page_text(site_client.get("/search/", {"q": "林木采发"}))
        assert "搜索引擎暂时不可用" in page and "林木采伐许可证核发" in page

        with pytest.raises(CommandError):
            call_command("search_index", "replay", verbosity=0)
        assert pending().count() == 3
    finally:
        opensearch_node.start()

    call_command("search_index", "replay", verbosity=0)
    assert not pending().exists()
    assert engine.count() == MatterPage.objects.live().count()
    assert titles(engine.search("林木采发"))[0] == "林木采伐许可证核发"
    assert "出生登记" not in titles(engine.search("出生登记"))
    assert titles(engine.search("养犬登记"))[0] == "养犬登记（含犬只免疫）"
    page = page_text(site_client.get("/search/", {"q": "林木采发"}))
    assert "搜索引擎暂时不可用" not in page and "林木采伐许可证核发" in page


def test_a_closed_port_answers_from_the_database(settings, site_client):
    settings.OPENSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    response = site_client.get("/search/", {"q": "生孩子"})
    page = page_text(response)
    assert response.status_code == 200
    assert "搜索引擎暂时不可用" in page and "生育登记" in page
    suggestions = site_client.get("/search/suggest/", {"q": "csdj"}).json()
    assert suggestions["degraded"] is True
    assert suggestions["suggestions"][0]["title"] == "出生登记"


def test_publishing_while_the_engine_is_up_leaves_nothing_pending(engine_settings, on_commit):
    OpenSearchBackend().rebuild()
    with on_commit():
        publish_matter("古树名木迁移审批")
    assert not pending().exists()
    assert OutboxEntry.objects.filter(delivered_at__isnull=False).count() == 1


def test_rebuild_swaps_in_a_new_versioned_index(engine_settings, capsys):
    engine = OpenSearchBackend()
    call_command("search_index", "rebuild", "--backend", "opensearch", verbosity=0)
    first = engine.current_index()
    assert first.startswith(engine_settings.OPENSEARCH_INDEX + "-")
    call_command("search_index", "rebuild", verbosity=0)
    second = engine.current_index()
    assert second != first
    indices = get_client().indices.get(index=f"{engine_settings.OPENSEARCH_INDEX}-*")
    assert list(indices) == [second]
    assert engine.count() == MatterPage.objects.live().count()
    call_command("search_index", "status")
    out = capsys.readouterr().out
    live = MatterPage.objects.live().count()
    assert f"已发布事项：{live}" in out and f"搜索引擎文档：{live}" in out
    assert f"数据库索引文档：{live}" in out and "待同步更新：0" in out
