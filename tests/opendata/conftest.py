"""A small catalogue whose figures are worked out by hand in the tests.

The demo site is taken out of public view (in the test's transaction) and five public
matters in two departments take its place, plus one private and one unpublished matter
that no figure may count.

| code | dept | type     | level  | visits | depth | stat. | prom. | steps | mat. | before v/s/m/d |
| T-1  | A    | 行政许可 | 市级   | 0      | 4     | 20    | 5     | 3     | 2    | 2 / 5 / 4 / 20 |
| T-2  | A    | 行政许可 | 县级   | 1      | 3     | 10    | 1     | 2     | 1    | 3 / - / 3 / 10 |
| T-3  | A    | 公共服务 | 县级   | 2      | 2     | 30    | 15    | 4     | 3    | -              |
| T-4  | B    | 行政确认 | 县级   | 0      | 4     | 0     | 0     | 1     | 0    | 1 / - / - / -  |
| T-5  | B    | 行政许可 | 乡镇级 | 1      | 4     | 7     | 3     | 2     | 2    | - / 3 / 2 / 7  |
"""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from cms_pages.models import (
    DepartmentIndexPage,
    DepartmentPage,
    MatterMaterial,
    MatterPage,
    Theme,
)
from reform.models import ReformBatchPage

# code: (dept, type, level, visits, depth, statutory, promised, steps, materials, before)
ROWS = {
    "T-1": ("A", "行政许可", "市级", 0, 4, 20, 5, 3, 2, (2, 5, 4, 20)),
    "T-2": ("A", "行政许可", "县级", 1, 3, 10, 1, 2, 1, (3, None, 3, 10)),
    "T-3": ("A", "公共服务", "县级", 2, 2, 30, 15, 4, 3, (None, None, None, None)),
    "T-4": ("B", "行政确认", "县级", 0, 4, 0, 0, 1, 0, (1, None, None, None)),
    "T-5": ("B", "行政许可", "乡镇级", 1, 4, 7, 3, 2, 2, (None, 3, 2, 7)),
}


@dataclass
class SmallCatalogue:
    a: DepartmentPage
    b: DepartmentPage
    matters: dict
    private: MatterPage
    draft: MatterPage
    theme: Theme
    empty_theme: Theme


def make_matter(department, code, matter_type, level, visits, depth, statutory, promised, steps,
                materials, before, live=True):  # fmt: skip
    matter = MatterPage(
        title=f"测试事项{code}", slug=code.lower(), code=code, matter_type=matter_type,
        service_object="natural", level=level, handling_office="窗口", conditions="无",
        visits=visits, visit_reason="核验原件" if visits else "", online_depth=depth,
        statutory_days=statutory, promised_days=promised,
        procedure=[("step", {"name": f"环节{i}"}) for i in range(steps)],
        before_visits=before[0], before_steps=before[1], before_materials=before[2],
        before_days=before[3], live=live,
    )  # fmt: skip
    department.add_child(instance=matter)
    for i in range(materials):
        MatterMaterial.objects.create(matter=matter, name=f"材料{i}", sort_order=i)
    return matter


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
    private = make_matter(a, "T-P", "行政许可", "市级", 0, 4, 1, 1, 1, 1, (9, 9, 9, 9))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    draft = make_matter(b, "T-D", "行政许可", "市级", 0, 4, 1, 1, 1, 1, (9, 9, 9, 9), live=False)
    return SmallCatalogue(a, b, matters, private, draft, theme, empty_theme)


def released(batch, release_time, rows, rolled_back=False):
    """A release of `batch` with ReleasedMatter rows given as (matter, before, after) where
    before/after are (visits, steps, materials, statutory, promised)."""
    from django.utils import timezone

    from reform.models import BatchRelease, ReleasedMatter

    release = BatchRelease.objects.create(
        batch=batch, released_at=release_time,
        rolled_back_at=timezone.now() if rolled_back else None,
    )  # fmt: skip
    for order, (matter, before, after) in enumerate(rows):
        names = ("visits", "steps", "materials", "statutory_days", "promised_days")
        ReleasedMatter.objects.create(
            release=release, sort_order=order, matter=matter, code=matter.code,
            title=matter.title, department_title="", time_unit="工作日",
            after_online_depth=4,
            **{f"before_{n}": v for n, v in zip(names, before, strict=True)},
            **{f"after_{n}": v for n, v in zip(names, after, strict=True)},
        )  # fmt: skip
    return release


@pytest.fixture
def small_batches(small_catalogue):
    """Batch 7: T-1 and T-2, released once, then re-released (the newest release counts);
    batch 8: rolled back entirely."""
    import datetime

    from django.utils import timezone

    from reform.models import BatchIndexPage

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
