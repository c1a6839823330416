"""Write imported matters into the Wagtail page tree: new pages and new revisions.

New matters are placed under their department exactly as treebeard's add_child would place
them (next path step, parent's numchild), but the position of the last child, the sibling
slugs and the parent's numchild are tracked once per department instead of per page. Every
matter gets a revision (a draft unless publishing was asked for and allowed); child rows of
new pages are inserted in bulk before the revision is taken, so it records their ids.
"""

from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry
from wagtail.signals import page_published, published

from cms_pages.models import (
    MainItem,
    MatterFeeItem,
    MatterIntermediaryService,
    MatterLegalBasis,
    MatterMaterial,
    MatterPage,
)
from cms_pages.page_cache import one_generation
from cms_pages.slugs import pinyin_slug
from cms_pages.wagtail_internals import (
    child_path,
    child_position,
    remember_not_site_root,
    remember_parent,
)
from reform.bulk_publish import publish_revisions
from search import outbox as search_outbox

from .attachments import DocumentStore, link
from .guide_cells import MainItemRef
from .indexing import index_new_pages
from .models import MatterSyncState
from .resources import CHILD_ATTRIBUTES, apply_values

# Child rows of a new matter, inserted in bulk in the order the cell lists them.
ORDERED_CHILDREN = {
    "materials": MatterMaterial,
    "legal_bases": MatterLegalBasis,
    "fee_items": MatterFeeItem,
    "intermediary_services": MatterIntermediaryService,
}


class PageWriter:
    def __init__(self, user=None, publish=False, run=None, archive=None):
        self.user = user
        self.documents = DocumentStore(archive, user)
        self.publish = publish
        self.run = run
        self._last_position = {}
        self._slugs = {}
        self._new_children = Counter()
        self._states = []
        self._to_publish = []
        self._main_items = {}

    # -- new matters -----------------------------------------------------------------------

    def create(self, items):
        """`items`: objects with .values, .department and .digest (see sync.RowPlan)."""
        created = []
        started = timezone.now()
        for item in items:
            page, values = MatterPage(), dict(item.values)
            link(page, values, self.documents)
            plain = {k: v for k, v in values.items() if k not in CHILD_ATTRIBUTES}
            page = apply_values(page, self._main_item(plain))
            self._place(page, item.department)
            page.owner = self.user
            page.live = False
            page.has_unpublished_changes = True
            page.draft_title = page.title
            page.save(clean=False, user=self.user, log_action=None)
            created.append((page, item))
        self._insert_children(created)
        revisions = []
        for page, item in created:
            revision = page.save_revision(user=self.user, clean=False, log_action=False)
            self._finish_matter(page, revision, item, new=True)
            revisions.append(revision)
        self._log_creation([page for page, _ in created], started)
        if self.publish:
            self._go_live([page for page, _ in created], revisions)
        index_new_pages([page for page, _ in created])

    def _go_live(self, pages, revisions):
        """Publish pages created a moment ago from their only revision, as
        PublishPageRevisionAction would: the row goes live, the history says published, and
        page_published / published are sent (search documents, page cache). Nothing else of
        that action applies to a page without a past: no comments, aliases, workflow or
        earlier revisions."""
        now = timezone.now()
        for page, revision in zip(pages, revisions, strict=True):
            page.live, page.has_unpublished_changes = True, False
            page.live_revision = revision
            page.first_published_at = page.last_published_at = now
        # Each page's only revision is its latest one.
        Page.objects.filter(pk__in=[page.pk for page in pages]).update(
            live=True, has_unpublished_changes=False, live_revision_id=F("latest_revision_id"),
            first_published_at=now, last_published_at=now,
        )  # fmt: skip
        content_type = ContentType.objects.get_for_model(MatterPage)
        PageLogEntry.objects.bulk_create(
            PageLogEntry(content_type=content_type, label=page.get_admin_display_title(),
                         action="wagtail.publish", timestamp=now, data={}, page=page,
                         revision=revision, user=self.user, content_changed=True)
            for page, revision in zip(pages, revisions, strict=True)
        )  # fmt: skip
        with one_generation(), search_outbox.gathered():
            for page, revision in zip(pages, revisions, strict=True):
                page_published.send(sender=MatterPage, instance=page, revision=revision)
                published.send(sender=MatterPage, instance=page, revision=revision)

    def _place(self, page, department):
        position = self._last_position.get(department.pk)
        if position is None:
            # Two imports into one department must not pick the same tree positions.
            Page.objects.select_for_update().filter(pk=department.pk).exists()
            last = department.get_last_child()
            position = child_position(last) if last else 0
        self._last_position[department.pk] = position + 1
        page.path = child_path(department, position + 1)
        page.depth = department.depth + 1
        page.numchild = 0
        page.locale_id = department.locale_id
        page.slug = self._slug(department, page.title)
        # Known parent and never a site root: spares Page.save two queries per page.
        remember_parent(page, department)
        remember_not_site_root(page)
        self._new_children[department.pk] += 1

    def _slug(self, department, title):
        taken = self._slugs.get(department.pk)
        if taken is None:
            taken = self._slugs[department.pk] = set(
                department.get_children().values_list("slug", flat=True)
            )
        base = pinyin_slug(title, 70)
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        return candidate

    def _insert_children(self, created):
        rows, links, care_links = defaultdict(list), [], []
        through = MatterPage.themes.through
        care_through = MatterPage.care_tags.through
        for page, item in created:
            for attribute in ORDERED_CHILDREN:
                for order, child in enumerate(item.values.get(attribute, [])):
                    child.matter_id, child.sort_order = page.pk, order
                    rows[attribute].append(child)
            links.extend(
                through(matterpage_id=page.pk, theme_id=theme.pk)
                for theme in item.values.get("themes", [])
            )
            care_links.extend(
                care_through(matterpage_id=page.pk, caretag_id=tag.pk)
                for tag in item.values.get("care_tags", [])
            )
        for attribute, model in ORDERED_CHILDREN.items():
            model.objects.bulk_create(rows[attribute])
        through.objects.bulk_create(links)
        care_through.objects.bulk_create(care_links)
        # Every relation in memory, so taking the revision queries none of them.
        relations = [r.get_accessor_name() for r in get_all_child_relations(MatterPage)]
        for page, item in created:
            for name in relations:
                setattr(page, name, item.values.get(name, []))
            page.themes = item.values.get("themes", [])
            page.care_tags = item.values.get("care_tags", [])

    def _main_item(self, values):
        """The MainItem a row names (by 基本编码, else by name), created the first time."""
        ref = values.get("main_item")
        if not isinstance(ref, MainItemRef):
            return values
        key = ref.code or ref.name
        if key not in self._main_items:
            lookup = {"code": ref.code} if ref.code else {"name": ref.name, "code": ""}
            item = MainItem.objects.filter(**lookup).first()
            if item is None:
                item = MainItem.objects.create(name=ref.name, code=ref.code)
            elif item.name != ref.name:
                item.name = ref.name
                item.save(update_fields=["name"])
            self._main_items[key] = item
        return {**values, "main_item": self._main_items[key]}

    def _log_creation(self, pages, when):
        """The "created" entry of each page's history, as Page.save would log it."""
        content_type = ContentType.objects.get_for_model(MatterPage)
        PageLogEntry.objects.bulk_create(
            PageLogEntry(content_type=content_type, label=page.get_admin_display_title(),
                         action="wagtail.create", timestamp=when, data={}, page=page,
                         user=self.user, content_changed=True)
            for page in pages
        )  # fmt: skip

    # -- changed matters -------------------------------------------------------------------

    def revise(self, items):
        """`items`: objects with .base (the matter's latest content), .changes_values, .digest."""
        for item in items:
            values = dict(item.changed_values)
            link(item.base, values, self.documents)
            page = apply_values(item.base, self._main_item(values))
            remember_not_site_root(page)
            revision = page.save_revision(user=self.user, clean=False, log_action=True)
            self._finish_matter(page, revision, item)

    def confirm(self, items):
        """Unchanged rows whose fingerprint was missing or stale: remember them as synced."""
        self._states.extend(
            MatterSyncState(matter_id=i.existing.id, content_hash=i.digest,
                            row_hash=i.row_digest, revision_id=i.existing.latest_revision_id,
                            run=self.run)
            for i in items
        )  # fmt: skip

    def _finish_matter(self, page, revision, item, new=False):
        if self.publish and not new:
            self._to_publish.append(revision)
        self._states.append(
            MatterSyncState(matter_id=page.pk, content_hash=item.digest,
                            row_hash=item.row_digest, revision=revision, run=self.run)
        )  # fmt: skip
        item.matter_id, item.revision_id = page.pk, revision.pk

    # -- end of run ------------------------------------------------------------------------

    def finish(self):
        for department_id, count in self._new_children.items():
            Page.objects.filter(pk=department_id).update(numchild=F("numchild") + count)
        if self._to_publish:
            # What revision.publish() does page by page, for every page at once (reform's
            # bulk publisher, the one a batch release uses).
            with one_generation(), search_outbox.gathered():
                publish_revisions(MatterPage, self._to_publish, user=self.user)
        MatterSyncState.objects.bulk_create(
            self._states, batch_size=500, update_conflicts=True, unique_fields=["matter"],
            update_fields=["content_hash", "row_hash", "revision", "run", "synced_at"],
        )  # fmt: skip
