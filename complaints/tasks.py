"""Reminders and escalation, run by Django's task framework (django-tasks) once a day.

Yellow cases remind the department that must answer; red cases are escalated to the
centre's handlers and the supervision mailbox, once per case. Emails name cases by code
only: no contact details ever leave the admin."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from wagtail.models import GroupPagePermission

from cms_pages.background import describe, restart_when_dead
from cms_pages.departments import REFORM_OFFICE
from cms_pages.models import DepartmentPage

from .deadlines import RED, YELLOW, Lights
from .models import Case, CaseEvent, ComplaintSettings


def handler_emails():
    users = (
        get_user_model()
        .objects.filter(
            Q(groups__permissions__codename="handle_cases")
            | Q(user_permissions__codename="handle_cases"),
            is_active=True,
        )
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def department_emails(department_id):
    groups = (
        GroupPagePermission.objects.filter(
            page_id=department_id,
            page__content_type=ContentType.objects.get_for_model(DepartmentPage),
        )
        .exclude(group__name=REFORM_OFFICE)
        .values("group")
    )
    users = get_user_model().objects.filter(groups__in=groups, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _lines(cases):
    from django.conf import settings

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return "\n".join(
        f"{case.code}（{case.get_kind_display()}，{_('期限')} {case.due_on:%Y-%m-%d}）"
        f" {base}{reverse('complaints_admin:case', args=[case.pk])}"
        for case in cases
    )


@task()
def send_case_reminders():
    """Remind departments of yellow cases (once a day) and escalate red ones (once)."""
    lights = Lights()
    today = lights.today
    open_cases = Case.objects.awaiting_answer().select_related("department")
    reminded, escalated = 0, 0

    near = defaultdict(list)
    for case in lights.filter(open_cases, YELLOW).exclude(reminded_on=today):
        near[case.department_id].append(case)
    for department_id, cases in near.items():
        recipients = department_emails(department_id) if department_id else handler_emails()
        if recipients:
            send_mail(
                _("【临期提醒】%(n)s 件工单即将到期") % {"n": len(cases)},
                _("以下工单即将到答复期限，请及时办理：\n\n") + _lines(cases),
                None,
                recipients,
            )
        for case in cases:
            CaseEvent.objects.create(case=case, action="remind")
        Case.objects.filter(pk__in=[c.pk for c in cases]).update(reminded_on=today)
        reminded += len(cases)

    overdue = list(lights.filter(open_cases, RED).filter(escalated_at=None))
    if overdue:
        supervision = ComplaintSettings.load().supervision_email
        recipients = sorted(set(handler_emails() + ([supervision] if supervision else [])))
        if recipients:
            send_mail(
                _("【超期督办】%(n)s 件工单已超过答复期限") % {"n": len(overdue)},
                _("以下工单已超期未答复，请督办：\n\n") + _lines(overdue),
                None,
                recipients,
            )
        by_department = defaultdict(list)
        for case in overdue:
            by_department[case.department_id].append(case)
        for department_id, cases in by_department.items():
            emails = department_emails(department_id) if department_id else []
            if emails:
                send_mail(
                    _("【超期】%(n)s 件工单已超过答复期限") % {"n": len(cases)},
                    _("以下工单已超期，已报中心督办：\n\n") + _lines(cases),
                    None,
                    emails,
                )
        now = timezone.now()
        for case in overdue:
            CaseEvent.objects.create(case=case, action="escalate")
        Case.objects.filter(pk__in=[c.pk for c in overdue]).update(escalated_at=now)
        escalated = len(overdue)
    return {"reminded": reminded, "escalated": escalated}


describe(send_case_reminders, gettext_lazy("工单临期提醒与超期督办"))
# Run again after a dead worker: cases already reminded today or escalated are skipped (a
# department whose email went out just before the worker died may get it twice).
restart_when_dead(send_case_reminders)
