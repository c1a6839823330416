"""The departments sheet (名称, 简称, 统一社会信用代码, 地址, 咨询电话, 监督投诉电话, 办公时间,
窗口) through the import machinery: an ImportRun, a preview with errors by row and column,
then all or nothing (or only the valid rows when asked).

A row names a department by its credit code, else by its name or short name; a new one is
created under 部门办事 and published, a changed one gets a published revision (a rename
renames its groups and workflow, DepartmentPage.save). Saving a department gives it its
editor and reviewer groups and two-step review in the same transaction. Only the reform
office (whoever may publish under 部门办事) or the server operator imports departments.
"""

import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms_pages.models import DepartmentIndexPage, DepartmentPage, Hall, ServiceWindow
from cms_pages.slugs import pinyin_slug
from cms_pages.validators import credit_code_problem
from spreadsheets.reader import SheetError
from spreadsheets.table import Layout, read_table
from spreadsheets.text import number_text

from .exports import write_xlsx
from .models import CHANGED, ERROR, NEW, UNCHANGED, ImportRun

# i18n: data
LAYOUT = Layout(
    key="名称",
    columns=("名称", "简称", "统一社会信用代码", "地址", "咨询电话", "监督投诉电话", "办公时间",
             "窗口"),
    aliases={"部门名称": "名称", "单位名称": "名称", "实施主体": "名称", "部门简称": "简称",
             "信用代码": "统一社会信用代码", "办公地址": "地址", "联系电话": "咨询电话",
             "投诉电话": "监督投诉电话", "监督电话": "监督投诉电话", "受理窗口": "窗口",
             "办事窗口": "窗口"},
)  # fmt: skip
# i18n: data
FIELDS = {"名称": "title", "简称": "short_name", "统一社会信用代码": "credit_code",
          "地址": "address", "咨询电话": "phone", "监督投诉电话": "complaint_phone",
          "办公时间": "hours"}  # fmt: skip
WINDOW_SEPARATORS = ("；", ";", "、")
# i18n: data
EXAMPLE = ["青山市审计局", "审计局", "11379981MB1534077E", "青山市文昌路188号",
           "0536-5550123", "0536-5550124；12345", "周一至周五 9:00-12:00、13:30-17:00",
           "综合受理3号窗口"]  # fmt: skip


class DepartmentImportRefused(Exception):
    """The user may not import departments; nothing was read."""


def may_import(user):
    if user is None or user.is_superuser:
        return True
    index = DepartmentIndexPage.objects.first()
    return index is not None and index.permissions_for_user(user).can_publish_subpage()


@dataclass
class DepartmentRow:
    line: int
    values: dict
    department: DepartmentPage = None
    windows: list = field(default_factory=list)
    status: str = ""
    errors: dict = field(default_factory=dict)
    changes: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def fail(self, column, message):
        self.errors.setdefault(column, message)


def windows_of(text):
    for separator in WINDOW_SEPARATORS[1:]:
        text = text.replace(separator, WINDOW_SEPARATORS[0])
    return [name.strip() for name in text.split(WINDOW_SEPARATORS[0]) if name.strip()]


def plan(table):
    """A DepartmentRow per data row, each new, changed, unchanged or error."""
    departments = list(DepartmentPage.objects.all())
    by_code = {d.credit_code: d for d in departments if d.credit_code}
    by_name = {}
    for department in departments:
        by_name.setdefault(department.title, department)
        if department.short_name:
            by_name.setdefault(department.short_name, department)
    hall = Hall.objects.order_by("pk").first()
    owners = {}
    if hall is not None:
        owners = dict(hall.windows.values_list("name", "department_id"))
    rows, seen_codes, seen_names = [], {}, {}
    for sheet_row in table.rows:
        values = {column: sheet_row.values.get(column, "") for column in LAYOUT.columns}
        # i18n: data
        values["统一社会信用代码"] = number_text(values["统一社会信用代码"]).upper()
        row = DepartmentRow(sheet_row.line, values)
        _check(row, by_code, by_name, seen_codes, seen_names)
        # i18n: data
        row.windows = windows_of(values["窗口"])
        if row.windows and hall is None:
            # i18n: data
            row.fail(
                "窗口", _("还没有服务大厅，请先运行 manage.py create_centre 或在后台建立大厅。")
            )
        for name in row.windows:
            owner = owners.get(name)
            if owner and (row.department is None or owner != row.department.pk):
                # i18n: data
                row.fail(
                    "窗口", _("窗口“%(name)s”已属于另一个部门，请先在后台调整。") % {"name": name}
                )
        _compare(row, owners)
        rows.append(row)
    return rows


def _check(row, by_code, by_name, seen_codes, seen_names):
    values = row.values
    # i18n: data
    name, code = values["名称"], values["统一社会信用代码"]
    # i18n: data
    for column, limit in (("名称", 255), ("简称", 30), ("地址", 200), ("咨询电话", 50),
                          ("监督投诉电话", 100), ("办公时间", 200)):  # fmt: skip
        if len(values[column]) > limit:
            row.fail(column, _("超过%(limit)s个字。") % {"limit": limit})
    if code:
        problem = credit_code_problem(code)
        if problem:
            # i18n: data
            row.fail("统一社会信用代码", problem)
        elif code in seen_codes:
            # i18n: data
            row.fail("统一社会信用代码", _("与第%(value)s行重复。") % {"value": seen_codes[code]})
        seen_codes.setdefault(code, row.line)
    if name in seen_names:
        # i18n: data
        row.fail("名称", _("与第%(value)s行重复。") % {"value": seen_names[name]})
    seen_names.setdefault(name, row.line)
    row.department = by_code.get(code) if code else None
    if row.department is None:
        # i18n: data
        row.department = by_name.get(name) or by_name.get(values["简称"] or None)
    named = by_name.get(name)
    if named is not None and row.department is not None and named.pk != row.department.pk:
        # i18n: data
        row.fail("名称", _("已有另一个部门叫“%(name)s”。") % {"name": name})
    if code and row.department is not None and row.department.credit_code not in ("", code):
        other = by_code.get(code)
        if other is not None and other.pk != row.department.pk:
            # i18n: data
            row.fail("统一社会信用代码", _("已属于部门“%(title)s”。") % {"title": other.title})


def _compare(row, owners):
    if row.errors:
        row.status = ERROR
        return
    if row.department is None:
        row.status = NEW
        return
    current = row.department.get_latest_revision_as_object()
    for column, attribute in FIELDS.items():
        old, new = getattr(current, attribute) or "", row.values[column]
        # i18n: data
        if column == "简称" and not new:
            continue
        if old != new:
            row.changes.append((column, old, new))
    missing = [name for name in row.windows if owners.get(name) != row.department.pk]
    if missing:
        # i18n: data
        row.changes.append(("窗口", "", "；".join(missing)))
    row.status = CHANGED if row.changes else UNCHANGED


@transaction.atomic
def apply(rows, user):
    """Create and update the departments of the new and changed rows; returns how many."""
    index = DepartmentIndexPage.objects.get()
    hall = Hall.objects.order_by("pk").first()
    written = 0
    for row in rows:
        if row.status not in (NEW, CHANGED):
            continue
        values = {attribute: row.values[column] for column, attribute in FIELDS.items()}
        if not values["short_name"]:
            values.pop("short_name")
        if row.status == NEW:
            page = create_department(values, user, index)
        else:
            page = row.department.get_latest_revision_as_object()
            for attribute, value in values.items():
                setattr(page, attribute, value)
            page.save_revision(user=user, log_action=True).publish(user=user)
        for name in row.windows:
            ServiceWindow.objects.update_or_create(
                hall=hall, name=name, defaults={"department": page, "hours": page.hours}
            )
        written += 1
    return written


def create_department(values, user=None, index=None):
    """The one way an import creates a department (this sheet, or a matter import with
    --create-departments): published under 部门办事; DepartmentPage.save() gives it its groups
    and two-step review in the same transaction."""
    index = index or DepartmentIndexPage.objects.get()
    page = DepartmentPage(slug=_slug(index, values), **values)
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user)
    return page


def _slug(index, values):
    base = pinyin_slug(values.get("short_name") or values["title"], 70) or "bumen"
    taken = set(index.get_children().values_list("slug", flat=True))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def execute(run, data):
    """Read, plan and (unless a dry run) apply a departments sheet; record it on `run`."""
    started = time.monotonic()
    run.status = ImportRun.RUNNING
    run.save(update_fields=["status"])
    try:
        if not may_import(run.user):
            raise DepartmentImportRefused(
                _("只有审改办（可在“部门办事”下发布的用户）可以导入部门表。")
            )
        table = read_table(data, LAYOUT, name=run.file_name)
        rows = plan(table)
        errors = any(row.status == ERROR for row in rows)
        written = 0
        if not run.dry_run and (not errors or run.apply_valid):
            written = apply(rows, run.user)
        run.counts = {status: sum(1 for r in rows if r.status == status)
                      for status in (NEW, CHANGED, UNCHANGED, ERROR)}  # fmt: skip
        run.report = report(table, rows)
        run.status, run.message = outcome(run, errors, written)
    except (SheetError, DepartmentImportRefused) as error:
        run.status, run.message = ImportRun.REJECTED, str(error)
        run.report = {"file_error": str(error)}
    finally:
        run.duration = round(time.monotonic() - started, 2)
        run.finished_at = timezone.now()
        run.save()


def outcome(run, errors, written):
    if run.dry_run:
        return ImportRun.PREVIEWED, _("预览完成，尚未写入。") + (_("有错误行。") if errors else "")
    if errors and not run.apply_valid:
        return ImportRun.REJECTED, _("有错误的行，按“全部或不导入”的规则什么也没有写入。")
    skipped = _("，有错误的行未导入") if errors else ""
    return ImportRun.APPLIED, _("已写入%(skipped)s：新建或更新 %(written)s 个部门，均已发布。") % {
        "skipped": skipped,
        "written": written,
    }


def report(table, rows):
    """The run's report, in the shape the import pages and error reports read."""
    # i18n: data
    return {
        "kind": "departments",
        "format": table.format,
        "skipped": [list(item) for item in table.skipped],
        "unknown_columns": table.unknown_columns,
        "rows": [
            {
                "line": row.line,
                "code": row.values["统一社会信用代码"],
                "title": row.values["名称"],
                "department": row.values["名称"],
                "status": row.status,
                "matter_id": None,
                "messages": [[column, message] for column, message in row.errors.items()],
                "notes": row.notes,
                "changes": [list(change) for change in row.changes],
                "children": {},
            }
            for row in rows
            if row.status != UNCHANGED
        ],  # fmt: skip
        "withdrawn": [],
        "errors": [],
    }


def template_xlsx():
    # i18n: data
    return write_xlsx(list(LAYOUT.columns), [EXAMPLE], sheet_title="部门")
