"""Implementing bodies a file names that the site does not have yet (`--create-departments`).

Only the reform office may create them. Every department an import creates goes through
`create_department`, the one place that makes a DepartmentPage for an import: it is published
under 部门, and DepartmentPage.save() onboards it like any other department
(cms_pages.departments: editor and reviewer groups, page permissions, the two-step workflow),
in the import's transaction.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms_pages.departments import is_reform_office
from cms_pages.models import DepartmentIndexPage, DepartmentPage
from cms_pages.slugs import pinyin_slug

NAME_CAP = 255


class DepartmentCreationRefused(PermissionError):
    pass


@dataclass
class PendingDepartment:
    """A department a preview will create on confirmation; not in the database yet."""

    title: str
    pk: None = None


def may_create_departments(user):
    """The reform office (and superusers, and the server operator: user None)."""
    return user is None or is_reform_office(user)


def check_may_create(user):
    if not may_create_departments(user):
        raise DepartmentCreationRefused(_("只有审改办可以在导入时新建部门。"))


def create_department(title, user=None):
    """A live DepartmentPage named `title` under 部门, onboarded."""
    index = DepartmentIndexPage.objects.first()
    taken = set(index.get_children().values_list("slug", flat=True))
    base = pinyin_slug(title, 60) or "department"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    department = index.add_child(instance=DepartmentPage(title=title[:NAME_CAP], slug=slug))
    department.save_revision(user=user, log_action=True).publish(user=user)
    return department


def create_pending(plans, user=None):
    """Replace each plan's PendingDepartment by a created one (one per name)."""
    created = {}
    for plan in plans:
        pending = plan.department
        if isinstance(pending, PendingDepartment):
            if pending.title not in created:
                created[pending.title] = create_department(pending.title, user)
            plan.department = created[pending.title]
    return list(created.values())
