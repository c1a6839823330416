import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms_pages.models import MatterPage
from reform.assembly import add_matters, join_batch
from reform.models import BatchRelease, ReformBatchPage
from reform.release import REFUSED, BatchReleaseError, rollback_batch
from tests.support.batches import draft_batch
from tests.support.built_once import built_once
from tests.support.pages import matter, reload, save_draft, without_baseline

pytestmark = pytest.mark.django_db


def release(batch, user=None):
    reload(batch).get_latest_revision().publish(user=user)
    return reload(batch)


def test_failure_in_the_middle_publishes_nothing(new_batch):
    """The third of five revisions cannot be published (its promised time limit exceeds the
    statutory one: saved without validation, as a faulty import might). Nothing goes live."""
    titles = ["户口迁入登记", "临时救助", "内地居民离婚登记", "医疗机构执业登记（新办）",
              "建设项目环境影响报告表审批"]  # fmt: skip
    pages = [matter(title) for title in titles]
    drafts = [save_draft(page, notes="批次改革说明") for page in pages]
    drafts[2] = save_draft(pages[2], clean=False, promised_days=99, statutory_days=30)
    batch = new_batch()
    join_batch(batch, drafts)
    logs_before = PageLogEntry.objects.count()

    with pytest.raises(BatchReleaseError) as refused:
        release(batch)

    assert "内地居民离婚登记" in refused.value.message
    assert "承诺办结时限（99）不能超过法定办结时限（30）" in refused.value.message
    for page in pages:
        fresh = reload(page)
        assert fresh.live_revision_id == page.live_revision_id
        assert fresh.notes == page.notes
        assert fresh.has_unpublished_changes
    assert not reload(batch).live
    assert not BatchRelease.objects.filter(batch=batch).exists()
    assert PageLogEntry.objects.count() == logs_before


def test_rollback_unpublishes_a_matter_the_batch_published_first(new_batch):
    fresh = matter("临时救助").get_parent().add_child(
        instance=MatterPage(
            title="新设事项", slug="xin-she-shi-xiang", code="NEW-0001", live=False,
            matter_type="公共服务", service_object="natural", level="乡镇级",
            handling_office="社会事务办", conditions="本镇户籍居民", statutory_days=5,
            promised_days=3, visits=0,
        )
    )  # fmt: skip
    fresh.save_revision()
    batch = new_batch()
    add_matters(batch, [fresh])
    batch = release(batch)
    assert reload(fresh).live
    assert batch.active_release.matters.get().is_new

    rollback_batch(batch)

    assert not reload(fresh).live


def test_empty_batch_cannot_be_released(new_batch):
    with pytest.raises(BatchReleaseError, match="还没有事项"):
        release(new_batch())
    assert not ReformBatchPage.objects.filter(number=4, live=True).exists()


class TestAReformedBatch:
    """A batch of three drafts: 宅基地审批 2 → 1 visits and fewer materials, 临时救助 fully
    online with no visit, 户口迁入登记 unchanged (listed as it is). Built once for these tests;
    each test's changes roll back."""

    @pytest.fixture(scope="class")
    @classmethod
    def built(cls, demo_site, django_db_blocker):
        with built_once(django_db_blocker):
            homestead = matter("农村村民宅基地审批")
            relief = matter("临时救助")
            household = matter("户口迁入登记")
            without_baseline(homestead, relief, household)
            homestead, relief, household = reload(homestead), reload(relief), reload(household)
            drafts = [
                save_draft(homestead, visits=1, promised_days=10,
                           materials=list(homestead.materials.all())[:-1]),
                save_draft(relief, visits=0, visit_reason="", online_depth=4),
            ]  # fmt: skip
            batch = draft_batch()
            join_batch(batch, drafts)
            add_matters(batch, [household])
            yield batch.pk, [homestead.pk, relief.pk, household.pk]

    @pytest.fixture
    def reformed(self, built):
        batch, members = built
        return ReformBatchPage.objects.get(pk=batch), [
            MatterPage.objects.get(pk=pk) for pk in members
        ]

    def test_release_publishes_every_member_with_the_batch(self, reformed, reform_officer):
        batch, (homestead, relief, household) = reformed
        batch = release(batch, reform_officer)

        assert batch.live
        homestead, relief, household = map(reload, (homestead, relief, household))
        assert (homestead.visits, homestead.promised_days, homestead.materials.count()) == (
            1,
            10,
            4,
        )
        assert (relief.visits, relief.online_depth) == (0, 4)
        assert not homestead.has_unpublished_changes
        for page in (homestead, relief, household):
            entries = PageLogEntry.objects.filter(page=page, action="wagtail.publish",
                                                  data__reform_batch__id=batch.pk)  # fmt: skip
            assert entries.count() == 1
            assert entries.get().user == reform_officer
        assert PageLogEntry.objects.filter(page=batch, action="wagtail.publish").count() == 1

    def test_release_captures_before_and_after_figures(self, reformed):
        batch, (homestead, relief, household) = reformed
        before_materials = reload(homestead).materials.count()
        batch = release(batch)

        rows = {row.code: row for row in batch.active_release.matters.all()}
        row = rows[homestead.code]
        assert (row.before_visits, row.after_visits) == (2, 1)
        assert (row.before_promised_days, row.after_promised_days) == (15, 10)
        assert (row.before_materials, row.after_materials) == (
            before_materials,
            before_materials - 1,
        )
        assert row.before_steps == row.after_steps == len(homestead.procedure)
        assert [label for label, *_ in row.changes] == [
            "到办事现场次数",
            "申请材料",
            "承诺办结时限",
        ]
        assert (rows[relief.code].before_online_depth, rows[relief.code].after_online_depth) == (
            3,
            4,
        )
        assert rows[household.code].changes == []
        assert row.previous_revision_id == homestead.live_revision_id

    def test_stale_revision_stops_the_release_and_names_the_matter(self, reformed):
        batch, (homestead, relief, household) = reformed
        save_draft(relief, notes="加入批次后的再次修改")

        with pytest.raises(BatchReleaseError) as refused:
            release(batch)

        assert "临时救助" in refused.value.message
        assert "加入批次后事项又有修改" in refused.value.message
        assert "宅基地" not in refused.value.message
        assert not reload(batch).live
        assert reload(homestead).visits == 2

    def test_scheduled_release_happens_at_the_planned_time(self, reformed, reform_officer):
        batch, (homestead, *_) = reformed
        planned = timezone.now() + datetime.timedelta(days=2)
        draft = batch.get_latest_revision_as_object()
        draft.go_live_at = planned
        draft.save_revision().publish(user=reform_officer)

        assert not reload(batch).live
        assert reload(homestead).visits == 2
        call_command("publish_scheduled")
        assert not reload(batch).live

        with time_machine.travel(planned + datetime.timedelta(minutes=1)):
            call_command("publish_scheduled")
        batch = reload(batch)
        assert batch.live
        assert reload(homestead).visits == 1
        assert PageLogEntry.objects.filter(page=batch, action="wagtail.publish.scheduled").exists()
        assert batch.active_release.matters.count() == 3

    def test_stale_scheduled_release_is_refused_and_others_still_go_live(
        self, reformed, reform_officer
    ):
        batch, (homestead, relief, _household) = reformed
        planned = timezone.now() + datetime.timedelta(hours=3)
        draft = batch.get_latest_revision_as_object()
        draft.go_live_at = planned
        draft.save_revision().publish(user=reform_officer)
        save_draft(relief, notes="排期后又改了")
        other = matter("内地居民离婚登记").get_latest_revision_as_object()
        other.go_live_at = planned
        other.notes = "同一时间定时发布的普通事项"
        other.save_revision().publish()

        with time_machine.travel(planned + datetime.timedelta(minutes=1)):
            call_command("publish_scheduled")

        assert not reload(batch).live
        assert reload(homestead).visits == 2
        refusal = PageLogEntry.objects.filter(page=batch, action=REFUSED).get()
        assert "临时救助" in refusal.data["message"]
        assert reload(other).notes == "同一时间定时发布的普通事项"
        assert not batch.revisions.filter(approved_go_live_at__isnull=False).exists()

    def test_rollback_republishes_what_was_live_before(self, reformed, reform_officer):
        batch, (homestead, relief, household) = reformed
        batch = release(batch, reform_officer)

        rollback_batch(batch, user=reform_officer)

        assert not reload(batch).live
        homestead, relief = reload(homestead), reload(relief)
        assert (homestead.visits, homestead.promised_days, homestead.materials.count()) == (
            2,
            15,
            5,
        )
        assert (relief.visits, relief.online_depth) == (1, 3)
        assert homestead.change_summary == f"撤回“{batch.title}”"
        assert not homestead.has_unpublished_changes
        assert BatchRelease.objects.get(batch=batch).rolled_back_by == reform_officer
        with pytest.raises(BatchReleaseError):
            rollback_batch(batch, user=reform_officer)

    def test_rollback_is_refused_when_a_matter_changed_after_release(self, reformed):
        batch, (homestead, relief, household) = reformed
        batch = release(batch)
        save_draft(reload(household), notes="发布后又有修改")

        with pytest.raises(BatchReleaseError) as refused:
            rollback_batch(batch)

        assert "户口迁入登记" in refused.value.message
        assert reload(batch).live
        assert reload(homestead).visits == 1

    def test_republishing_a_released_batch_only_updates_its_page(self, reformed):
        batch, (homestead, *_) = reformed
        batch = release(batch)
        draft = batch.get_latest_revision_as_object()
        draft.announcement = "<p>更正公告</p>"
        logs = PageLogEntry.objects.filter(page=homestead).count()

        draft.save_revision().publish()

        assert reload(batch).announcement == "<p>更正公告</p>"
        assert BatchRelease.objects.filter(batch=batch).count() == 1
        assert PageLogEntry.objects.filter(page=homestead).count() == logs


def test_release_and_rollback_reach_the_public_search(new_batch):
    """The release updates the search documents of every member once, at the end."""
    from search.backends import DatabaseBackend

    def found(query):
        return [hit.title for hit in DatabaseBackend().search(query).hits]

    relief = matter("临时救助")
    batch = new_batch()
    join_batch(batch, [save_draft(relief, title="临时救助金申领")])
    assert "临时救助金申领" not in found("救助金")

    batch = release(batch)
    assert "临时救助金申领" in found("救助金")
    assert found(batch.title)[0] == "临时救助金申领"

    rollback_batch(batch)
    assert "临时救助金申领" not in found("救助金")
