"""Keep matters in sync with a department spreadsheet, through django-import-export.

`sync_sheet()` hands the sheet to `MatterSyncResource.import_data()` as a tablib Dataset.
`before_import` plans every row at once (so lookups are bulk queries, not per row): parse and
validate, find the department and the user's rights, look the code up, and decide:

- new: the code is not in the database → a page under the department (and a revision);
- unchanged: the row's fingerprint equals the one stored at the last sync and nobody has
  saved a revision since, or, failing that, every column equals the matter's latest content;
- changed: some column differs → a new revision carrying only the changed columns;
- conflict: it differs, but someone's unpublished draft, a workflow or a lock is in the way;
- error: the row cannot be imported (each message names the column);
- withdrawn?: a matter of the department that the file no longer lists (reported only).

`import_row` turns the plan into row results and queues writes; the bulk hooks write them.
The whole run is one transaction: with any error row nothing is written unless the caller
asked to apply the valid rows; a dry run never writes. With a reform batch, the revisions of
new and changed matters join it in that same transaction (importers.batches).
"""

# Longer than our ~400-line mark on purpose: the Planner and the Resource hooks pass one
# RowPlan through django-import-export's lifecycle (before_import → import_row → bulk_* →
# after_import); kept together, a reader follows one sync from top to bottom.

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import tablib
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from import_export.results import Result, RowResult
from wagtail.models import Page, Revision, WorkflowState

from cms_pages.models import DepartmentPage, MatterPage
from cms_pages.params import code_error
from spreadsheets.columns import DEPARTMENT_COLUMN, KEY_COLUMN
from spreadsheets.text import normalise, number_text

from . import attachments, steps
from .access import DepartmentRights
from .batches import check_batch, join_plans
from .children import keep_editors_work
from .indexing import deferred_indexing
from .missing_departments import PendingDepartment, check_may_create, create_pending
from .models import CHANGED, CONFLICT, ERROR, NEW, UNCHANGED, MatterSyncState
from .resources import CHILD_ATTRIBUTES, MatterResource
from .writer import PageWriter

IMPORT_TYPES = {
    NEW: RowResult.IMPORT_TYPE_NEW,
    CHANGED: RowResult.IMPORT_TYPE_UPDATE,
    UNCHANGED: RowResult.IMPORT_TYPE_SKIP,
    CONFLICT: RowResult.IMPORT_TYPE_SKIP,
    ERROR: RowResult.IMPORT_TYPE_INVALID,
}
CHUNK = 500


@dataclass
class Existing:
    id: int
    title: str
    department_id: int
    latest_revision_id: int
    has_unpublished_changes: bool
    locked: bool
    state_hash: str = ""
    state_row_hash: str = ""
    state_revision_id: int = None


@dataclass
class RowPlan:
    line: int
    code: str
    title: str
    status: str = ""
    department: object = None
    department_name: str = ""
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    canonical: dict = field(default_factory=dict)
    digest: str = ""
    row_digest: str = ""
    existing: Existing = None
    base: object = None
    changes: list = field(default_factory=list)
    changed_values: dict = field(default_factory=dict)
    child_diffs: dict = field(default_factory=dict)  # materials / legal bases by name
    refresh_state: bool = False
    matter_id: int = None
    revision_id: int = None

    def fail(self, column, message):
        self.errors.setdefault(column, message)


@dataclass
class Withdrawn:
    matter_id: int
    code: str
    title: str
    department: str
    live: bool


class MatterRowResult(RowResult):
    def __init__(self):
        super().__init__()
        self.plan = None


class SyncResult(Result):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = []
        self.withdrawn = []
        self.new_departments = []
        self.written = False
        self.joined = None

    def status_counts(self):
        counts = Counter(plan.status for plan in self.plans)
        counts["withdrawn"] = len(self.withdrawn)
        return counts

    def has_row_errors(self):
        return any(plan.status == ERROR for plan in self.plans)


class Planner:
    def __init__(self, resource, *, user, department, publish, units, create_departments=False,
                 archive=None):  # fmt: skip
        self.resource = resource
        self.archive = archive
        self.rights = DepartmentRights(user)
        self.department = department
        self.publish = publish
        self.units = units
        self.create_departments = create_departments
        self.pending = {}  # name → PendingDepartment, with --create-departments
        self.departments = {}
        for dept in DepartmentPage.objects.all():
            self.departments.setdefault(normalise(dept.title), dept)
            if dept.short_name:
                self.departments.setdefault(normalise(dept.short_name), dept)

    def plan(self, dataset, sheet_rows, progress):
        columns = set(dataset.headers)
        stored = [c for c in dataset.headers if c in self.resource.hashed_columns]
        rows = dataset.dict
        plans = []
        for number, values in enumerate(rows):
            # i18n: data
            plan = RowPlan(
                line=sheet_rows[number].line, code=number_text(values.get(KEY_COLUMN)),
                title=normalise(values.get("事项名称")),
                department_name=normalise(values.get(DEPARTMENT_COLUMN)),
                row_digest=row_digest(values, stored, self.units),
            )  # fmt: skip
            if not plan.code:
                plan.fail(KEY_COLUMN, gettext("不能为空。"))
            elif error := code_error(plan.code):
                plan.fail(KEY_COLUMN, error)
            for column, formula in sheet_rows[number].formulas.items():
                plan.fail(column, formula_message(formula))
            for column, message in sheet_rows[number].errors.items():
                plan.fail(column, message)
            self._resolve_department(plan)
            plans.append(plan)
        self._mark_duplicates(plans)
        existing = self._existing({p.code for p in plans if p.code})
        for number, plan in enumerate(plans):
            plan.existing = existing.get(plan.code)
            if not plan.errors and self._untouched(plan):
                plan.status = UNCHANGED
                continue
            parsed = self.resource.parse_row(rows[number], self.units)
            plan.values, plan.canonical, plan.notes = parsed.values, parsed.canonical, parsed.notes
            plan.digest = parsed.digest
            for column, message in parsed.errors.items():
                plan.fail(column, message)
            if progress and number % 200 == 0:
                progress(gettext("检查"), number, len(plans))
        compare = []
        for plan in plans:
            if plan.errors or plan.status:
                continue
            if plan.existing is None:
                missing = self.resource.missing_for_new(columns)
                if missing:
                    plan.fail(
                        KEY_COLUMN,
                        gettext("新事项缺少【%(missing)s】列，无法新建。")
                        % {"missing": "】【".join(missing)},
                    )
                else:
                    plan.status = NEW
            elif plan.existing.department_id != plan.department.pk:
                plan.fail(
                    DEPARTMENT_COLUMN,
                    gettext(
                        "该实施编码已属于其他部门的事项“%(title)s”；调整实施主体请在后台移动事项页面。"
                    )
                    % {"title": plan.existing.title},
                )
            elif (
                plan.existing.state_hash == plan.digest
                and plan.existing.state_revision_id == plan.existing.latest_revision_id
            ):
                plan.status = UNCHANGED
            else:
                compare.append(plan)
        self._compare(compare)
        attachments.review(self, plans, rows)
        for plan in plans:
            if plan.errors:
                plan.status = ERROR
        return plans

    def _resolve_department(self, plan):
        if plan.errors.get(KEY_COLUMN):
            return
        name = plan.department_name
        if self.department is not None:
            if name and self.departments.get(name) != self.department:
                plan.fail(
                    DEPARTMENT_COLUMN,
                    gettext("本次只导入“%(title)s”的事项，本行实施主体为“%(name)s”。")
                    % {"title": self.department.title, "name": name},
                )
                return
            department = self.department
        elif not name:
            plan.fail(DEPARTMENT_COLUMN, gettext("不能为空（或在导入时选定部门）。"))
            return
        else:
            department = self.departments.get(name)
            if department is None and self.create_departments:
                plan.department = self.pending.setdefault(name, PendingDepartment(name))
                return
            if department is None:
                message = gettext(
                    "没有名为“%(name)s”的部门，请先在后台建立部门页面（审改办可在导入时选择新建表中的部门）。"
                ) % {"name": name[:40]}
                plan.fail(DEPARTMENT_COLUMN, message)
                return
        if not self.rights.can_import(department):
            plan.fail(
                DEPARTMENT_COLUMN,
                gettext("你没有导入“%(title)s”事项的权限。") % {"title": department.title},
            )
        elif self.publish and not self.rights.can_publish(department):
            plan.fail(
                DEPARTMENT_COLUMN,
                gettext("你没有直接发布“%(title)s”事项的权限，请以草稿导入后提交审核。")
                % {"title": department.title},
            )
        plan.department = department

    @staticmethod
    def _untouched(plan):
        """The row is byte for byte what the last sync saw, and nobody has edited since."""
        existing = plan.existing
        return (
            existing is not None
            and existing.department_id == plan.department.pk
            and existing.state_row_hash == plan.row_digest
            and existing.state_revision_id == existing.latest_revision_id
        )

    @staticmethod
    def _mark_duplicates(plans):
        lines = defaultdict(list)
        for plan in plans:
            if plan.code:
                lines[plan.code].append(plan.line)
        for plan in plans:
            others = [str(n) for n in lines.get(plan.code, ()) if n != plan.line]
            if others:
                plan.fail(
                    KEY_COLUMN,
                    gettext("与第%(others)s行的实施编码重复。") % {"others": "、".join(others)},
                )

    @staticmethod
    def _existing(codes):
        found = {}
        codes = list(codes)
        for start in range(0, len(codes), CHUNK):
            rows = MatterPage.objects.filter(code__in=codes[start : start + CHUNK]).values_list(
                "id", "code", "title", "department_id", "latest_revision_id",
                "has_unpublished_changes", "locked",
            )  # fmt: skip
            for id_, code, *rest in rows:
                found[code] = Existing(id_, *rest)
        by_id = {e.id: e for e in found.values()}
        ids = list(by_id)
        for start in range(0, len(ids), CHUNK):
            states = MatterSyncState.objects.filter(matter_id__in=ids[start : start + CHUNK])
            for matter_id, digest, row_hash, revision_id in states.values_list(
                "matter_id", "content_hash", "row_hash", "revision_id"
            ):
                by_id[matter_id].state_hash = digest
                by_id[matter_id].state_row_hash = row_hash
                by_id[matter_id].state_revision_id = revision_id
        return found

    def _compare(self, plans):
        """Compare rows field by field with the matters' latest content, in bulk."""
        for start in range(0, len(plans), CHUNK):
            chunk = plans[start : start + CHUNK]
            bases = self._latest_content([p.existing for p in chunk])
            blockers = self._blockers([p.existing for p in chunk])
            for plan in chunk:
                base = bases[plan.existing.id]
                current = self.resource.canonical_of(base, plan.canonical.keys())
                plan.changes = [
                    (column, current[column], text)
                    for column, text in plan.canonical.items()
                    if current[column] != text
                ]
                if not plan.changes:
                    plan.status = UNCHANGED
                    plan.refresh_state = True
                elif plan.existing.id in blockers:
                    plan.status = CONFLICT
                    plan.notes.insert(0, blockers[plan.existing.id])
                else:
                    plan.status = CHANGED
                    plan.base = base
                    changed = {c for c, _, _ in plan.changes}
                    plan.changed_values = {
                        f.attribute: plan.values[f.attribute]
                        for f in self.resource.stored_fields()
                        if f.column_name in changed
                    }
                    if "fee_charged" in plan.changed_values:
                        for attribute in ("fee_standard", "fee_basis"):
                            if attribute in plan.values:
                                plan.changed_values[attribute] = plan.values[attribute]
                    plan.child_diffs = keep_editors_work(base, plan.changed_values)

    @staticmethod
    def _latest_content(existing):
        drafts = [e.latest_revision_id for e in existing if e.has_unpublished_changes]
        content = {int(r.object_id): r.as_object() for r in Revision.objects.filter(id__in=drafts)}
        rows = [e.id for e in existing if e.id not in content]
        for matter in MatterPage.objects.filter(id__in=rows).prefetch_related(*CHILD_ATTRIBUTES):
            content[matter.id] = matter
        return content

    @staticmethod
    def _blockers(existing):
        """Why a matter must not be overwritten: someone's draft, a workflow, a lock."""
        blockers = {e.id: gettext("事项已被锁定，请解锁后再导入。") for e in existing if e.locked}
        in_workflow = WorkflowState.objects.active().filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(e.id) for e in existing],
        )
        for object_id in in_workflow.values_list("object_id", flat=True):
            blockers.setdefault(int(object_id), gettext("事项正在审核流程中，请审核结束后再导入。"))
        # A pending draft that the last sync did not produce was saved by an editor.
        foreign_drafts = [
            e.latest_revision_id
            for e in existing
            if e.has_unpublished_changes and e.latest_revision_id != e.state_revision_id
        ]
        for revision in Revision.objects.filter(id__in=foreign_drafts).select_related("user"):
            who = revision.user.get_username() if revision.user else gettext("他人")
            when = timezone.localtime(revision.created_at)
            blockers.setdefault(
                int(revision.object_id),
                gettext(
                    "%(who)s于%(when)s保存的草稿尚未发布，为免覆盖未导入此行；请先发布或放弃该草稿。"
                )
                % {"who": who, "when": format(when, "%Y-%m-%d %H:%M")},
            )
        return blockers


class MatterSyncResource(MatterResource):
    def __init__(self, *, sheet, dry_run=True, user=None, department=None, publish=False,
                 apply_valid=False, run=None, progress=None, batch=None,
                 create_departments=False, archive=None):  # fmt: skip
        super().__init__()
        self.batch = batch
        self.dry_run = dry_run
        self.sheet = sheet
        self.planner = Planner(self, user=user, department=department, publish=publish,
                               units=sheet.units,
                               create_departments=create_departments,
                               archive=archive)  # fmt: skip
        self.department = department
        self.apply_valid = apply_valid
        self.writer = PageWriter(user=user, publish=publish, run=run, archive=archive)
        self.progress = progress
        self.plans = []
        self.blocked = True
        self.failed = False
        self.planning_error = None

    @classmethod
    def get_result_class(cls):
        return SyncResult

    @classmethod
    def get_row_result_class(cls):
        return MatterRowResult

    def before_import(self, dataset, **kwargs):
        try:
            self.plans = self.planner.plan(dataset, self.sheet.rows, self.progress)
        except Exception as error:
            # import-export would log this and go on to the rows; there is no plan for them.
            self.planning_error = error
            raise
        has_errors = any(p.status == ERROR for p in self.plans)
        self.blocked = self.dry_run or (has_errors and not self.apply_valid)

    def import_row(self, row, instance_loader, **kwargs):
        if self.planning_error:
            raise self.planning_error
        number = kwargs["row_number"]
        plan = self.plans[number - 1]
        result = self.get_row_result_class()()
        result.plan = plan
        result.import_type = IMPORT_TYPES[plan.status]
        result.object_id = plan.existing.id if plan.existing else None
        result.object_repr = plan.title
        if plan.status == ERROR:
            result.validation_error = ValidationError(
                {column: [message] for column, message in plan.errors.items()}
            )
        elif not self.blocked:
            if plan.status == NEW:
                self.create_instances.append(plan)
            elif plan.status == CHANGED:
                self.update_instances.append(plan)
            elif plan.refresh_state:
                self.writer.confirm([plan])
        if self.progress and number % 50 == 0:
            self.progress(
                gettext("写入") if not self.blocked else gettext("比对"), number, len(self.plans)
            )
        return result

    def _write(self, method, items, result, raise_errors):
        if items and not self.failed:
            try:
                with transaction.atomic():
                    method(list(items))
            except Exception as error:
                self.failed = True
                self.handle_import_error(result, error, raise_errors)
        items.clear()

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None,
                    result=None):  # fmt: skip
        self._write(self._create, self.create_instances, result, raise_errors)

    def _create(self, plans):
        self.created_departments = create_pending(plans, self.writer.user)
        self.writer.create(plans)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None,
                    result=None):  # fmt: skip
        self._write(self.writer.revise, self.update_instances, result, raise_errors)

    def bulk_delete(self, using_transactions, dry_run, raise_errors, result=None):
        """Matters are never deleted by an import; missing ones are reported as withdrawn?."""

    def after_import(self, dataset, result, **kwargs):
        result.plans = self.plans
        result.withdrawn = self._withdrawn()
        result.new_departments = list(self.planner.pending)
        if not self.blocked and not self.failed:
            if self.progress:
                self.progress(gettext("索引"), len(self.plans), len(self.plans))
            self.writer.finish()
            if self.batch is not None:
                if self.progress:
                    self.progress(gettext("加入批次"), len(self.plans), len(self.plans))
                result.joined = join_plans(self.batch, self.plans, self.writer.user)
            result.written = True

    def _withdrawn(self):
        scope = {p.department.pk for p in self.plans if p.department is not None}
        if self.department is not None:
            scope.add(self.department.pk)
        listed = {p.code for p in self.plans}
        titles = dict(DepartmentPage.objects.filter(pk__in=scope).values_list("pk", "title"))
        matters = MatterPage.objects.filter(department_id__in=scope).order_by("path")
        return [
            Withdrawn(id_, code, title, titles.get(department_id, ""), live)
            for id_, code, title, department_id, live in matters.values_list(
                "id", "code", "title", "department_id", "live"
            )
            if code not in listed
        ]


def formula_message(formula):
    shown = f"“{formula[:40]}”" if formula else ""
    return gettext(
        "单元格是公式%(shown)s，公式算出的结果不会作为内容导入。"
        "请把该列复制后“选择性粘贴 → 数值”，再重新上传。"
    ) % {"shown": shown}


def row_digest(values, columns, units):
    """Fingerprint of a row's raw cells: equal means the spreadsheet row did not change."""
    hasher = hashlib.sha256()
    for column in columns:
        hasher.update(f"{column}\x1f{values[column]}\x1f{units.get(column, '')}\x1e".encode())
    return hasher.hexdigest()


def sheet_dataset(sheet):
    headers = [h for h in dict.fromkeys(sheet.header) if h]
    dataset = tablib.Dataset(headers=headers)
    for row in sheet.rows:
        dataset.append([row.values.get(h, "") for h in headers])
    return dataset


def sync_sheet(sheet, *, user=None, department=None, publish=False, apply_valid=False,
               dry_run=True, run=None, progress=None, batch=None,
               create_departments=False, archive=None):  # fmt: skip
    """Plan (and unless `dry_run`, apply) a sheet; returns a SyncResult. With `batch`, the
    new and changed matters' drafts join that reform batch (BatchJoinError if it cannot).
    With `create_departments` (the reform office only), bodies the site lacks are created.
    `archive` (importers.archive) holds the files the attachment columns name."""
    if batch is not None:
        check_batch(batch, user, publish=publish)
    if create_departments:
        check_may_create(user)
    steps.merge(sheet)
    resource = MatterSyncResource(
        sheet=sheet, dry_run=dry_run, user=user, department=department, publish=publish,
        apply_valid=apply_valid, run=run, progress=progress, batch=batch,
        create_departments=create_departments, archive=archive,
    )  # fmt: skip
    with deferred_indexing():
        result = resource.import_data(
            sheet_dataset(sheet), dry_run=dry_run, use_transactions=True,
            rollback_on_validation_errors=not apply_valid,
        )  # fmt: skip
    if result.has_errors():
        result.written = False
    return result
