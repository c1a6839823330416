"""Every use of a Wagtail (treebeard, Django) private API, each behind one named function.

Bulk imports and batch releases write thousands of pages; Wagtail's public per-page calls
cost tens of queries each. Where the project reproduces what a public call does in bulk, it
needs a private piece of Wagtail's own implementation, and only through this module. Each
wrapper names the version it was read from; tests/cms_pages/test_wagtail_internals.py checks
that it still gives what the public behaviour gives, so an upgrade that changes one fails
there first. Checked against Wagtail 8.0.1, django-treebeard 5.3.1 and Django 5.2.
"""

from wagtail.actions.base import BaseAction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

# -- page tree -----------------------------------------------------------------------------


def child_position(page):
    """Where `page` stands among its siblings (1 for a first child), read from its tree path.

    treebeard 5.3.1 `MP_Node._str2int`: the public API only offers get_last_child() and
    add_child(), which places one page per call (two queries and a lock each)."""
    return Page._str2int(page.path[-Page.steplen :])


def child_path(parent, position):
    """The tree path of `parent`'s child at `position`, as add_child() would give it.

    treebeard 5.3.1 `MP_Node._get_path`, the function add_child() itself uses; called
    directly so an import can place many new matters with one numchild update."""
    return Page._get_path(parent.path, parent.depth + 1, position)


def remember_parent(page, parent):
    """Tell `page` its parent so get_parent() (called by Page.save and full_clean) needs no
    query.

    treebeard 5.3.1 caches the parent in `_cached_parent_obj`; Wagtail 8.0.1's own add_child
    and Page.route() set it the same way. There is no public setter."""
    page._cached_parent_obj = parent


def remember_not_site_root(page):
    """Record that `page` is no site's root, sparing is_site_root() its query on save.

    Wagtail 8.0.1 `Page.is_site_root()` reads `_is_site_root` when present; the public
    PageQuerySet.annotate_site_root_state() sets it only on pages loaded from a queryset,
    not on a page built in memory."""
    page._is_site_root = False


def move_descendant_url_paths(page, old_url_path, new_url_path):
    """Rewrite the url_path of every page below `page` after its own url_path changed.

    Wagtail 8.0.1 `Page._update_descendant_url_paths`, which Page.save() calls when a slug
    changes; a bulk publish writes page rows without Page.save(), so it calls the same step."""
    page._update_descendant_url_paths(old_url_path, new_url_path)


# -- reference index -----------------------------------------------------------------------


def new_reference_rows(instance, content_type, base_content_type):
    """Unsaved ReferenceIndex rows for an object that has none yet: the rows
    ReferenceIndex.create_or_update_for_object() would insert for it.

    Wagtail 8.0.1 `_extract_references_from_object` and `_get_content_path_hash`: the public
    method reads the existing rows and writes per object (three queries at least); an import
    of new pages knows there are none and inserts all pages' rows with one bulk_create."""
    return [
        ReferenceIndex(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=str(instance.pk),
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(instance)
        )
    ]


# -- rows ----------------------------------------------------------------------------------


def delete_rows_without_signals(queryset):
    """DELETE the rows of `queryset` in one statement; returns how many went.

    Django 5.2 `QuerySet._raw_delete`: the public delete() first loads every row to collect
    cascades and send pre/post_delete, which for the child rows of thousands of republished
    pages (rows nothing else references, rewritten at once) is most of the publish time."""
    return queryset._raw_delete(queryset.db)


# -- publishing ----------------------------------------------------------------------------


class HookedPagePublish(PublishPageRevisionAction):
    """Wagtail's page-revision publish with two hooks: how the page is built from the
    revision, and code run around the step that writes it.

    Wagtail 8.0.1 `PublishRevisionAction`: execute() runs check() and then the private
    `_publish_revision()`, which decides between scheduling and going live, saves the page,
    sends the signals and logs. No public hook runs inside that step (before_publish_page
    runs in the admin edit view only, page_published after the save), and a release must
    put its members live in the same transaction. __init__ sets the attributes the parent's
    __init__ sets, with the page from `page_from_revision` instead of revision.as_object()."""

    def __init__(self, revision, user=None, changed=True, log_action=True,
                 previous_revision=None):  # fmt: skip
        BaseAction.__init__(self, self.page_from_revision(revision), user=user)
        self.revision, self.object = revision, self.instance
        self.permission_policy = policy_registry.get(self.object)
        self.changed, self.log_action = changed, log_action
        self.previous_revision = previous_revision

    def page_from_revision(self, revision):
        return revision.as_object()

    def around_publish(self, publish, page):
        """Override to run code around `publish()`, Wagtail's own publishing step."""
        return publish()

    def _publish_revision(self, revision, object, user, changed, log_action,
                          previous_revision=None):  # fmt: skip
        def publish():
            return super(HookedPagePublish, self)._publish_revision(
                revision, object, user, changed, log_action, previous_revision
            )

        return self.around_publish(publish, object)
