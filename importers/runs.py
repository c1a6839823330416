"""Run an import and keep its record: who, when, which file (name, SHA-256), counts, duration
and the per-row messages. Admin uploads run as a background task (django-tasks) that reads
the stored upload from IMPORTERS_WORK_DIR and reports progress through a small file there,
which a web process can read while the import's own transaction is still open; the file's
age tells whether the task is still alive."""

import hashlib
import json
import logging
import re
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cms_pages.background import run_died, settle_task_record
from spreadsheets.reader import SheetError, read_sheet

from . import departments as department_sheet
from . import header_maps
from .access import DepartmentRights
from .archive import Archive, ArchiveError
from .batches import BatchJoinError, batch_report
from .missing_departments import DepartmentCreationRefused
from .models import UNCHANGED, ImportRun
from .steps import STEP_SHEETS
from .sync import sync_sheet

logger = logging.getLogger(__name__)


def work_dir():
    path = Path(settings.IMPORTERS_WORK_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def store_upload(data, name):
    """Keep an uploaded file until its preview is confirmed; returns the stored name."""
    safe = re.sub(r"[^\w.\-]+", "_", Path(name).name)[-80:]
    stored = f"{sha256(data)[:16]}-{safe}"
    (work_dir() / stored).write_bytes(data)
    return stored


def stored_bytes(run):
    return (work_dir() / run.stored_file).read_bytes()


def new_run(data, file_name, *, user=None, operator="", source="admin", department=None,
            dry_run=True, publish=False, apply_valid=False, stored_file="",
            preview_of=None, batch=None, header_map=None, kind=ImportRun.MATTERS,
            create_departments=False, attachments=None, attachments_name="",
            attachments_file="", attachments_sha256=""):  # fmt: skip
    """A run record. `attachments` (bytes) is the zip of files beside the sheet; an admin
    upload keeps it in the work folder (`attachments_file`, see store_upload)."""
    if attachments is not None:
        attachments_sha256 = sha256(attachments)
    return ImportRun.objects.create(
        attachments_name=attachments_name[:255] if attachments_sha256 else "",
        attachments_sha256=attachments_sha256, attachments_file=attachments_file,
        user=user, operator=operator or (user.get_username() if user else ""), source=source,
        file_name=file_name[:255], file_sha256=sha256(data), file_size=len(data),
        stored_file=stored_file, department=department, dry_run=dry_run, publish=publish,
        apply_valid=apply_valid, preview_of=preview_of, batch=batch, header_map=header_map or {},
        kind=kind, create_departments=create_departments,
    )  # fmt: skip


def carried(run):
    """What a follow-up run (confirmation, new header mapping, retry) takes over from `run`:
    the same stored zip of attachments."""
    return {"attachments_name": run.attachments_name, "attachments_file": run.attachments_file,
            "attachments_sha256": run.attachments_sha256}  # fmt: skip


def attachment_bytes(run):
    """The run's stored zip, or None without one; refused if it changed since the upload."""
    if not run.attachments_file:
        return None
    data = (work_dir() / run.attachments_file).read_bytes()
    if sha256(data) != run.attachments_sha256:
        raise ArchiveError(_("存档的附件压缩包与上传时不一致，请重新上传。"))
    return data


def execute(run, data, progress=None, attachments=None):
    """Read, plan and (unless a dry run) apply; record everything on `run`. Returns the
    SyncResult, or None when the file itself could not be read. `attachments`: the zip's
    bytes (else the one stored with the run, if any)."""
    if run.kind == ImportRun.DEPARTMENTS:
        return department_sheet.execute(run, data)
    started = time.monotonic()
    run.status = ImportRun.RUNNING
    run.save(update_fields=["status"])
    result = None
    try:
        if progress:
            progress(_("读取"), 0, 0)
        sheet = read_sheet(data, name=run.file_name, also=STEP_SHEETS)
        if attachments is None:
            attachments = attachment_bytes(run)
        archive = Archive(attachments, run.attachments_name) if attachments is not None else None
        rights = DepartmentRights(run.user)
        departments = [d for d in header_maps.departments_of(sheet, run.department)
                       if rights.can_import(d)]  # fmt: skip
        header_maps.apply(sheet, run.header_map, departments)
        if run.header_map:
            header_maps.remember(run.header_map, departments, run.user)
        result = sync_sheet(
            sheet, user=run.user, department=run.department, publish=run.publish,
            apply_valid=run.apply_valid, dry_run=run.dry_run, run=run, progress=progress,
            batch=run.batch, create_departments=run.create_departments, archive=archive,
        )  # fmt: skip
        run.counts = dict(result.status_counts())
        run.report = build_report(sheet, result)
        if archive is not None:
            run.report["attachments"] = {"name": archive.name, "files": len(archive)}
        if run.batch is not None:
            run.report["batch"] = batch_report(run.batch, result.plans, result.joined)
        run.status, run.message = _outcome(run, result)
    except (SheetError, ArchiveError) as error:
        run.status, run.message = ImportRun.REJECTED, str(error)
        run.report = {"file_error": str(error)}
    except BatchJoinError as error:
        run.status, run.message = ImportRun.REJECTED, str(error)
        run.report = {"batch_error": str(error)}
    except DepartmentCreationRefused as error:
        run.status, run.message = ImportRun.REJECTED, str(error)
        run.report = {"file_error": str(error)}
    except Exception as error:
        logger.exception("import run %s failed", run.pk)
        run.status, run.message = (
            ImportRun.FAILED,
            _("导入中断，已全部撤销：%(error)s") % {"error": error},
        )
        raise
    finally:
        run.duration = round(time.monotonic() - started, 2)
        run.finished_at = timezone.now()
        run.save()
        progress_path(run).unlink(missing_ok=True)
    return result


def _outcome(run, result):
    if result.base_errors:
        errors = "；".join(str(e.error) for e in result.base_errors)[:500]
        return ImportRun.FAILED, _("写入时出错，已全部撤销：%(errors)s") % {"errors": errors}
    errors = result.has_row_errors()
    if run.dry_run:
        return ImportRun.PREVIEWED, _("预览完成，尚未写入。") + (_("有错误行。") if errors else "")
    if result.written:
        skipped = _("，有错误的行未导入") if errors else ""
        joined = ""
        if result.joined is not None:
            joined = _("新增和变更事项的草稿已加入改革批次“%(title)s”：%(joined)s") % {
                "title": run.batch.title,
                "joined": result.joined,
            }
        return ImportRun.APPLIED, _("已写入%(skipped)s。%(joined)s") % {
            "skipped": skipped,
            "joined": joined,
        }
    return ImportRun.REJECTED, _("有错误的行，按“全部或不导入”的规则什么也没有写入。")


def build_report(sheet, result):
    rows = []
    for plan in result.plans:
        if plan.status == UNCHANGED:
            continue
        rows.append(
            {
                "line": plan.line,
                "code": plan.code,
                "title": plan.title,
                "department": plan.department.title if plan.department else plan.department_name,
                "status": plan.status,
                "matter_id": plan.matter_id or (plan.existing.id if plan.existing else None),
                "messages": [[column, message] for column, message in plan.errors.items()],
                "notes": plan.notes,
                "changes": [list(change) for change in plan.changes],
                "children": plan.child_diffs,
            }
        )
    return {
        "format": sheet.format,
        "skipped": [list(item) for item in sheet.skipped],
        "columns": [name for name in dict.fromkeys(sheet.header) if name],
        "unknown_columns": sheet.unknown_columns,
        "mapped_columns": [[h, column, how] for h, (column, how) in sheet.mapped.items()],
        "rows": rows,
        "withdrawn": [w.__dict__ for w in result.withdrawn],
        "new_departments": result.new_departments,
        "errors": [str(e.error) for e in result.base_errors],
    }


# -- progress and background execution ------------------------------------------------------


def progress_path(run):
    return work_dir() / f"run-{run.pk}.progress.json"


def progress_writer(run):
    path = progress_path(run)
    last = [0.0]

    def write(phase, done, total):
        now = time.monotonic()
        if now - last[0] < 0.3 and done < total:
            return
        last[0] = now
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"phase": phase, "done": done, "total": total}))
        temporary.replace(path)

    return write


def read_progress(run):
    try:
        return json.loads(progress_path(run).read_text())
    except (OSError, ValueError):
        return {
            "phase": _("排队") if run.status == ImportRun.QUEUED else _("处理"),
            "done": 0,
            "total": 0,
        }


def start(run, data):
    """Hand the run to a background task. The task reads the upload from the work folder, so
    a worker on another host sees the same file when IMPORTERS_WORK_DIR is shared."""
    from .tasks import run_import

    if not run.stored_file:
        run.stored_file = store_upload(data, run.file_name)
        run.save(update_fields=["stored_file"])
    result = run_import.enqueue(run.pk)
    ImportRun.objects.filter(pk=run.pk).update(task_id=result.id)
    run.refresh_from_db()


def run_in_task(run_id):
    """The task's work: only a run still queued (one marked failed meanwhile stays failed)."""
    if not ImportRun.objects.filter(pk=run_id, status=ImportRun.QUEUED).update(
        status=ImportRun.RUNNING
    ):
        return {"skipped": run_id}
    run = ImportRun.objects.get(pk=run_id)
    data = stored_bytes(run)
    if sha256(data) != run.file_sha256:
        run.status, run.message = ImportRun.FAILED, _("存档文件与上传时不一致，请重新上传。")
        run.finished_at = timezone.now()
        run.save()
        return {"status": run.status}
    execute(run, data, progress_writer(run))
    return {"status": run.status, "counts": run.counts}


def settle(run, act=True):
    """The run as the editor should see it: one whose task died is marked failed (its
    writes rolled back with its transaction), in the task list too (`run_died`), so that it
    can be run again. With act=False only tells: the run as it would be."""
    if run.finished or not run.task_id:
        return run
    try:
        alive_at = datetime.fromtimestamp(progress_path(run).stat().st_mtime, tz=UTC)
    except OSError:
        alive_at = run.created_at
    interrupted = _("后台任务已中断，什么也没有写入，请重新运行。")
    if run_died(run.task_id, alive_at, interrupted, mark=act):
        if not act:
            run.status = ImportRun.FAILED
            return run
        ImportRun.objects.filter(pk=run.pk, status=run.status).update(
            status=ImportRun.FAILED, message=interrupted, finished_at=timezone.now()
        )
        progress_path(run).unlink(missing_ok=True)
        run.refresh_from_db()
    return run


def settle_task_run(task_id, act=True):
    """For the task list: settle the import run a task works on; True when the task died."""
    run = ImportRun.objects.filter(task_id=task_id).first()
    return settle_task_record(task_id, act, run, _failure, _("它执行的导入记录已被删除。"))


def _failure(run, act):
    run = settle(run, act)
    return run.message if run.status == ImportRun.FAILED else None


def again(run):
    """A failed preview run once more: the same stored file and choices, as a new run."""
    data = stored_bytes(run)
    retry = new_run(
        data, run.file_name, user=run.user, department=run.department, dry_run=True,
        publish=run.publish, stored_file=run.stored_file, batch=run.batch,
        header_map=run.header_map, kind=run.kind, create_departments=run.create_departments,
        **carried(run),
    )  # fmt: skip
    start(retry, data)
    return retry
