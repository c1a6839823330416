"""The case flows: the 12345 complaint flow and the 差评整改 flow, as explicit transitions.

受理 → 调度（转办）→ 办理 → 回复 → 督办 → 办结 → 回访 → 评价 for complaints; rectifications
start already dispatched to the rated department, which verifies and rectifies or explains
(谁办理谁负责), or appeals to the reform office (申诉复核)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .calendar import WorkingCalendar, local_day
from .models import Appeal, Case, CaseEvent
from .privacy import is_handler, is_reform_office, staff_departments

HANDLER, DEPARTMENT, REFORM_OFFICE, CITIZEN = "handler", "department", "reform_office", "citizen"
COMPLAINT, RECTIFICATION = Case.COMPLAINT, Case.RECTIFICATION
S = Case  # statuses read better as S.HANDLING


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    role: str
    needs: tuple = ()


FLOWS = {
    COMPLAINT: [
        Transition("accept", gettext_lazy("受理"), (S.SUBMITTED,), S.ACCEPTED, HANDLER),
        Transition(
            "reject", gettext_lazy("不予受理"), (S.SUBMITTED,), S.REJECTED, HANDLER, ("reply",)
        ),
        Transition(
            "dispatch",
            gettext_lazy("调度（转办）"),
            (S.ACCEPTED, S.DISPATCHED, S.HANDLING, S.SUPERVISING),
            S.DISPATCHED,
            HANDLER,
            ("department",),
        ),
        Transition(
            "start", gettext_lazy("签收办理"), (S.DISPATCHED, S.SUPERVISING), S.HANDLING, DEPARTMENT
        ),
        Transition("reply", gettext_lazy("回复"), (S.HANDLING,), S.REPLIED, DEPARTMENT, ("reply",)),
        Transition(
            "supervise",
            gettext_lazy("督办"),
            (S.DISPATCHED, S.HANDLING, S.REPLIED),
            S.SUPERVISING,
            HANDLER,
            ("note",),
        ),
        Transition("close", gettext_lazy("办结"), (S.REPLIED,), S.CLOSED, HANDLER),
        Transition("revisit", gettext_lazy("回访"), (S.CLOSED,), S.REVISITED, HANDLER, ("note",)),
        Transition("rate", gettext_lazy("评价"), (S.CLOSED, S.REVISITED), S.RATED, CITIZEN),
    ],
    RECTIFICATION: [
        Transition(
            "dispatch",
            gettext_lazy("改派"),
            (S.DISPATCHED, S.HANDLING, S.SUPERVISING),
            S.DISPATCHED,
            HANDLER,
            ("department",),
        ),
        Transition(
            "start", gettext_lazy("核实整改"), (S.DISPATCHED, S.SUPERVISING), S.HANDLING, DEPARTMENT
        ),
        Transition(
            "appeal",
            gettext_lazy("申诉复核"),
            (S.DISPATCHED, S.HANDLING),
            S.APPEALING,
            DEPARTMENT,
            ("appeal_reason",),
        ),
        Transition(
            "uphold",
            gettext_lazy("申诉成立"),
            (S.APPEALING,),
            S.CLOSED,
            REFORM_OFFICE,
            ("decision_reason",),
        ),
        Transition(
            "dismiss",
            gettext_lazy("申诉不成立"),
            (S.APPEALING,),
            S.HANDLING,
            REFORM_OFFICE,
            ("decision_reason",),
        ),
        Transition(
            "reply",
            gettext_lazy("整改答复"),
            (S.HANDLING,),
            S.REPLIED,
            DEPARTMENT,
            ("reply", "resolution"),
        ),
        Transition(
            "supervise",
            gettext_lazy("督办"),
            (S.DISPATCHED, S.HANDLING, S.REPLIED),
            S.SUPERVISING,
            HANDLER,
            ("note",),
        ),
        Transition("revisit", gettext_lazy("回访"), (S.REPLIED,), S.REVISITED, HANDLER, ("note",)),
        Transition("close", gettext_lazy("办结"), (S.REPLIED, S.REVISITED), S.CLOSED, HANDLER),
    ],
}


class FlowError(Exception):
    pass


def transition(kind, name):
    for candidate in FLOWS[kind]:
        if candidate.name == name:
            return candidate
    raise FlowError(_("该工单没有“%(name)s”这一步。") % {"name": name})


def may_act(user, case, step):
    if step.role == CITIZEN:
        return False
    if step.role == REFORM_OFFICE:
        return is_reform_office(user)
    if is_handler(user):
        return True
    return step.role == DEPARTMENT and case.department_id in staff_departments(user)


def available(case, user):
    """The steps this user may take on this case now."""
    return [
        step
        for step in FLOWS[case.kind]
        if case.status in step.sources and may_act(user, case, step) and not blocked(case, step)
    ]


def blocked(case, step):
    """Why a step the flow allows cannot be taken yet, or ''."""
    if (
        step.name == "close"
        and case.kind == RECTIFICATION
        and case.status == S.REPLIED
        and case.rating is not None
        and case.rating.real_name
    ):
        return _("实名评价的整改须先记录回访，才能办结。")
    return ""


def apply(case, name, user=None, **data):
    """Take one step; raises FlowError (in Chinese) when it is not allowed now."""
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("rating").get(pk=case.pk)
        step = transition(case.kind, name)
        if case.status not in step.sources:
            raise FlowError(
                _("工单当前状态为“%(status)s”，不能%(step)s。")
                % {"status": case.get_status_display(), "step": step.label}
            )
        if (
            step.role == CITIZEN
            and user is not None
            or (step.role != CITIZEN and (user is None or not may_act(user, case, step)))
        ):
            raise FlowError(_("您没有权限对该工单执行“%(step)s”。") % {"step": step.label})
        reason = blocked(case, step)
        if reason:
            raise FlowError(reason)
        _check_needs(step, data)
        previous = case.status
        _effects(case, step, user, data)
        case.status = step.target
        case.save()
        CaseEvent.objects.create(
            case=case,
            user=user,
            action=step.name,
            from_status=previous,
            to_status=step.target,
            department=data.get("department") if step.name == "dispatch" else None,
            note=(
                data.get("note") or data.get("appeal_reason") or data.get("decision_reason") or ""
            ).strip(),
        )
    return case


def _check_needs(step, data):
    messages = {
        "department": _("请选择承办部门。"),
        "reply": _("请填写公开答复。"),
        "note": _("请填写说明（回访情况或督办意见）。"),
        "resolution": _("请选择整改结果。"),
        "appeal_reason": _("请填写申诉理由。"),
        "decision_reason": _("请填写复核意见。"),
    }
    for need in step.needs:
        value = data.get(need)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise FlowError(messages[need])
    if "resolution" in step.needs and data["resolution"] not in (S.RECTIFIED, S.EXPLAINED):
        raise FlowError(messages["resolution"])


def _effects(case, step, user, data):
    now = timezone.now()
    if step.name == "accept":
        case.accepted_at = now
    elif step.name == "dispatch":
        case.department = data["department"]
    elif step.name in ("reply", "reject"):
        case.public_reply = data["reply"].strip()
        if "resolution" in step.needs:
            case.resolution = data["resolution"]
        _mark_answered(case, now)
        if step.name == "reject":
            case.closed_at = now
    elif step.name == "close":
        case.closed_at = now
    elif step.name == "appeal":
        Appeal.objects.create(case=case, reason=data["appeal_reason"].strip(), filed_by=user)
    elif step.name in ("uphold", "dismiss"):
        _decide_appeal(case, step, user, data["decision_reason"].strip(), now)


def _mark_answered(case, now):
    # The first answer is what the promise is measured against; a reply after 督办 replaces
    # the published text but not the time the citizen first heard back.
    if case.replied_at is None:
        case.replied_at = now
        case.reply_working_days = WorkingCalendar.current().working_days_between(
            local_day(case.submitted_at), local_day(now)
        )
        case.answered_on_time = local_day(now) <= case.due_on


def _decide_appeal(case, step, user, reason, now):
    appeal = case.appeals.filter(decision=Appeal.PENDING).first()
    upheld = step.name == "uphold"
    if appeal is not None:
        appeal.decision = Appeal.UPHELD if upheld else Appeal.DISMISSED
        appeal.decided_by, appeal.decided_at, appeal.decision_reason = user, now, reason
        appeal.save()
    if upheld:
        rating = case.rating
        rating.excluded, rating.excluded_reason = True, reason
        rating.save(update_fields=["excluded", "excluded_reason"])
        case.resolution = S.APPEAL_UPHELD
        case.public_reply = _("经审改办复核，该评价不计入统计。理由：%(reason)s") % {
            "reason": reason
        }
        _mark_answered(case, now)
        case.closed_at = now


def add_note(case, user, note):
    note = (note or "").strip()
    if not note:
        raise FlowError(_("备注不能为空。"))
    return CaseEvent.objects.create(case=case, user=user, action=CaseEvent.NOTE, note=note)
