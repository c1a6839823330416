"""Small page trees for tests that are not about the demo site (the `demo_site` fixture loads
青山市's whole catalogue; these build only what a test reads).

Plain functions: each saves what it builds and returns it. Matters are published through a
revision, as editors publish, unless `live=False` (then they stay a draft).
"""

import itertools

from wagtail.models import Page, Site

from cms_pages.models import (
    BundleIndexPage,
    BundleMember,
    BundlePage,
    ComplaintChannelsPage,
    DepartmentIndexPage,
    DepartmentPage,
    HomePage,
    MatterLegalBasis,
    MatterMaterial,
    MatterPage,
    StatisticsPage,
    Theme,
    ThemeIndexPage,
    ThemePage,
)
from reform.models import BatchIndexPage

SECTIONS = [
    (DepartmentIndexPage, "部门办事", "departments"),
    (ThemeIndexPage, "主题服务", "themes"),
    (BundleIndexPage, "一件事", "bundles"),
    (BatchIndexPage, "改革批次", "batches"),
    (ComplaintChannelsPage, "投诉与评价", "complaints"),
    (StatisticsPage, "数据公开", "statistics"),
]
_numbers = itertools.count(1)


def site(title="测试市政务服务网"):
    """A home page with every section under it, served as the default site (localhost)."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = root.add_child(instance=HomePage(title=title, slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": title},
    )
    for model, section_title, slug in SECTIONS:
        home.add_child(instance=model(title=section_title, slug=slug))
    return home


def department(title="测试市测试局", slug=None, **fields):
    """A department under 部门办事; saving it gives it its editor and reviewer groups and
    its two-step workflow."""
    index = DepartmentIndexPage.objects.get()
    slug = slug or f"bumen-{next(_numbers)}"
    fields.setdefault("short_name", title.removeprefix("测试市"))
    return index.add_child(instance=DepartmentPage(title=title, slug=slug, **fields))


def theme_page(name, audience="natural"):
    """The page of a seeded national theme, under 主题服务."""
    theme = Theme.objects.get(name=name, audience=audience)
    index = ThemeIndexPage.objects.get()
    return index.add_child(instance=ThemePage(title=name, theme=theme, slug=f"theme-{theme.pk}"))


def step(name, days=None, actor=""):
    return ("step", {"name": name, "actor": actor, "days": days, "description": ""})


PROCEDURE = (step("申请"), step("受理", 1), step("决定", 3), step("送达", 1))
MATTER_DEFAULTS = {
    "matter_type": "行政许可", "service_object": "natural", "level": "县级",
    "handling_office": "审批科", "conditions": "符合规定条件", "statutory_days": 20,
    "promised_days": 5, "online_depth": 4,
}  # fmt: skip


def matter(department, title="测试事项核发", live=True, materials=("申请表",),
           legal_bases=(("《中华人民共和国行政许可法》", "第二十九条"),),
           procedure=None,
           themes=(), **fields):  # fmt: skip
    """A matter under `department` with its materials, legal bases and procedure; published
    unless live=False (then only a draft revision exists)."""
    number = next(_numbers)
    fields = {**MATTER_DEFAULTS, **fields}
    fields.setdefault("code", f"TEST-{number:04d}")
    fields.setdefault("slug", f"shixiang-{number}")
    procedure = PROCEDURE if procedure is None else procedure
    page = MatterPage(title=title, procedure=list(procedure), live=False, **fields)
    page.materials = [MatterMaterial(name=name, sort_order=i) for i, name in enumerate(materials)]
    page.legal_bases = [
        MatterLegalBasis(name=name, article=article, sort_order=i)
        for i, (name, article) in enumerate(legal_bases)
    ]
    department.add_child(instance=page)
    page.themes.set(themes)
    revision = page.save_revision()
    if live:
        revision.publish()
    return MatterPage.objects.get(pk=page.pk)


def bundle(title, matters):
    """A published 一件事 of the given matters, in order."""
    page = BundlePage(title=title, slug=f"yijianshi-{next(_numbers)}", intro="一次办完。")
    page.members = [BundleMember(matter=m, sort_order=i) for i, m in enumerate(matters)]
    BundleIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return BundlePage.objects.get(pk=page.pk)
