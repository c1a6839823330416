"""Implementing bodies a matter file names that the site lacks (`--create-departments`).

Only those who may import departments (the reform office, superusers, the server operator;
departments.may_import) may have a matter import create them. The preview lists them; on
confirmation each is created by departments.create_department, like a row of a departments
sheet, in the import's transaction.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .departments import create_department, may_import

NAME_CAP = 255


class DepartmentCreationRefused(PermissionError):
    pass


@dataclass
class PendingDepartment:
    """A department a preview will create on confirmation; not in the database yet."""

    title: str
    pk: None = None


def check_may_create(user):
    if not may_import(user):
        raise DepartmentCreationRefused(_("只有审改办可以在导入时新建部门。"))


def create_pending(plans, user=None):
    """Replace each plan's PendingDepartment by a created one (one per name)."""
    created = {}
    for plan in plans:
        pending = plan.department
        if isinstance(pending, PendingDepartment):
            if pending.title not in created:
                created[pending.title] = create_department({"title": pending.title[:NAME_CAP]},
                                                           user)  # fmt: skip
            plan.department = created[pending.title]
    return list(created.values())
