"""Files named in the attachment columns: checked in the preview, linked when writing.

One place resolves a reference, for the admin upload and the command line alike: a web
address stays a link (never fetched); a file name is looked up in the zip sent beside the
sheet and becomes a Wagtail document, one per distinct content (Wagtail's own file hash), so
a re-sync with the same zip links the same documents and creates none. A name the zip lacks
(or no zip at all) is a warning naming the column: the text is stored, and a file already
linked stays. A cell left empty keeps what editors uploaded in the admin; it drops only a
file the sheet itself had named before.

With a zip, rows the sheet did not change are still looked at: a file that now comes with
the sheet, or whose content changed, makes the row changed.
"""

from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from .archive import ALLOWED_SUFFIXES, file_key
from .attachment_cells import MATERIAL_KINDS, is_web_address
from .children import name_key
from .models import CHANGED, CONFLICT, NEW, UNCHANGED

RESULT = "result_sample_ref"
# i18n: data
COLUMNS = {RESULT: "结果样本", "blank_form_refs": "空白表格", "sample_refs": "示例样表"}
CHUNK = 500


def references(values):
    """(attribute, material name or None, reference) for every reference in parsed values."""
    if values.get(RESULT):
        yield RESULT, None, values[RESULT]
    for attribute in MATERIAL_KINDS:
        for item in values.get(attribute) or ():
            yield attribute, item.name, item.ref


def _holder(matter, name):
    """The matter itself (result sample) or its material of that name, if any."""
    if matter is None or name is None:
        return matter
    key = name_key(name)
    return next((m for m in matter.materials.all() if name_key(m.name) == key), None)


def _field(attribute):
    return "result_sample" if attribute == RESULT else MATERIAL_KINDS[attribute]


def _linked(holder, field, ref):
    """The document the holder already has for this same reference, if any."""
    if holder is None or getattr(holder, f"{field}_id") is None:
        return None
    if file_key(getattr(holder, f"{field}_ref")) != file_key(ref):
        return None
    return getattr(holder, field)


# -- the preview ----------------------------------------------------------------------------


def review(planner, plans, rows):
    """Warnings for files not at hand, and rows whose files change although their text does
    not. Runs after the planner decided every row."""
    archive = planner.archive
    if archive is not None:
        for number, plan in enumerate(plans):
            if plan.status == UNCHANGED and not plan.values and _names_any(rows[number]):
                parsed = planner.resource.parse_row(rows[number], planner.units)
                if not parsed.errors:
                    plan.values, plan.canonical = parsed.values, parsed.canonical
                    plan.digest, plan.notes = parsed.digest, parsed.notes
    # Without a zip only the rows being written can warn; with one, any row may link a file.
    statuses = (NEW, CHANGED) if archive is None else (NEW, CHANGED, UNCHANGED)
    plans = [p for p in plans if not p.errors and p.status in statuses
             and any(references(p.values))]  # fmt: skip
    bases = _bases(planner, [p for p in plans if p.existing is not None and p.base is None])
    stale_plans = []
    for plan in plans:
        base = plan.base or (bases.get(plan.existing.id) if plan.existing else None)
        stale = _check(plan, base, archive)
        if stale and plan.status != NEW:
            stale_plans.append((plan, base, stale))
    _mark_changed(planner, stale_plans)


def _names_any(row):
    return any((row.get(column) or "").strip() for column in COLUMNS.values())


def _bases(planner, plans):
    found = {}
    for start in range(0, len(plans), CHUNK):
        found.update(planner._latest_content([p.existing for p in plans[start : start + CHUNK]]))
    return found


def _check(plan, base, archive):
    """Note what cannot be linked; return the attributes whose file is new or different."""
    stale = set()
    for attribute, name, ref in references(plan.values):
        column = COLUMNS[attribute]
        holder = _holder(base, name)
        if name is not None and holder is None and "materials" not in plan.values:
            plan.fail(column, _("“%(name)s”不是本事项的申请材料。") % {"name": name[:40]})
            continue
        if is_web_address(ref):
            continue
        member = archive.find(ref) if archive is not None else None
        linked = _linked(holder, _field(attribute), ref)
        if member is not None and member.allowed:
            if linked is None or linked.file_hash != archive.sha1(member):
                stale.add(attribute)
        elif linked is None:
            plan.notes.append(f"【{column}】{_missing(name, ref, archive, member)}")
    return stale


def _missing(name, ref, archive, member):
    what = (_("材料“%(name)s”的“%(ref)s”") % {"name": name[:30], "ref": ref} if name
            else _("“%(ref)s”") % {"ref": ref})  # fmt: skip
    if member is not None:
        return _("%(what)s的文件类型不允许，只接受 %(types)s；表格中的文字已保存，未关联文件。") % {
            "what": what,
            "types": "、".join(s.lstrip(".") for s in ALLOWED_SUFFIXES),
        }
    if archive is None:
        return _(
            "%(what)s：未随表格上传附件压缩包，暂未关联文件；表格中的文字已保存，"
            "可连同压缩包重新导入，或在后台上传。"
        ) % {"what": what}
    return _(
        "%(what)s：附件压缩包“%(zip)s”中没有这个文件（按文件名查找，不分大小写和全半角，"
        "不看文件夹）；表格中的文字已保存，未关联文件。"
    ) % {"what": what, "zip": archive.name}


def _mark_changed(planner, stale_plans):
    """Rows whose text is unchanged but whose files are new or different become changed."""
    waiting = [(p, b, s) for p, b, s in stale_plans if p.status == UNCHANGED]
    blockers = planner._blockers([p.existing for p, _, _ in waiting]) if waiting else {}
    for plan, base, stale in stale_plans:
        for attribute in stale:
            column = COLUMNS[attribute]
            if not any(change[0] == column for change in plan.changes):
                text, note = plan.canonical.get(column, ""), _("（附件压缩包中的文件）")
                plan.changes.append((column, text, f"{text}\n{note}"))
        if plan.status == CHANGED:
            plan.changed_values.update({a: plan.values[a] for a in stale})
        elif plan.existing.id in blockers:
            plan.status = CONFLICT
            plan.notes.insert(0, blockers[plan.existing.id])
        else:
            plan.status, plan.base, plan.refresh_state = CHANGED, base, False
            plan.changed_values = {a: plan.values[a] for a in stale}


# -- writing --------------------------------------------------------------------------------


class DocumentStore:
    """Wagtail documents for zip members, one per distinct content."""

    def __init__(self, archive, user=None):
        self.archive, self.user = archive, user
        self._by_hash = {}

    def document(self, member):
        sha1 = self.archive.sha1(member)
        if sha1 not in self._by_hash:
            Document = get_document_model()
            document = Document.objects.filter(file_hash=sha1).order_by("pk").first()
            if document is None:
                data = self.archive.read(member)
                document = Document(title=PurePosixPath(member.name).stem[:255] or member.name,
                                    uploaded_by_user=self.user)  # fmt: skip
                document.file.save(member.name, ContentFile(data), save=False)
                document.file_size, document.file_hash = len(data), sha1
                document.save()
            self._by_hash[sha1] = document
        return self._by_hash[sha1]


def link(page, values, documents):
    """Take the attachment columns out of `values` and apply them to the page and its
    materials (`values["materials"]` when the row carries them). Call before apply_values."""
    if RESULT in values:
        _settle(page, "result_sample", values.pop(RESULT), documents)
    present = {a: values.pop(a) for a in MATERIAL_KINDS if a in values}
    if not present:
        return
    materials = values.get("materials")
    if materials is None:
        materials = page.materials = list(page.materials.all())
    for attribute, refs in present.items():
        by_key = {name_key(item.name): item.ref for item in refs}
        for material in materials:
            ref = by_key.get(name_key(material.name), "")
            _settle(material, MATERIAL_KINDS[attribute], ref, documents)


def _settle(holder, field, ref, documents):
    old = getattr(holder, f"{field}_ref")
    archive = documents.archive if documents is not None else None
    member = archive.find(ref) if archive is not None and ref and not is_web_address(ref) else None
    if member is not None and member.allowed:
        setattr(holder, field, documents.document(member))
    elif old and file_key(old) != file_key(ref):
        setattr(holder, field, None)  # the file the sheet named before, no longer named
    setattr(holder, f"{field}_ref", ref)
