"""The small catalogue of tests/support/small_catalogue.py, in place of the public demo."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms_pages.models import CareTag, DepartmentIndexPage, DepartmentPage, MatterPage, Theme
from reform.models import BatchIndexPage, ReformBatchPage
from tests.support.built_once import built_once, every_test_asks_for
from tests.support.small_catalogue import ROWS, SmallCatalogue, make_matter, released


@pytest.fixture(autouse=True)
def demo(demo_site):
    """Tests here read the demo site unless their module overrides `demo`."""


def build_small_catalogue():
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
    # The catalogue as it stands: the file rebuild that making T-P private scheduled (it would
    # run when the test's transaction commits, which it never does) is not the tests' business.
    connection.run_on_commit.clear()
    draft = make_matter(b, "T-D", "行政许可", "市级", 0, 4, 1, 1, 1, 1, (9, 9, 9, 9, 9), live=False)
    return SmallCatalogue(a, b, matters, private, draft, theme, empty_theme)


def fresh_copy(built):
    """`built` read anew: a test may change the objects it is handed (a page's child count
    among them), and its changes to the rows roll back while those to the objects would not."""
    pages = MatterPage.objects.in_bulk([m.pk for m in (*built.matters.values(), built.private,
                                                       built.draft)])  # fmt: skip
    departments = DepartmentPage.objects.in_bulk([built.a.pk, built.b.pk])
    themes = Theme.objects.in_bulk([built.theme.pk, built.empty_theme.pk])
    return SmallCatalogue(
        departments[built.a.pk], departments[built.b.pk],
        {code: pages[m.pk] for code, m in built.matters.items()},
        pages[built.private.pk], pages[built.draft.pk],
        themes[built.theme.pk], themes[built.empty_theme.pk],
    )  # fmt: skip


@pytest.fixture(scope="module")
def shared_small_catalogue(request, demo_site, django_db_blocker):
    """The small catalogue built once for a module whose every test asks for it; None in
    another, whose tests build their own."""
    if not every_test_asks_for(request, "small_catalogue"):
        yield None
        return
    with built_once(django_db_blocker):
        yield build_small_catalogue()


@pytest.fixture
def small_catalogue(db, shared_small_catalogue):
    if shared_small_catalogue is None:
        return build_small_catalogue()
    return fresh_copy(shared_small_catalogue)


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
