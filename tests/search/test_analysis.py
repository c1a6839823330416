"""Chinese analysis and query parsing; the bigram analysis checked against the engine's own
`cjk` analyzer so both backends agree on terms."""

import pytest
from django.test import override_settings

from search.chinese import cjk_terms, pinyin_full, pinyin_initials, query_words
from search.client import get_client
from search.models import Synonym
from search.query import parse, required_terms
from search.wording import REPLACE

SAMPLES = [
    "个体工商户营业执照核发",
    "离休、退休提取住房公积金",
    "80周岁以上老年人高龄津贴申领",
    "食品经营许可（新办）",
    "Ｗｅｂ服务 the ABC 证",
    "11379981MB15340631-010105002000-0-01",
    "身份证 丢了",
]


@pytest.mark.opensearch
@pytest.mark.parametrize("text", SAMPLES)
def test_cjk_terms_match_the_engines_cjk_analyzer(opensearch_node, text):
    with override_settings(OPENSEARCH_URL=opensearch_node.url):
        tokens = get_client().indices.analyze(body={"analyzer": "cjk", "text": text})["tokens"]
    assert cjk_terms(text) == [t["token"] for t in tokens]


def test_cjk_terms_are_bigrams_with_lone_characters_kept():
    assert cjk_terms("营业执照") == ["营业", "业执", "执照"]
    assert cjk_terms("办 证") == ["办", "证"]
    assert cjk_terms("") == []


def test_pinyin_of_titles():
    assert pinyin_full("营业执照") == "yingyezhizhao"
    assert pinyin_initials("营业执照") == "yyzz"
    assert pinyin_full("食品经营许可（新办）") == "shipinjingyingxukexinban"
    assert pinyin_initials("80周岁以上老年人") == "80zsyslnr"


def test_query_words_keep_whole_words():
    assert query_words("我要办营业执照") == ["我要", "办", "营业执照"]


@pytest.mark.parametrize("count, required", [(1, 1), (2, 1), (3, 2), (4, 3), (8, 6)])
def test_three_in_four_terms_are_required_beyond_two(count, required):
    assert required_terms(count) == required


@pytest.mark.django_db
def test_filler_words_do_not_count():
    parsed = parse("我要办营业执照怎么办")
    assert parsed.terms == ("营业", "业执", "执照")
    assert parsed.words == ("营业执照",)
    assert parsed.required == 2
    lost = parse("身份证丢了")
    assert lost.terms == ("身份", "份证") and lost.words == ("身份证",)
    assert lost.act == REPLACE


@pytest.mark.django_db
def test_synonyms_expand_the_query_both_ways_when_marked():
    phrases = {e.phrase for e in parse("身份证丢了怎么补").expansions}
    assert {"居民身份证", "补领", "挂失"} <= phrases
    assert "退役" in {e.phrase for e in parse("退伍证").expansions}
    assert "退伍军人" in {e.phrase for e in parse("退役军人").expansions}  # 双向
    assert "开饭店" not in {e.phrase for e in parse("餐饮").expansions}  # 单向


@pytest.mark.django_db
def test_a_pinyin_query_that_spells_a_known_term_searches_for_that_term():
    parsed = parse("yyzz")
    assert parsed.letters == "yyzz"
    phrases = {e.phrase: e.boost for e in parsed.expansions}
    assert phrases["营业执照"] == 1.0
    assert "设立登记" in phrases  # and that term's synonyms
    assert parse("Ying Ye Zhi Zhao").letters == "yingyezhizhao"


@pytest.mark.django_db
def test_homophones_and_codes():
    assert parse("林木采发").homophone == "linmucaifa"
    assert parse("11379981MB15340631-010105002000-0-01").code == (
        "11379981mb15340631-010105002000-0-01"
    )
    assert parse("营业执照").code == ""


@pytest.mark.django_db
def test_base_dictionary_covers_common_colloquial_terms():
    assert Synonym.objects.count() >= 150
    for colloquial in ("开饭店", "身份证丢了", "退伍", "网吧", "砍树", "鞭炮", "开店", "生孩子"):
        assert Synonym.objects.filter(colloquial=colloquial).exists(), colloquial
    assert "林木采伐" in Synonym.objects.get(colloquial="砍树").official_terms


def test_base_vocabulary_ships_600_pairs_over_every_national_theme():
    from cms_pages.taxonomy import LEGAL_THEMES, NATURAL_THEMES
    from search.vocabulary_file import read

    entries = read()
    assert len({phrase for _theme, phrase, _terms in entries}) >= 600
    assert set(NATURAL_THEMES) | set(LEGAL_THEMES) <= {theme for theme, _p, _t in entries}


@pytest.mark.django_db
def test_the_base_vocabulary_is_loaded_with_the_seeded_synonyms():
    assert Synonym.objects.count() >= 600
    # 0002's rows keep their terms and gain the concept's other phrasings.
    assert {"养犬登记", "犬类准养证"} <= set(Synonym.objects.get(colloquial="狗证").official_terms)
    assert Synonym.objects.get(colloquial="退伍").two_way


@pytest.mark.django_db
def test_a_concept_reaches_every_official_phrasing():
    assert {"养犬登记", "犬类准养证", "养犬"} <= {e.phrase for e in parse("办狗证").expansions}
    assert {"补领", "遗失补发"} <= {e.phrase for e in parse("补办").expansions}
    assert {"补办", "补领"} <= {e.phrase for e in parse("遗失补发").expansions}
    assert {"娱乐场所", "歌舞娱乐场所"} <= {e.phrase for e in parse("开KTV").expansions}


@pytest.mark.django_db
def test_loading_the_vocabulary_again_only_adds(tmp_path):
    from search.vocabulary_file import load

    edited = Synonym.objects.get(colloquial="狗证")
    edited.official = "养犬登记 宠物登记"  # an editor dropped two phrasings and added one
    edited.save()
    created, extended = load(Synonym)
    assert created == 0 and extended == 1
    assert Synonym.objects.get(colloquial="狗证").official_terms[:2] == ["养犬登记", "宠物登记"]
    extra = tmp_path / "vocabulary.tsv"
    extra.write_text("# 试验\n概念\t其他\t无人驾驶航空器\t无人机 飞无人机\n", encoding="utf-8")
    assert load(Synonym, extra) == (2, 0)
    assert Synonym.objects.get(colloquial="飞无人机").note == "基础词库·其他"
