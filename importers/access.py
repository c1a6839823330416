"""Who may import into which department: the page permissions of its subtree decide.

A department editor needs add and change permission on the department page (granted by
GroupPagePermission); publishing directly needs publish permission there too. `user=None` is
the server operator running manage.py, who may do anything.
"""

from django.utils.translation import gettext as _

from cms_pages.models import DepartmentPage


class DepartmentRights:
    def __init__(self, user):
        self.user = user
        self._cache = {}

    def _rights(self, department):
        if department.pk not in self._cache:
            if self.user is None or self.user.is_superuser:
                rights = (True, True)
            else:
                tester = department.permissions_for_user(self.user)
                can_import = tester.can_add_subpage() and tester.can_edit()
                rights = (can_import, can_import and tester.can_publish_subpage())
            self._cache[department.pk] = rights
        return self._cache[department.pk]

    def can_import(self, department):
        return self._rights(department)[0]

    def can_publish(self, department):
        return self._rights(department)[1]


def importable_departments(user):
    rights = DepartmentRights(user)
    return [d for d in DepartmentPage.objects.order_by("path") if rights.can_import(d)]


def find_department(name):
    """The department a command line names by slug, title or short name (None for none)."""
    from django.core.management.base import CommandError

    if not name:
        return None
    for lookup in ("slug", "title", "short_name"):
        found = DepartmentPage.objects.filter(**{lookup: name}).first()
        if found:
            return found
    raise CommandError(_("没有部门“%(name)s”。") % {"name": name})
