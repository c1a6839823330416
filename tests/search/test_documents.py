"""The matter document and the index mapping, pinned without an engine."""

import pytest

from cms_pages.models import MatterPage
from search.backends.database import postings
from search.documents import MatterDocument, department_map, live_matters, matter_index, prepare
from search.models import SearchDocument, SearchPosting

pytestmark = pytest.mark.django_db


def prepared(title):
    return prepare(live_matters().get(title=title), department_map())


def test_mapping_analyses_chinese_with_cjk_and_keeps_keywords_exact():
    mapping = MatterDocument._doc_type.mapping.to_dict()["properties"]
    for name in ("title", "aliases", "result_name", "memberships", "themes", "department",
                 "materials", "conditions"):  # fmt: skip
        assert mapping[name] == {"type": "text", "analyzer": "cjk"} | (
            {"fields": {"raw": {"type": "keyword"}}} if name == "title" else {}
        ), name
    assert mapping["words"] == {"type": "text", "analyzer": "onevisit_words"}
    for name in ("pinyin", "initials", "service_objects", "matter_type", "level"):
        assert mapping[name] == {"type": "keyword"}, name
    assert mapping["code"] == {"type": "keyword", "normalizer": "onevisit_lowercase"}
    for name in ("visits", "online_depth", "promised_days", "department_id", "theme_ids"):
        assert mapping[name] == {"type": "integer"}, name
    for name in ("zero_visits", "at_most_once", "fully_online", "immediate"):
        assert mapping[name] == {"type": "boolean"}, name
    assert mapping["url"] == {"type": "keyword", "index": False}


def test_index_settings_define_the_custom_analysis():
    settings = matter_index("onevisit-matters-1").to_dict()["settings"]
    assert settings["number_of_shards"] == 1
    assert settings["analysis"]["analyzer"]["onevisit_words"] == {
        "type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"],
    }  # fmt: skip
    assert settings["analysis"]["normalizer"]["onevisit_lowercase"]["filter"] == ["lowercase"]


def test_prepared_document_of_a_demo_matter():
    doc = prepared("出生登记")
    matter = MatterPage.objects.get(title="出生登记")
    assert doc["page_id"] == matter.pk
    assert doc["url"] == matter.url == "/departments/gongan/chu-sheng-deng-ji/"
    assert doc["department"] == "青山市公安局"
    assert sorted(doc["themes"]) == ["户籍办理", "生育收养"]
    assert doc["memberships"] == ["新生儿出生一件事", "青山市第一批“最多跑一次”事项清单"]
    assert doc["service_objects"] == ["natural"]
    assert (doc["visits"], doc["online_depth"], doc["promised_days"]) == (0, 4, 0)
    flags = ("zero_visits", "at_most_once", "fully_online", "immediate")
    assert [doc[name] for name in flags] == [True, True, True, True]
    assert doc["labels"] == ["行政确认", "县级"]
    assert doc["materials"][0] == "出生医学证明"
    assert doc["pinyin"] == ["chushengdengji", "juminhukoubu"]
    assert doc["initials"] == ["csdj", "jmhkb"]
    words = doc["words"].split()
    assert {"出生", "医学", "证明", "户口簿", "居民身份证", "新生儿"} <= set(words)
    assert all(len(w) > 1 for w in words)
    assert doc["conditions"].startswith("1. 新生儿随父亲或者母亲一方在青山市申报常住户口")


def test_a_matter_for_both_audiences_is_filed_under_both():
    assert prepared("养犬登记")["service_objects"] == ["natural", "legal"]


def test_aliases_are_searchable_with_their_pinyin():
    matter = MatterPage.objects.get(title="养犬登记")
    matter.common_names = "狗证，办狗牌"
    matter.save_revision().publish()
    doc = prepared("养犬登记")
    assert doc["aliases"] == ["狗证", "办狗牌"]
    assert "gouzheng" in doc["pinyin"] and "bgp" in doc["initials"]
    stored = SearchDocument.objects.get(pk=matter.pk)
    assert stored.aliases == "狗证、办狗牌"
    assert "|bangoupai|" in stored.pinyin


def test_postings_weigh_each_term_by_its_best_field():
    weights = {(t, k): w for t, k, w in postings(prepared("出生登记"))}
    assert weights[("出生", SearchPosting.CJK)] == 10.0  # title beats the bundle title
    assert weights[("户口", SearchPosting.CJK)] == 6.0  # result name 居民户口簿
    assert weights[("公安", SearchPosting.CJK)] == 2.0  # department
    assert weights[("医学", SearchPosting.WORD)] == 1.0  # materials, as a jieba word
    assert ("医学", SearchPosting.CJK) not in weights


def test_database_documents_exist_for_exactly_the_live_matters():
    live = set(MatterPage.objects.live().values_list("pk", flat=True))
    assert set(SearchDocument.objects.values_list("pk", flat=True)) == live


def test_database_documents_carry_the_rule_flags_of_their_matter():
    flags = ("zero_visits", "at_most_once", "fully_online", "immediate")
    stored = {row[0]: row[1:] for row in SearchDocument.objects.values_list("pk", *flags)}
    expected = {
        m.pk: (m.visits == 0, m.visits <= 1, m.online_depth == 4, m.promised_days <= 1)
        for m in MatterPage.objects.live()
    }
    assert stored == expected
    assert set(stored.values()) > {(True, True, True, True)}
