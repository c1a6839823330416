"""`sync_department --publish` publishes in bulk; what it leaves must be exactly what Wagtail's
own publish leaves: page rows, child rows, revisions, references, history, search documents."""

import json

import pytest
from django.db import transaction
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from cms_pages.models import (
    MainItem,
    MatterFeeItem,
    MatterIntermediaryService,
    MatterLegalBasis,
    MatterMaterial,
    MatterPage,
)
from importers.sync import sync_sheet
from search.models import SearchDocument
from spreadsheets.reader import read_sheet

from . import corpus

pytestmark = pytest.mark.django_db
# Moments and generated keys differ between any two runs; everything else must not.
VOLATILE = {"id", "page_ptr_id", "first_published_at", "last_published_at", "created_at",
            "latest_revision_created_at", "translation_key", "timestamp", "uuid", "indexed_at",
            "live_revision_id", "latest_revision_id", "revision_id", "updated_at",
            "go_live_at", "expire_at"}  # fmt: skip
CHILDREN = (MatterMaterial, MatterLegalBasis, MatterFeeItem, MatterIntermediaryService)


def _plain(row, ids):
    return {k: _key(k, v, ids) if k.endswith("_id") or k in ("object_id", "page") else _value(v)
            for k, v in row.items() if k not in VOLATILE}  # fmt: skip


def _key(name, value, ids):
    """A generated key as what it stands for: a matter's 实施编码, a main item's name (ids are
    not reused after a rollback on PostgreSQL)."""
    if name in ("main_item_id", "main_item"):
        return MainItem.objects.filter(pk=value).values_list("name", flat=True).first()
    return ids.get(value, value)


def _reference(row, ids):
    plain = _plain(row, ids)
    if row["model_path"] == "main_item":
        plain["to_object_id"] = _key("main_item", row["to_object_id"], ids)
    return plain


def _value(value):
    """A StreamField's blocks without the random ids each save gives them, a revision's child
    rows without their generated keys (PostgreSQL does not reuse them after a rollback)."""
    if hasattr(value, "raw_data"):
        return _value(list(value.raw_data))
    if isinstance(value, str) and value.startswith('[{"'):  # as a revision stores it
        return _value(json.loads(value))
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items() if k not in ("id", "pk", "matter")}
    return value


def state(codes):
    """Everything a publish leaves for these matters, ids replaced by 实施编码."""
    matters = MatterPage.objects.filter(code__in=codes)
    ids = dict(matters.values_list("pk", "code"))
    ids.update({str(pk): code for pk, code in ids.items()})
    content = {k: v for k, v in Page.objects.filter(pk__in=ids).values_list("pk", "path")}
    snapshot = {
        "pages": sorted((_plain(r, ids) for r in matters.values()), key=lambda r: r["code"]),
        "tree": sorted(content.values()),
    }
    for model in CHILDREN:
        rows = model.objects.filter(matter_id__in=list(ids)).values()
        snapshot[model.__name__] = sorted((_plain(r, ids) for r in rows), key=repr)
    revisions = Revision.objects.filter(object_id__in=[str(pk) for pk in ids]).order_by("pk")
    snapshot["revisions"] = [
        (ids[r.object_id], {k: _key(k, v, ids) if k == "main_item" else _value(v)
                            for k, v in r.content.items() if k not in VOLATILE
                            and k not in ("pk", "live_revision", "latest_revision",
                                          "has_unpublished_changes")})
        for r in revisions
    ]  # fmt: skip
    snapshot["references"] = sorted(
        (_reference(r, ids) for r in ReferenceIndex.objects.filter(object_id__in=[str(pk) for pk in
                                                                          ids]).values()),
        key=repr,
    )  # fmt: skip
    snapshot["history"] = sorted(
        (ids[e.page_id], e.action, e.content_changed, e.deleted, repr(e.data))
        for e in PageLogEntry.objects.filter(page_id__in=ids)
    )
    documents = list(SearchDocument.objects.filter(pk__in=ids).values())
    for document in documents:
        # A digest over the whole document, generated keys included: only whether it is there
        # can match between runs; every field it covers is compared itself.
        document["fingerprint"] = bool(document["fingerprint"])
    snapshot["search"] = sorted((_plain(r, ids) for r in documents), key=repr)
    return snapshot


def captured(apply):
    with transaction.atomic():
        point = transaction.savepoint()
        codes = apply()
        snapshot = state(codes)
        transaction.savepoint_rollback(point)
    return snapshot


def import_corpus(rows=None, **options):
    sheet = read_sheet(corpus.xlsx(rows or corpus.catalogue()), name="yunxi.xlsx")
    result = sync_sheet(sheet, dry_run=False, **options)
    assert result.written
    return [p.code for p in result.plans]


def wagtail_publish(codes):
    """Wagtail's own publish, one matter after another, of each latest revision."""
    for matter in MatterPage.objects.filter(code__in=codes).order_by("path"):
        if matter.has_unpublished_changes:
            matter.latest_revision.publish(skip_permission_checks=True)


def test_bulk_publish_leaves_what_wagtail_publish_leaves(corpus_departments):
    def bulk():
        return import_corpus(publish=True)

    def wagtail():
        codes = import_corpus()
        wagtail_publish(codes)
        return codes

    assert_same(captured(bulk), captured(wagtail))


def test_republishing_changed_matters_leaves_what_wagtail_publish_leaves(corpus_departments):
    changed = corpus.catalogue()
    changed[0]["申请材料"] = changed[0]["申请材料"].rsplit("\n", 1)[0]
    changed[1]["承诺办结时限"], changed[1]["办理流程"] = (
        4,
        "申请→受理（应急窗口，即时）→决定（局长，4个工作日）",
    )
    changed[5]["事项名称"] += "（2026年修订）"

    def bulk():
        import_corpus(publish=True)
        return import_corpus(changed, publish=True)

    def wagtail():
        wagtail_publish(import_corpus())
        codes = import_corpus(changed)
        wagtail_publish(codes)
        return codes

    assert_same(captured(bulk), captured(wagtail))


def assert_same(ours, theirs):
    assert ours["pages"] and all(page["live"] for page in ours["pages"])
    assert not any(page["has_unpublished_changes"] for page in ours["pages"])
    assert ours["search"], "published matters are searchable"
    for key in theirs:
        assert ours[key] == theirs[key], (key, differences(ours[key], theirs[key]))


def differences(ours, theirs):
    """The first differing entry, field by field where they are dicts."""
    for mine, other in zip(ours, theirs, strict=False):
        if mine != other:
            if isinstance(mine, tuple) and isinstance(mine[-1], dict):
                mine, other = mine[-1], other[-1]
            if isinstance(mine, dict):
                return {k: (mine.get(k), other.get(k)) for k in mine | other
                        if mine.get(k) != other.get(k)}  # fmt: skip
            return mine, other
    return len(ours), len(theirs)
