"""System checks: every department has its staff groups and two-step review (departments.py);
every 实施编码 fits the URLs and QR codes made from it."""

from django.core import checks
from django.db import DatabaseError
from django.utils.translation import gettext as _


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
            _("部门“%(title)s”（页面 %(pk)s）：") % {"title": department.title, "pk": department.pk}
            + "；".join(problems[department.pk]),
            hint=_("运行 manage.py repair_permissions 恢复部门的用户组、页面权限和审核流程。"),
            id="cms_pages.W001",
        )
        for department in departments
        if problems[department.pk]
    ]


@checks.register("onevisit")
def matter_codes_fit_urls(app_configs=None, **kwargs):
    from .models import MatterPage
    from .params import is_code

    try:
        codes = list(MatterPage.objects.values_list("id", "title", "code"))
    except DatabaseError:
        return []
    return [
        checks.Warning(
            _(
                "事项“%(title)s”（页面 %(pk)s）的实施编码“%(code)s”格式不对，"
                "短链接和海报二维码无法使用它。"
            )
            % {"title": title, "pk": pk, "code": code},
            hint=_("在管理后台把实施编码改为字母、数字、“-”和“_”组成的编码。"),
            id="cms_pages.W002",
        )
        for pk, title, code in codes
        if not is_code(code)
    ]
