"""Every step of the 12345 complaint flow and the 差评整改 flow, who may take it, and when not."""

import pytest

from complaints import flow
from complaints.flow import FLOWS, FlowError
from complaints.intake import file_complaint
from complaints.models import Appeal, Case, CaseEvent, Rating
from complaints.ratings import submit_rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(category, matter):
    case, _ = file_complaint(
        category=category,
        matter=matter,
        text="窗口人员态度冷淡，让我回去等通知。",
        contact_phone="13800138000",
    )
    return case


def walk(case, steps, user, **data):
    for name in steps:
        case = flow.apply(case, name, user, **data)
    return case


def test_complaint_goes_through_the_whole_12345_flow(complaint, handler, gongan, gongan_staff):
    assert complaint.status == Case.SUBMITTED
    case = flow.apply(complaint, "accept", handler)
    assert case.status == Case.ACCEPTED and case.accepted_at
    case = flow.apply(case, "dispatch", handler, department=gongan)
    assert case.status == Case.DISPATCHED and case.department == gongan
    case = flow.apply(case, "start", gongan_staff)
    assert case.status == Case.HANDLING
    case = flow.apply(case, "reply", gongan_staff, reply="已约谈窗口人员并当场办结。")
    assert case.status == Case.REPLIED and case.public_reply and case.replied_at
    assert case.reply_working_days == 0
    case = flow.apply(case, "supervise", handler, note="答复未说明整改措施")
    assert case.status == Case.SUPERVISING
    case = flow.apply(case, "start", gongan_staff)
    case = flow.apply(case, "reply", gongan_staff, reply="已对窗口人员批评教育并纳入考核。")
    assert case.public_reply == "已对窗口人员批评教育并纳入考核。"
    case = flow.apply(case, "close", handler)
    assert case.status == Case.CLOSED and case.closed_at
    case = flow.apply(case, "revisit", handler, note="电话回访，投诉人表示满意")
    assert case.status == Case.REVISITED
    submit_rating(channel=Rating.COMPLAINT, grade=5, complaint=case)
    case.refresh_from_db()
    assert case.status == Case.RATED
    actions = list(case.events.values_list("action", flat=True))
    assert actions == [
        "submit",
        "accept",
        "dispatch",
        "start",
        "reply",
        "supervise",
        "start",
        "reply",
        "close",
        "revisit",
        "rate",
    ]


def test_rejection_answers_and_closes(complaint, handler):
    case = flow.apply(complaint, "reject", handler, reply="不属于本中心受理范围，请向12345反映。")
    assert case.status == Case.REJECTED and case.replied_at and case.closed_at


def test_every_step_is_refused_from_every_state_the_flow_does_not_allow(complaint, handler):
    for kind, steps in FLOWS.items():
        for step in steps:
            for status, _label in Case.STATUS_CHOICES:
                if status in step.sources:
                    continue
                Case.objects.filter(pk=complaint.pk).update(status=status, kind=kind)
                with pytest.raises(FlowError):
                    flow.apply(complaint, step.name, handler, reply="x", note="x", department=None)
                assert Case.objects.get(pk=complaint.pk).status == status


def test_required_inputs_are_asked_for(complaint, handler):
    with pytest.raises(FlowError, match="公开答复"):
        flow.apply(complaint, "reject", handler, reply="  ")
    case = flow.apply(complaint, "accept", handler)
    with pytest.raises(FlowError, match="承办部门"):
        flow.apply(case, "dispatch", handler)


def test_department_staff_act_only_on_their_own_cases(
    complaint, handler, gongan, gongan_staff, other_staff
):
    with pytest.raises(FlowError, match="权限"):
        flow.apply(complaint, "accept", gongan_staff)  # accepting is the centre's job
    case = walk(complaint, ["accept"], handler)
    case = flow.apply(case, "dispatch", handler, department=gongan)
    with pytest.raises(FlowError, match="权限"):
        flow.apply(case, "start", other_staff)
    assert flow.apply(case, "start", gongan_staff).status == Case.HANDLING
    assert [s.name for s in flow.available(case, other_staff)] == []


def test_citizens_rate_only_once_and_only_after_closing(complaint, handler):
    with pytest.raises(Exception, match="不能评价"):
        submit_rating(channel=Rating.COMPLAINT, grade=4, complaint=complaint)
    with pytest.raises(FlowError):
        flow.apply(complaint, "rate", handler)  # staff cannot rate for the citizen


def test_notes_are_kept_on_the_timeline(complaint, handler):
    flow.add_note(complaint, handler, "已电话联系投诉人核实情况")
    note = complaint.events.get(action=CaseEvent.NOTE)
    assert note.user == handler and note.note == "已电话联系投诉人核实情况"
    with pytest.raises(FlowError):
        flow.add_note(complaint, handler, "   ")


@pytest.fixture
def bad_rating(matter):
    return submit_rating(
        channel=Rating.ONLINE,
        grade=1,
        matter=matter,
        visitor_token="v1",
        comment="材料要求和指南不一致，跑了三趟",
        contact_name="张三",
        contact_phone="13900001111",
    )


def test_rectification_flow_with_revisit_before_closing(bad_rating, handler, gongan_staff):
    case = bad_rating.rectification
    assert case.kind == Case.RECTIFICATION and case.status == Case.DISPATCHED
    case = flow.apply(case, "start", gongan_staff)
    with pytest.raises(FlowError, match="整改结果"):
        flow.apply(case, "reply", gongan_staff, reply="已修改办事指南", resolution="")
    case = flow.apply(
        case, "reply", gongan_staff, reply="已修改办事指南", resolution=Case.RECTIFIED
    )
    assert case.status == Case.REPLIED
    with pytest.raises(FlowError, match="回访"):
        flow.apply(case, "close", handler)
    assert "close" not in [s.name for s in flow.available(case, handler)]
    case = flow.apply(case, "revisit", handler, note="回访：评价人认可整改")
    case = flow.apply(case, "close", handler)
    assert case.status == Case.CLOSED and case.resolution == Case.RECTIFIED


def test_anonymous_bad_rating_closes_without_revisit(matter, handler, gongan_staff):
    rating = submit_rating(channel=Rating.IN_PERSON, grade=2, matter=matter, visitor_token="v2")
    case = walk(rating.rectification, ["start"], gongan_staff)
    case = flow.apply(
        case, "reply", gongan_staff, reply="经核实系系统故障，已修复", resolution=Case.EXPLAINED
    )
    assert flow.apply(case, "close", handler).status == Case.CLOSED


def test_upheld_appeal_removes_the_rating_and_keeps_the_reason(
    bad_rating, gongan_staff, reform_officer, handler
):
    case = flow.apply(
        bad_rating.rectification, "appeal", gongan_staff, appeal_reason="评价人所办事项不属于本部门"
    )
    assert case.status == Case.APPEALING
    with pytest.raises(FlowError, match="权限"):
        flow.apply(case, "uphold", handler, decision_reason="x")  # only the reform office
    case = flow.apply(case, "uphold", reform_officer, decision_reason="经核实，事项属于市场监管局")
    bad_rating.refresh_from_db()
    assert case.status == Case.CLOSED and case.resolution == Case.APPEAL_UPHELD
    assert bad_rating.excluded and bad_rating.excluded_reason == "经核实，事项属于市场监管局"
    appeal = case.appeals.get()
    assert appeal.decision == Appeal.UPHELD and appeal.decided_by == reform_officer
    assert not Rating.objects.counted().filter(pk=bad_rating.pk).exists()


def test_dismissed_appeal_sends_the_case_back_to_the_department(
    bad_rating, gongan_staff, reform_officer
):
    case = flow.apply(bad_rating.rectification, "appeal", gongan_staff, appeal_reason="恶意差评")
    case = flow.apply(case, "dismiss", reform_officer, decision_reason="评价内容属实")
    bad_rating.refresh_from_db()
    assert case.status == Case.HANDLING and not bad_rating.excluded
    assert case.appeals.get().decision == Appeal.DISMISSED
