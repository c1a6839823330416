import pytest

from cms_pages.models import DepartmentPage, MatterPage, Theme, ThemePage
from cms_pages.taxonomy import LEGAL_THEMES, NATURAL_THEMES

pytestmark = pytest.mark.django_db


def test_national_theme_lists_are_seeded_in_full():
    assert Theme.objects.filter(audience="natural").count() == len(NATURAL_THEMES) == 31
    assert Theme.objects.filter(audience="legal").count() == len(LEGAL_THEMES) == 34
    assert Theme.objects.filter(name="设立变更").count() == 2


def test_home_shows_themes_departments_and_figures(site_client):
    html = site_client.get("/").content.decode()
    for name in ("生育收养", "死亡殡葬", "法人注销", "国土和规划建设"):
        assert name in html
    assert "青山市公安局" in html
    live = MatterPage.objects.live()
    share = round(100 * live.filter(visits__lte=1).count() / live.count(), 1)
    assert f"{share}%" in html


def test_theme_page_filters_by_visits_and_online(site_client):
    page = ThemePage.objects.get(theme__audience="natural", theme__name="社会保障")
    in_theme = MatterPage.objects.live().filter(themes=page.theme)
    everything = site_client.get(page.url).content.decode()
    for matter in in_theme:
        assert matter.title in everything
    zero = site_client.get(page.url + "?visits=0").content.decode()
    for matter in in_theme:
        assert (matter.title in zero) == (matter.visits == 0)
    assert f"共 {in_theme.filter(visits=0).count()} 个事项" in zero


def test_department_page_filters_and_shows_contact(site_client):
    html = site_client.get("/departments/gongan/?online=1").content.decode()
    matters = MatterPage.objects.live().filter(department__slug="gongan")
    for matter in matters:
        assert (matter.title in html) == (matter.online_depth == 4)
    assert "进驻大厅与窗口" in html
    assert "联系方式" in html


def test_service_object_filter_includes_matters_for_both(site_client):
    page = ThemePage.objects.get(theme__audience="legal", theme__name="设立变更")
    html = site_client.get(page.url + "?object=legal").content.decode()
    assert "有限责任公司设立登记" in html


def test_department_page_filters_by_theme(site_client):
    theme = Theme.objects.get(audience="natural", name="户籍办理")
    html = site_client.get(f"/departments/gongan/?theme={theme.id}").content.decode()
    for matter in MatterPage.objects.live().filter(department__slug="gongan"):
        in_theme = matter.themes.filter(id=theme.id).exists()
        assert (f">{matter.title}</a>" in html) == in_theme
    assert "个人办事 · 户籍办理" in html


def _theme_page_with(condition):
    for page in ThemePage.objects.live().select_related("theme"):
        matters = MatterPage.objects.live().filter(themes=page.theme)
        if condition(matters):
            return page, matters
    raise AssertionError("the demo catalogue should have such a theme")


def test_theme_page_filters_by_level(site_client):
    page, matters = _theme_page_with(lambda m: m.values("level").distinct().count() > 1)
    html = site_client.get(page.url, {"level": "乡镇级"}).content.decode()
    assert '<select name="level">' in html
    for matter in matters:
        assert (matter.title in html) == (matter.level == "乡镇级")


def test_theme_page_filters_by_care_tag_and_its_common_name(site_client):
    page, matters = _theme_page_with(lambda m: m.filter(care_tags__name="老年人").exists())
    html = site_client.get(page.url, {"care": "老人"}).content.decode()
    for matter in matters:
        assert (matter.title in html) == matter.care_tags.filter(name="老年人").exists()


def test_theme_index_counts_matters_and_shows_empty_themes_as_empty(site_client):
    html = site_client.get("/themes/").content.decode()
    full = ThemePage.objects.get(theme__audience="natural", theme__name="社会保障")
    count = MatterPage.objects.live().filter(themes=full.theme).count()
    assert f'<a href="{full.url}">社会保障 <span class="count">{count}</span></a>' in html
    empty = next(p for p in ThemePage.objects.live().select_related("theme")
                 if not MatterPage.objects.live().filter(themes=p.theme).exists())  # fmt: skip
    assert f'<span class="theme-empty">{empty.title} <span class="count">暂无事项</span>' in html
    assert f'href="{empty.url}"' not in html
    page = site_client.get(empty.url).content.decode()
    assert "本主题暂无公开的事项。" in page


def test_theme_index_browses_care_tags_and_levels_through_search(site_client):
    html = site_client.get("/themes/").content.decode()
    elderly = MatterPage.objects.live().filter(care_tags__name="老年人").count()
    link = "/search/?care=%E8%80%81%E5%B9%B4%E4%BA%BA"
    assert f'<a href="{link}">老年人 <span class="count">{elderly}</span>' in html
    town = MatterPage.objects.live().filter(level="乡镇级").count()
    assert f'乡镇级 <span class="count">{town}</span>' in html


def test_department_index_counts_each_departments_public_matters(site_client):
    html = site_client.get("/departments/").content.decode()
    for department in DepartmentPage.objects.live():
        count = MatterPage.objects.live().public().filter(department=department).count()
        assert f'{department.title}</a> <span class="count">{count} 个事项</span>' in html
