"""The search contract: the same queries and the same expectations for every backend.

A test class mixes this in and provides two fixtures:
- `backend`: a backend over the demo catalogue, only read;
- `live_backend`: a backend that follows changes made in the test (publishing, moving,
  deleting), which the test makes inside `with on_commit():` so deliveries that wait for a
  commit happen as they would in production.
Expected titles come from the demo catalogue (demo_data/), counts from the database.
"""

import pytest
from django.utils import translation

from cms_pages.models import CareTag, DepartmentPage, MatterPage, Theme, ThemePage
from search import results_cache
from search.backends import Filters
from search.models import Synonym
from tests.support.pages import publish_matter

BUSINESS_LICENCE = {"个体工商户设立登记", "有限责任公司设立登记"}


def titles(results):
    """Titles of the matters found (一件事 bundles shown above them left out)."""
    return [hit.title for hit in results.hits if hit.kind == "matter"]


def bundles(results):
    return [hit.title for hit in results.hits if hit.kind == "bundle"]


def all_titles(backend, query, **filters):
    found, page = [], 1
    while True:
        results = backend.search(query, Filters(**filters), page=page)
        found += titles(results)
        if not results.has_next:
            return found
        page += 1


def english(page, title, summary=""):
    """An editor's English title (and summary) on a live page, as search reads it."""
    type(page).objects.filter(pk=page.pk).update(title_en=title, summary_en=summary)
    results_cache.advance()  # names are kept per generation


@pytest.mark.django_db
class SearchContract:
    # Documented difference, asserted below: the engine's BM25 scores a match in a shorter
    # field higher; the database backend scores a term by the best field it occurs in and
    # leaves length to break ties. Both rank the shorter title first.
    scores_favour_short_fields = None
    # ---- citizens' words

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("营业执照", BUSINESS_LICENCE),
            ("我要办营业执照怎么办", BUSINESS_LICENCE),
            ("个体户", {"个体工商户设立登记"}),
            ("开饭店", {"食品经营许可（新办）"}),
            ("生孩子", {"出生登记", "生育登记"}),
            ("身份证丢了", {"居民身份证换领"}),
            ("低保", {"最低生活保障审批"}),
            ("异地看病", {"异地就医备案"}),
        ],
    )
    def test_what_citizens_say_lands_on_the_matter(self, backend, query, expected):
        results = backend.search(query)
        assert results.hits, f"{query}: nothing found"
        assert titles(results)[0] in expected, (query, titles(results))
        assert not results.approximate

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("yyzz", BUSINESS_LICENCE),
            ("yingyezhizhao", BUSINESS_LICENCE),
            ("ying ye zhi zhao", BUSINESS_LICENCE),
            ("chushengdengji", {"出生登记"}),
            ("csdj", {"出生登记"}),
            ("getigongshanghu", {"个体工商户设立登记"}),
        ],
    )
    def test_full_pinyin_and_initials(self, backend, query, expected):
        results = backend.search(query)
        assert titles(results) and titles(results)[0] in expected, (query, titles(results))

    def test_a_fragment_finds_the_title_that_contains_it(self, backend):
        assert (
            titles(backend.search("丧葬补助金"))[0] == "企业职工基本养老保险丧葬补助金、抚恤金申领"
        )
        assert titles(backend.search("宅基地"))[0] == "农村村民宅基地审批"
        found = set(all_titles(backend, "公积金"))
        assert {"购买自住住房提取住房公积金", "离休、退休提取住房公积金",
                "单位住房公积金缴存登记"} <= found  # fmt: skip

    def test_materials_are_searched_when_no_name_matches(self, backend):
        results = backend.search("出生医学证明")
        needing = {"出生登记", "义务教育阶段小学一年级新生入学", "城乡居民基本医疗保险参保登记"}
        assert needing <= set(titles(results))
        for hit in results.hits:
            if hit.title in needing:
                assert hit.snippet_label in ("申请材料", "受理条件")
                assert "<mark>出生医学证明</mark>" in hit.snippet_html

    def test_the_snippet_shows_the_field_that_matched_most(self, backend):
        hit = backend.search("非因本人意愿中断就业").hits[0]
        assert (hit.title, hit.snippet_label) == ("失业保险金申领", "受理条件")
        assert "<mark>非因本人意愿中断就业</mark>" in hit.snippet_html

    def test_relevance_between_equally_good_matches(self, backend):
        scores, page = {}, 1
        while True:
            results = backend.search("登记", page=page)
            scores |= {hit.title: hit.score for hit in results.hits}
            if not results.has_next:
                break
            page += 1
        order = list(scores)
        short, long = "出生登记", "城乡居民基本医疗保险参保登记"
        assert order.index(short) < order.index(long)
        assert (scores[short] > scores[long]) is self.scores_favour_short_fields
        assert scores[short] >= scores[long]

    def test_a_theme_name_finds_the_matters_filed_under_it(self, backend):
        theme = Theme.objects.get(audience="natural", name="婚姻登记")
        expected = set(
            MatterPage.objects.live().filter(themes=theme).values_list("title", flat=True)
        )
        results = backend.search("婚姻登记")
        assert set(titles(results)[: len(expected)]) == expected

    def test_a_bundle_title_finds_its_member_matters(self, backend):
        found = set(all_titles(backend, "企业开办一件事"))
        assert {"有限责任公司设立登记", "发票领用", "单位住房公积金缴存登记"} <= found

    @pytest.mark.parametrize(
        "query, bundle",
        [
            ("企业开办一件事", "企业开办一件事"),
            ("企业开办", "企业开办一件事"),
            ("开饭店", "开办餐饮店一件事"),
            ("生孩子", "新生儿出生一件事"),
            ("宝宝出生要办什么", "新生儿出生一件事"),
            ("退休", "退休一件事"),
        ],
    )
    def test_a_bundle_named_by_its_life_event_comes_above_its_matters(self, backend, query,
                                                                      bundle):  # fmt: skip
        results = backend.search(query)
        assert results.hits[0].kind == "bundle" and results.hits[0].title == bundle, query
        assert bundles(results) == [bundle]

    def test_a_matter_name_does_not_bring_up_its_bundle(self, backend):
        for query in ("出生登记", "发票领用", "食品经营许可", "离休、退休提取住房公积金"):
            assert not bundles(backend.search(query)), query

    def test_a_released_reform_batch_title_finds_its_member_matters(self, backend):
        from reform.models import ReformBatchPage

        batch = ReformBatchPage.objects.live().order_by("number").first()
        members = set(batch.members.values_list("matter__title", flat=True))
        found = all_titles(backend, batch.title)
        assert set(found[: len(members)]) == members

    def test_the_implementation_code_finds_its_matter(self, backend):
        matter = MatterPage.objects.get(title="出生登记")
        assert titles(backend.search(matter.code))[0] == "出生登记"
        assert titles(backend.search(matter.code.lower()))[0] == "出生登记"

    def test_a_synonym_added_by_an_editor_works_on_the_next_search(self, backend):
        assert not backend.search("宠物芯片").hits
        Synonym.objects.create(colloquial="宠物芯片", official="养犬登记")
        assert titles(backend.search("宠物芯片"))[0] == "养犬登记"

    # ---- no dead ends

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("开食品店", "食品经营许可（新办）"),  # 开 + a word of the title + 店
            ("开个食品店要办什么手续", "食品经营许可（新办）"),
            ("办狗证", "养犬登记"),
            ("我想办个狗证", "养犬登记"),
            ("宅基地申请表格下载", "农村村民宅基地审批"),  # what they want to know is no subject
            ("社保卡办理需要带什么材料", "社会保障卡申领"),
        ],
    )
    def test_filler_verbs_and_shop_words_do_not_dilute_the_subject(self, backend, query, expected):
        results = backend.search(query)
        assert titles(results)[:1] == [expected], (query, titles(results))
        assert not results.approximate

    def test_when_nothing_fits_strictly_the_closest_matters_are_marked_approximate(self, backend):
        # Of four words only the homestead's are in a title: one word in common will do.
        results = backend.search("农村宅基地修猪圈图纸")
        assert results.approximate
        assert "农村村民宅基地审批" in titles(results)[:2]
        # Two unrelated subjects: either one is worth showing.
        both = backend.search("林木采发和宅基地")
        assert both.approximate and titles(both)[0] == "农村村民宅基地审批"

    def test_a_typo_in_one_word_of_several_still_finds_the_matter(self, backend):
        results = backend.search("养犬等级 犬只照片")
        assert results.approximate
        assert titles(results)[0] == "养犬登记"

    def test_zero_results_only_when_no_meaningful_word_is_shared(self, backend):
        # 备案 and 申请 are catalogue words: they rank, they never match on their own.
        for query in ("无人机飞行备案", "宠物芯片", "申请无人机"):
            results = backend.search(query)
            assert results.total == 0 and not results.hits, (query, titles(results))

    def test_a_latin_word_works_inside_a_longer_query(self, live_backend, on_commit):
        with on_commit():
            publish_matter("娱乐场所经营许可（新办）")
            publish_matter("营业性演出许可（新办）")
        for query in ("KTV", "开KTV", "办KTV许可", "我想开一家ktv"):
            results = live_backend.search(query)
            assert titles(results)[:1] == ["娱乐场所经营许可（新办）"], (query, titles(results))
            assert not results.approximate, query

    def test_a_synonym_reaches_every_official_phrasing_of_its_concept(self, live_backend,
                                                                       on_commit):  # fmt: skip
        with on_commit():
            publish_matter("犬类准养证核发")
            publish_matter("歌舞娱乐场所设立审批")
        found = titles(live_backend.search("办狗证"))
        assert set(found[:2]) == {"养犬登记", "犬类准养证核发"}, found
        for query in ("KTV", "开KTV", "办KTV许可"):
            assert titles(live_backend.search(query))[:1] == ["歌舞娱乐场所设立审批"], query

    # ---- query understanding

    def test_a_variant_family_ranks_by_what_the_query_asks(self, live_backend, on_commit):
        family = {
            act: f"烟草专卖零售许可证{act}" for act in ("补办", "变更", "歇业", "延续", "新办")
        }
        with on_commit():
            for title in family.values():
                publish_matter(title)
        asks = {
            "办烟草证": "新办", "申请烟草专卖零售许可证": "新办", "卖烟": "新办",
            "烟草证丢了": "补办", "烟草证补办": "补办", "补领烟草证": "补办",
            "烟草证注销": "歇业", "烟草店不干了": "歇业", "烟草证到期": "延续",
            "烟草证变更": "变更",
        }  # fmt: skip
        for query, act in asks.items():
            found = titles(live_backend.search(query))
            assert found[:1] == [family[act]], (query, found)
            assert set(family.values()) <= set(found[:6]), (query, found)

    def test_a_query_naming_a_document_puts_matters_issuing_it_first(self, live_backend,
                                                                      on_commit):  # fmt: skip
        with on_commit():
            publish_matter("机动车驾驶人考试预约", result_name="考试预约结果")
        assert titles(live_backend.search("驾驶证"))[0] == "机动车驾驶证补领"
        assert titles(live_backend.search("驾驶人考试"))[0] == "机动车驾驶人考试预约"

    def test_strict_matches_are_not_marked_approximate(self, backend):
        assert not backend.search("个体户").approximate
        assert not backend.search("出生医学证明").approximate  # found in the materials

    # ---- facets, filters, sorting, paging

    def test_browsing_a_theme_counts_facets_from_the_catalogue(self, backend):
        theme = Theme.objects.get(audience="natural", name="社会保障")
        live = MatterPage.objects.live().filter(themes=theme)
        results = backend.search("", Filters(theme=theme.pk))
        assert results.total == live.count()
        visits = {o.value: o.count for o in results.facet("visits").options}
        assert visits.get("0", 0) == live.filter(visits=0).count()
        assert visits.get("1", 0) == live.filter(visits__lte=1).count()
        online = {o.value: o.count for o in results.facet("online").options}
        assert online.get("1", 0) == live.filter(online_depth=4).count()
        departments = results.facet("department").options
        assert sum(o.count for o in departments) == results.total
        selected_theme = [o for o in results.facet("theme").options if o.selected]
        assert [(o.value, o.count) for o in selected_theme] == [(str(theme.pk), results.total)]

    def test_picking_a_facet_narrows_to_its_count(self, backend):
        results = backend.search("登记")
        for facet_name in ("department", "type", "object"):
            option = results.facet(facet_name).options[0]
            value = int(option.value) if facet_name == "department" else option.value
            narrowed = backend.search("登记", Filters(**{facet_name: value}))
            assert narrowed.total == option.count, facet_name

    def test_level_and_care_facets_browse_the_catalogue(self, backend):
        live = MatterPage.objects.live()
        town = backend.search("", Filters(level="乡镇级"))
        assert town.total == live.filter(level="乡镇级").count() > 0
        elderly = backend.search("", Filters(care="老年人"))
        assert elderly.total == live.filter(care_tags__name="老年人").count() > 0
        assert {o.value: o.count for o in elderly.facet("care").options}["老年人"] == elderly.total
        levels = {o.value: o.count for o in elderly.facet("level").options}
        assert sum(levels.values()) == elderly.total

    def test_service_object_filter_keeps_matters_for_that_object(self, backend):
        found = all_titles(backend, "登记", object="legal")
        assert found
        live = MatterPage.objects.live().filter(title__in=found)
        assert all(m.service_object in ("legal", "both") for m in live)
        assert not live.filter(service_object="natural").exists()

    def test_sort_by_promised_days(self, backend):
        results = backend.search("登记", sort="days")
        days = [hit.promised_days for hit in results.hits]
        assert days == sorted(days) and len(days) > 2

    def test_pages_do_not_overlap_and_add_up(self, backend):
        first = backend.search("登记")
        assert first.total > 10, "the demo catalogue should give more than one page"
        second = backend.search("登记", page=2)
        assert not set(titles(first)) & set(titles(second))
        assert len(second.hits) == min(10, first.total - 10)
        assert second.total == first.total

    # ---- autocomplete

    def test_suggest_by_characters_pinyin_and_initials(self, backend):
        assert backend.suggest("出生")[0]["title"] == "出生登记"
        assert backend.suggest("geti")[0]["title"] == "个体工商户设立登记"
        assert backend.suggest("csdj")[0]["title"] == "出生登记"
        first = backend.suggest("chu")[0]
        assert first["title"] == "出生登记" and first["url"].startswith("/departments/")
        assert backend.suggest("不存在的事项名称") == []

    # ---- readers of the English interface

    def test_english_readers_see_english_titles_summaries_and_names(self, backend):
        birth = MatterPage.objects.get(title="出生登记")
        english(birth, "Birth registration", "Register a newborn child's birth.")
        english(birth.department, "Public Security Bureau")
        english(ThemePage.objects.get(theme__in=birth.themes.all()[:1]), "Having a baby")
        with translation.override("en"):
            results = backend.search("出生登记")
            suggestion = backend.suggest("出生")[0]
        hit = results.hits[0]
        assert (hit.title, hit.title_html) == ("Birth registration", "Birth registration")
        assert hit.summary == "Register a newborn child's birth."
        assert hit.department == "Public Security Bureau" and hit.matter_type == "行政确认"
        assert suggestion == {**suggestion, "title": "Birth registration",
                              "department": "Public Security Bureau"}  # fmt: skip
        labels = [str(o.label) for f in results.facets for o in f.options]
        assert "Public Security Bureau" in labels and "Administrative confirmation" in labels
        assert any(label.startswith("Having a baby（") for label in labels)
        # Chinese readers: what is indexed, unchanged.
        results = backend.search("出生登记")
        assert results.hits[0].title == "出生登记" and not results.hits[0].summary
        assert backend.suggest("出生")[0]["title"] == "出生登记"
        assert "行政确认" in [o.label for o in results.facet("type").options]

    def test_english_titles_stay_out_of_results_without_one(self, backend):
        with translation.override("en"):
            hit = backend.search("出生登记").hits[0]
        assert hit.title == "出生登记" and "<mark>" in hit.title_html and not hit.summary

    # ---- only published content, kept in step with the page tree

    def test_highlights_are_marked_and_titles_stay_text(self, live_backend, on_commit):
        with on_commit():
            publish_matter("<script>alert(1)</script>古树名木迁移审批")
        hit = live_backend.search("古树名木").hits[0]
        assert "<mark>" in hit.title_html
        assert "&lt;script&gt;" in hit.title_html
        assert "<script>" not in hit.title_html

    def test_a_typo_or_homophone_still_finds_the_matter(self, live_backend, on_commit):
        with on_commit():
            publish_matter("林木采伐许可证核发", matter_type="行政许可")
        assert titles(live_backend.search("林木采发"))[0] == "林木采伐许可证核发"
        assert titles(live_backend.search("砍树"))[0] == "林木采伐许可证核发"
        assert titles(live_backend.search("linmucaifa"))[0] == "林木采伐许可证核发"

    def test_unpublished_matters_and_drafts_never_appear(self, live_backend, on_commit):
        birth = MatterPage.objects.get(title="出生登记")
        registration = MatterPage.objects.get(title="生育登记")
        with on_commit():
            birth.unpublish()
            registration.title = "生育登记草稿标题"
            registration.save_revision()
        assert "出生登记" not in all_titles(live_backend, "出生登记")
        assert live_backend.search("草稿标题").total == 0
        assert "生育登记" in titles(live_backend.search("生育登记"))

    def test_a_moved_matter_is_reindexed(self, live_backend, on_commit):
        matter = MatterPage.objects.get(title="发票领用")
        police = DepartmentPage.objects.get(slug="gongan")
        with on_commit():
            matter.move(police, pos="last-child")
        hit = live_backend.search("发票领用").hits[0]
        assert (hit.title, hit.department) == ("发票领用", "青山市公安局")
        assert hit.url.startswith("/departments/gongan/")
        narrowed = live_backend.search("发票领用", Filters(department=police.pk))
        assert titles(narrowed) == ["发票领用"]

    def test_a_renamed_department_is_shown_on_its_matters(self, live_backend, on_commit):
        department = DepartmentPage.objects.get(slug="shuiwu")
        department.title = "青山市税务局（新）"
        with on_commit():
            department.save_revision().publish()
        hit = live_backend.search("发票领用").hits[0]
        assert hit.department == "青山市税务局（新）"

    def test_a_renamed_theme_finds_its_matters_by_the_new_name_only(self, live_backend,
                                                                      on_commit):  # fmt: skip
        # Nothing of 税务注销 but its theme says 法人注销, nothing at all 企业退出.
        theme = Theme.objects.get(audience="legal", name="法人注销")
        assert titles(live_backend.search("法人注销"))[:1] == ["税务注销（清税申报）"]
        assert "税务注销（清税申报）" not in titles(live_backend.search("企业退出"))
        theme.name = "企业退出"
        with on_commit():
            theme.save()
        assert titles(live_backend.search("企业退出"))[:1] == ["税务注销（清税申报）"]
        assert "税务注销（清税申报）" not in titles(live_backend.search("法人注销"))

    def test_a_deleted_care_tag_no_longer_finds_its_matters(self, live_backend, on_commit):
        elderly = Filters(care="老年人")
        tagged = MatterPage.objects.live().filter(care_tags__name="老年人").count()
        assert live_backend.search("", elderly).total == tagged > 0
        with on_commit():
            CareTag.objects.get(name="老年人").delete()
        assert live_backend.search("", elderly).total == 0

    def test_a_deleted_matter_disappears(self, live_backend, on_commit):
        with on_commit():
            MatterPage.objects.get(title="养犬登记").delete()
        assert "养犬登记" not in titles(live_backend.search("养犬登记"))
        assert live_backend.count() == MatterPage.objects.live().count()

    def test_document_count_follows_publishing(self, live_backend, on_commit):
        with on_commit():
            publish_matter("古树名木迁移审批")
            MatterPage.objects.get(title="临时救助").unpublish()
        assert live_backend.count() == MatterPage.objects.live().count()
        assert titles(live_backend.search("古树名木迁移审批")) == ["古树名木迁移审批"]
        assert "临时救助" not in titles(live_backend.search("临时救助"))
