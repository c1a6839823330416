"""The small catalogue of tests/support/small_catalogue.py, in place of the public demo."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms_pages.models import CareTag, DepartmentIndexPage, DepartmentPage, MatterPage, Theme
from reform.models import BatchIndexPage, ReformBatchPage
from tests.support.small_catalogue import ROWS, SmallCatalogue, make_matter, released


@pytest.fixture(autouse=True)
def demo(demo_site):
    """Tests here read the demo site unless their module overrides `demo`."""


@pytest.fixture
def small_catalogue(db):
    MatterPage.objects.update(live=False)
    ReformBatchPage.objects.update(live=False)
    cache.clear()
    index = DepartmentIndexPage.objects.get()
    a = index.add_child(instance=DepartmentPage(title="甲局", slug="jia"))
    b = index.add_child(instance=DepartmentPage(title="乙局", slug="yi"))
    departments = {"A": a, "B": b}
    matters = {code: make_matter(departments[row[0]], code, *row[1:]) for code, row in ROWS.items()}
    theme, empty_theme = Theme.objects.filter(audience="natural").order_by("sort_order")[:2]
    for code in ("T-1", "T-2"):
        matters[code].themes.add(theme)
        matters[code].save()
    for code in ("T-2", "T-4"):
        matters[code].care_tags.add(CareTag.objects.get(name="老年人"))
        matters[code].save()
    private = make_matter(a, "T-P", "行政许可", "市级", 0, 4, 1, 1, 1, 1, (9, 9, 9, 9, 9))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    draft = make_matter(b, "T-D", "行政许可", "市级", 0, 4, 1, 1, 1, 1, (9, 9, 9, 9, 9), live=False)
    return SmallCatalogue(a, b, matters, private, draft, theme, empty_theme)


@pytest.fixture
def small_batches(small_catalogue):
    """Batch 7: T-1 and T-2, released once, then re-released (the newest release counts);
    batch 8: rolled back entirely."""
    index = BatchIndexPage.objects.get()
    m = small_catalogue.matters
    seven = index.add_child(instance=ReformBatchPage(title="第七批", slug="b7", number=7))
    eight = index.add_child(instance=ReformBatchPage(title="第八批", slug="b8", number=8))
    start = timezone.now() - datetime.timedelta(days=10)
    released(seven, start, [(m["T-1"], (9, 9, 9, 9, 9), (0, 0, 0, 0, 0))])
    released(seven, start + datetime.timedelta(days=1), [
        (m["T-1"], (2, 5, 4, 20, 20), (0, 3, 2, 20, 5)),
        (m["T-2"], (3, None, 3, 10, 10), (1, 2, 1, 10, 1)),
    ])  # fmt: skip
    released(eight, start, [(m["T-3"], (5, 5, 5, 5, 5), (0, 0, 0, 0, 0))], rolled_back=True)
    return seven, eight
