import pytest
from wagtail.models import Page

from cms_pages.models import (
    BundleIndexPage,
    BundlePage,
    ComplaintChannelsPage,
    DepartmentIndexPage,
    DepartmentPage,
    HomePage,
    MatterPage,
    StatisticsPage,
    ThemeIndexPage,
    ThemePage,
)
from reform.models import BatchIndexPage
from tests import factories
from tests.support.built_once import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    """Not the demo site: this module builds its pages with tests/factories.py."""


@pytest.fixture(scope="module", autouse=True)
def one_of_each_page(django_db_setup, django_db_blocker):
    """A site with every section, a department, a matter, a theme page and a bundle, built once:
    the tests only read it, or add pages that roll back with them."""
    with built_once(django_db_blocker):
        factories.site()
        matter = factories.matter(factories.department("测试市公安局", slug="gongan"))
        factories.theme_page("社会保障")
        factories.bundle("测试一件事", [matter])
        yield


ALLOWED = [
    (DepartmentPage, DepartmentIndexPage),
    (MatterPage, DepartmentPage),
    (ThemePage, ThemeIndexPage),
    (BundlePage, BundleIndexPage),
]
FORBIDDEN = [
    (MatterPage, HomePage),
    (MatterPage, ThemeIndexPage),
    (DepartmentPage, HomePage),
    (ThemePage, DepartmentPage),
]


@pytest.mark.parametrize(("child", "parent"), ALLOWED)
def test_page_type_allowed_under_parent(child, parent):
    assert child.can_create_at(parent.objects.first())


@pytest.mark.parametrize(("child", "parent"), FORBIDDEN)
def test_page_type_refused_under_wrong_parent(child, parent):
    assert not child.can_create_at(parent.objects.first())


@pytest.mark.parametrize(
    "model",
    [HomePage, DepartmentIndexPage, ThemeIndexPage, BundleIndexPage, BatchIndexPage,
     ComplaintChannelsPage, StatisticsPage, DepartmentPage, ThemePage, BundlePage, MatterPage],
)  # fmt: skip
def test_every_page_type_renders(site_client, model):
    page = model.objects.live().first()
    response = site_client.get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_singleton_index_pages_cannot_be_added_twice():
    home = HomePage.objects.get()
    assert not DepartmentIndexPage.can_create_at(home)
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_new_department_and_matter_render_after_publishing(site_client):
    index = DepartmentIndexPage.objects.get()
    department = index.add_child(instance=DepartmentPage(title="青山市测试局", slug="ceshi"))
    matter = MatterPage(
        title="测试事项核发", slug="ceshi-shixiang", code="CESHI-0001", matter_type="行政许可",
        service_object="natural", level="县级", handling_office="测试科", conditions="符合条件",
        statutory_days=10, promised_days=5,
    )  # fmt: skip
    department.add_child(instance=matter)
    matter.save_revision().publish()
    response = site_client.get("/departments/ceshi/")
    assert "测试事项核发" in response.content.decode()
    assert site_client.get(matter.url).status_code == 200
