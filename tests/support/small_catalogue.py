"""A small catalogue whose figures are worked out by hand in tests/opendata.

The demo site is taken out of public view (in the test's transaction) and five public
matters in two departments take its place, plus one private and one unpublished matter
that no figure may count.

|code|dept|type|level|visits|depth|stat.|prom.|steps|mat.|before v/s/m/sd/pd|
|T-1|A|行政许可|市级|0|4|20|5|3|2|2 / 5 / 4 / 30 / 20|
|T-2|A|行政许可|县级|1|3|10|1|2|1|3 / - / 3 / - / 10|
|T-3|A|公共服务|县级|2|2|30|15|4|3|-|
|T-4|B|行政确认|县级|0|4|0|0|1|0|1 / - / - / - / -|
|T-5|B|行政许可|乡镇级|1|4|7|3|2|2|- / 3 / 2 / - / 7|
"""

from dataclasses import dataclass

from django.utils import timezone

from cms_pages.models import DepartmentPage, MatterMaterial, MatterPage, Theme
from reform.models import BatchRelease, ReleasedMatter

# code: (dept, type, level, visits, depth, statutory, promised, steps, materials, before)
ROWS = {
    "T-1": ("A", "行政许可", "市级", 0, 4, 20, 5, 3, 2, (2, 5, 4, 30, 20)),
    "T-2": ("A", "行政许可", "县级", 1, 3, 10, 1, 2, 1, (3, None, 3, None, 10)),
    "T-3": ("A", "公共服务", "县级", 2, 2, 30, 15, 4, 3, (None,) * 5),
    "T-4": ("B", "行政确认", "县级", 0, 4, 0, 0, 1, 0, (1, None, None, None, None)),
    "T-5": ("B", "行政许可", "乡镇级", 1, 4, 7, 3, 2, 2, (None, 3, 2, None, 7)),
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
        before_statutory_days=before[3], before_promised_days=before[4], live=live,
    )  # fmt: skip
    department.add_child(instance=matter)
    for i in range(materials):
        MatterMaterial.objects.create(matter=matter, name=f"材料{i}", sort_order=i)
    return matter


def released(batch, release_time, rows, rolled_back=False):
    """A release of `batch` with ReleasedMatter rows given as (matter, before, after) where
    before/after are (visits, steps, materials, statutory, promised)."""
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
