"""Standing up a real centre from an empty database (`manage.py create_centre`, and the demo):
the home page and its sections (部门, 主题 with both national theme lists, 一件事, and what
the apps register: 改革批次 with its batch workflow, 投诉与评价, 数据公开), the site, the
centre settings, a hall, and the reform office with its approval task and publish rights over
the whole site. No matters, no users, no known password. Running it again changes nothing
that it would not set the same way.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page, Site

from . import extensions
from .departments import REFORM_OFFICE_PERMISSIONS, grant, onboard_department, reform_office
from .models import (
    BundleIndexPage,
    CentreSettings,
    ComplaintChannelsPage,
    DepartmentIndexPage,
    DepartmentPage,
    Hall,
    HomePage,
    StatisticsPage,
    Theme,
    ThemeIndexPage,
    ThemePage,
)
from .slugs import pinyin_slug
from .taxonomy import NATURAL_PERSON

# Wagtail's sample groups from its first migration: "Moderators" may publish the whole site,
# which a centre with 审管分离 must not have lying around.
WAGTAIL_SAMPLE_GROUPS = ("Editors", "Moderators")


@dataclass
class Centre:
    name: str
    hall: str
    base_url: str
    site_name: str = ""
    address: str = ""
    hours: str = ""
    hotline: str = ""
    supervision_phone: str = ""
    intro: str = ""


def section(home, model, title, slug):
    """The home page's child of type `model`, created with `title` and `slug` when missing."""
    existing = model.objects.child_of(home).first()
    if existing is not None:
        return existing
    page = model(title=title, slug=slug)
    home.add_child(instance=page)
    return page


# (order, model, title, slug); apps add theirs through extensions.add_centre_section.
# i18n: data
SECTIONS = [
    (10, DepartmentIndexPage, "部门办事", "departments"),
    (20, ThemeIndexPage, "主题服务", "themes"),
    (30, BundleIndexPage, "一件事", "bundles"),
    (50, ComplaintChannelsPage, "投诉与评价", "complaints"),
    (60, StatisticsPage, "数据公开", "statistics"),
]


def _sections():
    core = [
        (order, lambda home, office, m=model, t=title, s=slug: section(home, m, t, s))
        for order, model, title, slug in SECTIONS
    ]
    return [ensure for _order, ensure in sorted(core + extensions.centre_sections(),
                                                key=lambda item: item[0])]  # fmt: skip


def site_address(base_url):
    parts = urlsplit(base_url if "//" in base_url else f"http://{base_url}")
    if not parts.hostname:
        raise ValueError(
            _("无法从“%(base_url)s”读出主机名，应形如 https://zwfw.example.gov.cn")
            % {"base_url": base_url}
        )
    default = 443 if parts.scheme == "https" else 80
    return parts.hostname, parts.port or default


def _home(title, intro):
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        for child in root.get_children():
            # Wagtail's welcome page (a bare Page without children) makes way for the home.
            if child.specific_class is Page and not child.get_children_count():
                Site.objects.filter(root_page=child).delete()
                child.delete()
        home = root.add_child(instance=HomePage(title=title, slug="home", intro=intro))
    return home


def _settings(centre):
    settings = CentreSettings.load()
    wanted = {
        "name": centre.name, "address": centre.address, "hours": centre.hours,
        "hotline": centre.hotline, "supervision_phone": centre.supervision_phone,
    }  # fmt: skip
    changed = False
    for field, value in wanted.items():
        if value and getattr(settings, field) != value:
            setattr(settings, field, value)
            changed = True
    if changed:
        settings.save()
    return settings


def _themes(index):
    taken = set(ThemePage.objects.values_list("theme_id", flat=True))
    for theme in Theme.objects.exclude(pk__in=taken):
        prefix = "geren" if theme.audience == NATURAL_PERSON else "faren"
        index.add_child(
            instance=ThemePage(title=theme.name, theme=theme,
                               slug=f"{prefix}-{pinyin_slug(theme.name)}")
        )  # fmt: skip


def _retire_sample_groups(root):
    for group in Group.objects.filter(name__in=WAGTAIL_SAMPLE_GROUPS):
        if group.user_set.exists():
            GroupPagePermission.objects.filter(group=group).delete()
        else:
            group.delete()


@transaction.atomic
def setup_centre(centre):
    """Create or complete the centre; returns the home page."""
    office = reform_office()
    site_name = centre.site_name or centre.name
    home = _home(site_name, centre.intro)
    hostname, port = site_address(centre.base_url)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if (site.hostname, site.port, site.root_page_id, site.site_name) != (
        hostname, port, home.pk, site_name
    ):  # fmt: skip
        site.hostname, site.port, site.root_page, site.site_name = hostname, port, home, site_name
        site.save()
    _settings(centre)
    Hall.objects.get_or_create(
        name=centre.hall,
        defaults={"address": centre.address, "hours": centre.hours, "phone": centre.hotline},
    )
    for ensure in _sections():
        ensure(home, office)
    _themes(ThemeIndexPage.objects.child_of(home).get())
    grant(office.group, home, REFORM_OFFICE_PERMISSIONS)
    _retire_sample_groups(Page.get_first_root_node())
    for department in DepartmentPage.objects.all():
        onboard_department(department)
    return home
