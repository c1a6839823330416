"""System checks: every department has its staff groups and two-step review (departments.py)."""

from django.core import checks
from django.db import DatabaseError


@checks.register("onevisit")
def departments_are_staffed(app_configs=None, **kwargs):
    from .departments import audit_departments
    from .models import DepartmentPage

    try:
        departments = list(DepartmentPage.objects.only("id", "path", "title", "short_name"))
        problems = audit_departments(departments)
    except DatabaseError:
        # Not migrated yet, or no database reachable (e.g. `check --deploy` at build time).
        return []
    return [
        checks.Warning(
            f"部门“{department.title}”（页面 {department.pk}）："
            + "；".join(problems[department.pk]),
            hint="运行 manage.py repair_permissions 恢复部门的用户组、页面权限和审核流程。",
            id="cms_pages.W001",
        )
        for department in departments
        if problems[department.pk]
    ]
