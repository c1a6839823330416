"""Each wrapper of a Wagtail private API gives what Wagtail's public behaviour gives, so an
upgrade that changes one of them fails here rather than in an import or a release."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import pre_delete
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from cms_pages import wagtail_internals as internals
from cms_pages.models import DepartmentPage, MatterMaterial, MatterPage

pytestmark = pytest.mark.django_db


def department():
    return DepartmentPage.objects.get(slug="gongan")


def a_matter():
    return MatterPage.objects.filter(department=department()).order_by("path").first()


def children_url_paths(page):
    return list(page.get_children().order_by("path").values_list("url_path", flat=True))


def rolled_back(action):
    """What `action()` returns, with everything it wrote to the database undone."""
    with transaction.atomic():
        result = action()
        transaction.set_rollback(True)
    return result


# -- page tree -----------------------------------------------------------------------------


def test_a_page_placed_by_path_is_where_add_child_puts_it():
    parent = department()
    last = parent.get_last_child()
    expected = internals.child_path(parent, internals.child_position(last) + 1)
    added = parent.add_child(instance=Page(title="新事项", slug="xin-shi-xiang"))
    assert added.path == expected
    assert internals.child_position(added) == internals.child_position(last) + 1


def test_a_first_child_is_placed_where_add_child_puts_it():
    leaf = a_matter()
    assert leaf.numchild == 0
    expected = internals.child_path(leaf, 1)
    added = leaf.add_child(instance=Page(title="子页面", slug="zi-ye-mian"))
    assert added.path == expected
    assert internals.child_position(added) == 1


def test_a_remembered_parent_is_the_parent_get_parent_finds(django_assert_num_queries):
    parent = department()
    found = MatterPage.objects.get(pk=a_matter().pk).get_parent()
    page = MatterPage.objects.get(pk=a_matter().pk)
    internals.remember_parent(page, parent)
    with django_assert_num_queries(0):
        assert page.get_parent() is parent
    assert found.pk == parent.pk


def test_a_page_marked_not_site_root_answers_as_the_public_annotation(django_assert_num_queries):
    matter = a_matter()
    annotated = Page.objects.filter(pk=matter.pk).annotate_site_root_state().get()
    page = MatterPage.objects.get(pk=matter.pk)
    internals.remember_not_site_root(page)
    with django_assert_num_queries(0):
        assert page.is_site_root() is False
    assert annotated.is_site_root() is False
    assert MatterPage.objects.get(pk=matter.pk).is_site_root() is False


def test_moving_descendant_url_paths_matches_a_slug_change_saved_by_wagtail():
    parent = department()
    before = children_url_paths(parent)
    old_url_path = parent.url_path
    parent.slug = "gongan-renamed"
    parent.save()  # Wagtail rewrites the children's url_path itself
    after = children_url_paths(parent)
    assert after != before

    internals.move_descendant_url_paths(parent, parent.url_path, old_url_path)
    assert children_url_paths(parent) == before
    internals.move_descendant_url_paths(parent, old_url_path, parent.url_path)
    assert children_url_paths(parent) == after


# -- reference index -----------------------------------------------------------------------


def reference_rows(page):
    return set(
        ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
            "content_type_id", "base_content_type_id", "to_content_type_id", "to_object_id",
            "model_path", "content_path", "content_path_hash",
        )
    )  # fmt: skip


def test_new_reference_rows_are_the_rows_wagtail_indexes_for_the_page():
    page = MatterPage.objects.filter(window__isnull=False, materials__isnull=False).first()
    ReferenceIndex.objects.filter(object_id=str(page.pk)).delete()
    ReferenceIndex.create_or_update_for_object(page)
    by_wagtail = reference_rows(page)
    assert by_wagtail  # the department, the window and the materials' sources at least

    ReferenceIndex.objects.filter(object_id=str(page.pk)).delete()
    rows = internals.new_reference_rows(
        page, ContentType.objects.get_for_model(MatterPage), ContentType.objects.get_for_model(Page)
    )
    ReferenceIndex.objects.bulk_create(rows)
    assert reference_rows(page) == by_wagtail


# -- rows ----------------------------------------------------------------------------------


def test_deleting_rows_without_signals_leaves_what_delete_leaves():
    matter = MatterPage.objects.filter(materials__isnull=False).first()
    through = MatterPage.themes.through

    def delete_with(delete):
        def run():
            counts = (
                delete(MatterMaterial.objects.filter(matter=matter)),
                delete(through.objects.filter(matterpage_id=matter.pk)),
            )
            left = (set(MatterMaterial.objects.values_list("pk", flat=True)),
                    set(through.objects.values_list("pk", flat=True)))  # fmt: skip
            return counts, left

        return rolled_back(run)

    public_counts, public_left = delete_with(lambda qs: qs.delete()[0])
    counts, left = delete_with(internals.delete_rows_without_signals)
    assert left == public_left
    assert counts == public_counts
    assert counts[0] > 0 and counts[1] > 0


def test_deleting_rows_without_signals_sends_none():
    received = []

    def receiver(sender, **kwargs):
        received.append(sender)

    pre_delete.connect(receiver, sender=MatterMaterial)
    try:
        internals.delete_rows_without_signals(MatterMaterial.objects.filter(matter=a_matter()))
    finally:
        pre_delete.disconnect(receiver, sender=MatterMaterial)
    assert received == []


# -- publishing ----------------------------------------------------------------------------


def published_state(page_pk):
    page = MatterPage.objects.get(pk=page_pk)
    entries = PageLogEntry.objects.filter(page_id=page_pk).order_by("-id")
    return {
        "live": page.live,
        "title": page.title,
        "live_revision_id": page.live_revision_id,
        "has_unpublished_changes": page.has_unpublished_changes,
        "log": [(e.action, e.revision_id, e.content_changed) for e in entries[:2]],
    }


def test_hooked_publish_publishes_as_wagtails_action_does():
    matter = a_matter()
    draft = matter.get_latest_revision_as_object()
    draft.title = "已改名的事项"
    revision = draft.save_revision()

    def publish_with(action_class):
        def run():
            action_class(revision).execute(skip_permission_checks=True)
            return published_state(matter.pk)

        return rolled_back(run)

    by_wagtail = publish_with(PublishPageRevisionAction)
    assert by_wagtail["title"] == "已改名的事项" and by_wagtail["live_revision_id"] == revision.pk
    assert publish_with(internals.HookedPagePublish) == by_wagtail


def test_hooked_publish_is_set_up_as_wagtails_action_and_runs_the_hooks_inside():
    matter = a_matter()
    revision = matter.get_latest_revision_as_object().save_revision()
    seen = []

    class Recording(internals.HookedPagePublish):
        def page_from_revision(self, revision):
            seen.append("built")
            return super().page_from_revision(revision)

        def around_publish(self, publish, page):
            seen.append(("before", MatterPage.objects.get(pk=page.pk).live_revision_id))
            result = publish()
            seen.append(("after", MatterPage.objects.get(pk=page.pk).live_revision_id))
            return result

    wagtails = PublishPageRevisionAction(revision, changed=False, log_action=False)
    ours = Recording(revision, changed=False, log_action=False)
    for name in ("revision", "user", "changed", "log_action", "previous_revision"):
        assert getattr(ours, name) == getattr(wagtails, name)
    assert ours.object is ours.instance and ours.object == wagtails.object
    assert type(ours.permission_policy) is type(wagtails.permission_policy)

    previous = matter.live_revision_id
    ours.execute(skip_permission_checks=True)
    assert seen == ["built", ("before", previous), ("after", revision.pk)]
