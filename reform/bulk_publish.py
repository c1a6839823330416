"""Publishing thousands of matter revisions inside one transaction, fast enough for a
4,811-matter batch. Mirrors MatterPage.save() (department from the parent, code trimmed).

Wagtail's PublishPageRevisionAction costs some forty queries per page (a foreign-key check for
every reference while rebuilding the revision, full_clean's existence queries, a save per
material, a reference-index rebuild per saved child). This module does, per chunk of pages,
what that action does for a page going live now:

* builds the page from the revision like Page.with_content_json (tree position, owner, lock,
  translation and first publication kept from the live row), dangling references nulled in
  bulk as modelcluster would;
* validates it as Page.save does for a live page (field validation, the model's clean() with
  the slug check, 实施编码 uniqueness);
* writes the page rows, child rows and themes; sets live, live_revision, publish dates and
  has_unpublished_changes; clears scheduled approvals;
* cancels workflows in progress, updates aliases, refreshes the search and reference
  indexes, sends `page_published` / `published`, and writes one audit-log entry per page.

Admin comments are left as they are (the action would only re-save their positions).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from tqdm import tqdm
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision, WorkflowState
from wagtail.signals import page_published, page_slug_changed, published

from cms_pages.page_cache import one_generation
from cms_pages.wagtail_internals import (
    delete_rows_without_signals,
    move_descendant_url_paths,
    remember_parent,
)

CHUNK = 200
# Kept from the live row, never taken from the revision (as Page.with_content_json does).
KEPT = ("content_type_id", "path", "depth", "numchild", "draft_title", "owner_id", "locked",
        "locked_by_id", "locked_at", "latest_revision_id", "latest_revision_created_at",
        "translation_key", "locale_id", "alias_of_id")  # fmt: skip


class MatterPublishError(Exception):
    """Publishing one page failed; `page` is the page's live row, `error` the cause."""

    def __init__(self, page, error):
        super().__init__(str(error))
        self.page, self.error = page, error


def chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def child_relations(model):
    return [
        rel for rel in get_all_child_relations(model)
        if rel.related_model._meta.app_label != "wagtailcore"
    ]  # fmt: skip


def build(current, revision, parent, as_latest):
    """The page as the revision has it, at the live row's place in the tree, going live now.
    Many-to-many values are left out here and written from the revision by write_children."""
    model = type(current)
    m2m = {f.name for f in model._meta.many_to_many}
    content = {k: v for k, v in revision.content.items() if k not in m2m}
    page = model.from_serializable_data(content, check_fks=False)
    page.pk = page.id = page.page_ptr_id = current.pk
    for name in KEPT:
        setattr(page, name, getattr(current, name))
    if as_latest:
        page.latest_revision_id = revision.pk
        page.latest_revision_created_at = revision.created_at
        page.draft_title = page.title
    remember_parent(page, parent)
    page.set_url_path(parent)
    # What MatterPage.save() does before every save.
    page.department_id = parent.pk
    page.code = (page.code or "").strip()
    now = timezone.now()
    page.live, page.expired = True, False
    page.has_unpublished_changes = revision.pk != page.latest_revision_id
    page.live_revision_id = revision.pk
    page.last_published_at = now
    page.first_published_at = current.first_published_at or page.first_published_at or now
    return page


def foreign_keys(model, skip=()):
    return [
        f for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and not f.remote_field.parent_link
        and f.attname not in skip
    ]  # fmt: skip


def null_dangling(instances, fields):
    """Null references to rows deleted since the revision was saved (modelcluster's check)."""
    for field in fields:
        values = {getattr(i, field.attname) for i in instances} - {None}
        if not values:
            continue
        target = field.remote_field.model
        found = set()
        for part in chunks(values, 500):
            found.update(target._base_manager.filter(pk__in=part).values_list("pk", flat=True))
        for instance in instances:
            if getattr(instance, field.attname) not in found | {None}:
                setattr(instance, field.attname, None)


def validate(pages, model):
    """What Page.save(clean=True) checks for a live page; raises MatterPublishError."""
    skip = [f.name for f in foreign_keys(model)]
    for page in pages:
        try:
            page.clean_fields(exclude=skip)
            page.clean()
        except ValidationError as error:
            raise MatterPublishError(page, error) from error
    for field in model._meta.local_concrete_fields:
        if not field.unique or field.primary_key:
            continue
        values = {getattr(p, field.attname): p for p in pages}
        if len(values) < len(pages):
            clash = next(p for p in pages if values[getattr(p, field.attname)] is not p)
            raise MatterPublishError(clash, ValidationError(field.error_messages["unique"]))
        taken = model._base_manager.filter(**{f"{field.attname}__in": list(values)}).exclude(
            pk__in=[p.pk for p in pages]
        )
        clash = taken.values_list(field.attname, flat=True).first()
        if clash is not None:
            raise MatterPublishError(values[clash], ValidationError(field.error_messages["unique"]))


def write_rows(model, instances):
    """UPDATE every concrete column of each table in the model's inheritance chain, as
    Model.save() would, with one executemany per table."""
    quote = connection.ops.quote_name
    for table_model in [*reversed(model._meta.get_parent_list()), model]:
        meta = table_model._meta
        fields = [f for f in meta.local_concrete_fields if not f.primary_key]
        if not fields:
            continue
        sql = "UPDATE {} SET {} WHERE {} = %s".format(
            quote(meta.db_table),
            ", ".join(f"{quote(f.column)} = %s" for f in fields),
            quote(meta.pk.column),
        )
        rows = [
            [f.get_db_prep_save(f.pre_save(i, False), connection) for f in fields] + [i.pk]
            for i in instances
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def write_children(model, pages):
    ids = [p.pk for p in pages]
    for rel in child_relations(model):
        child_model, parent_key = rel.related_model, rel.field
        children = []
        for page in pages:
            for child in getattr(page, rel.get_accessor_name()).all():
                setattr(child, parent_key.attname, page.pk)
                children.append(child)
        null_dangling(children, [f for f in foreign_keys(child_model) if f is not parent_key])
        delete_rows_without_signals(
            child_model._base_manager.filter(**{f"{parent_key.attname}__in": ids})
        )
        child_model._base_manager.bulk_create(children, batch_size=500)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        source = field.m2m_field_name() + "_id"
        target = field.m2m_reverse_field_name() + "_id"
        delete_rows_without_signals(through._base_manager.filter(**{f"{source}__in": ids}))
        wanted = {page.pk: page.revision_content.get(field.name) or [] for page in pages}
        existing = set(
            field.related_model._base_manager.filter(
                pk__in={v for values in wanted.values() for v in values}
            ).values_list("pk", flat=True)
        )
        through._base_manager.bulk_create(
            [through(**{source: pk, target: value}) for pk, values in wanted.items()
             for value in values if value in existing],
            batch_size=500,
        )  # fmt: skip


def after_publish(model, pages, revisions, user, log_data):
    """The housekeeping Wagtail's publish action does once the rows are written."""
    ids = [p.pk for p in pages]
    page_type = ContentType.objects.get_for_model(Page)
    Revision.objects.filter(
        base_content_type=page_type, object_id__in=[str(i) for i in ids],
        approved_go_live_at__isnull=False,
    ).update(approved_go_live_at=None)  # fmt: skip
    if getattr(settings, "WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH", True):
        for state in WorkflowState.objects.active().filter(
            base_content_type=page_type, object_id__in=[str(i) for i in ids]
        ):
            state.cancel(user=user)
    aliased = set(Page.objects.filter(alias_of_id__in=ids).values_list("alias_of_id", flat=True))
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    now = timezone.now()
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        page_published.send(sender=model, instance=page, revision=revision)
        published.send(sender=model, instance=page, revision=revision)
        if page.pk in aliased:
            page.update_aliases(revision=revision, _content=revision.content)
        ReferenceIndex.create_or_update_for_object(page)
        data = dict(log_data)
        old_title = page.live_title
        if old_title != page.title:
            data["title"] = {"old": old_title, "new": page.title}
            # As PublishRevisionAction does: a rename entry before the publish entry.
            entries.append(
                PageLogEntry(
                    content_type=content_type, label=page.get_admin_display_title(),
                    action="wagtail.rename", timestamp=now, data=dict(data), user=user,
                    revision=revision, content_changed=False, page_id=page.pk,
                )
            )  # fmt: skip
        entries.append(
            PageLogEntry(
                content_type=content_type, label=page.get_admin_display_title(),
                action="wagtail.publish", timestamp=now, data=data, user=user,
                revision=revision, content_changed=True, page_id=page.pk,
            )
        )  # fmt: skip
    PageLogEntry.objects.bulk_create(entries, batch_size=500)
    from modelsearch.backends import get_search_backends

    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, pages)


def publish_revisions(model, revisions, user=None, log_data=None, as_latest=False):
    """Publish page revisions of `model`, one per page; call inside a transaction. With
    `as_latest` the revisions also become the pages' latest (a rollback's fresh copies)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("publish_revisions must run inside transaction.atomic()")
    # One broad advance of the page cache for the whole batch, not one per page.
    with one_generation():
        return _publish_in_chunks(model, revisions, user, log_data, as_latest)


def _publish_in_chunks(model, revisions, user, log_data, as_latest):
    published_pages = []
    progress = tqdm(total=len(revisions), desc=_("发布事项"), unit=_("项"), disable=None)
    for part in chunks(revisions):
        ids = [int(r.object_id) for r in part]
        current = model._base_manager.in_bulk(ids)
        parents = {p.path: p for p in Page.objects.filter(path__in={
            current[i].path[: -Page.steplen] for i in ids})}  # fmt: skip
        pages = []
        for revision in part:
            live = current[int(revision.object_id)]
            page = build(live, revision, parents[live.path[: -Page.steplen]], as_latest)
            page.revision_content, page.live_title = revision.content, live.title
            pages.append(page)
        null_dangling(pages, foreign_keys(model, skip=KEPT + ("live_revision_id",)))
        validate(pages, model)
        write_rows(model, pages)
        write_children(model, pages)
        for page in pages:
            live = current[page.pk]
            if live.slug != page.slug:
                if live.numchild:
                    move_descendant_url_paths(page, live.url_path, page.url_path)
                transaction.on_commit(
                    lambda page=page, live=live: page_slug_changed.send(
                        sender=model, instance=page, instance_before=live
                    )
                )
        after_publish(model, pages, part, user, log_data or {})
        published_pages.extend(pages)
        progress.update(len(part))
    progress.close()
    return published_pages
