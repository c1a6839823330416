"""Recording 好差评 ratings; a 差评 opens a rectification case for the rated department."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from . import codes, flow
from .calendar import today
from .deadlines import rectification_due
from .models import Case, CaseEvent, Rating


class RatingError(Exception):
    pass


def submit_rating(
    *,
    channel,
    grade,
    dimensions=None,
    comment="",
    matter=None,
    window=None,
    visitor_token="",
    contact_name="",
    contact_phone="",
    complaint=None,
):
    """Record one rating; a bad one opens its rectification case in the same transaction."""
    day = today()
    if complaint is not None:
        visitor = codes.visitor_hash("complaint:" + complaint.code)
        matter, window = complaint.matter, complaint.window
    else:
        visitor = codes.visitor_hash(visitor_token)
    department = _department(matter, window, complaint)
    rating = Rating(
        channel=channel,
        grade=grade,
        dimensions=dimensions or {},
        comment=comment.strip(),
        matter=matter,
        window=window,
        department=department,
        complaint=complaint,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        visitor=visitor,
        day=day,
    )
    if complaint is None and _already_rated(rating):
        raise RatingError(_("您今天已经评价过这一项，每人每天只能评价一次。"))
    try:
        with transaction.atomic():
            if complaint is not None:
                flow.apply(complaint, "rate")
            rating.save()
            if rating.is_bad:
                open_rectification(rating)
    except IntegrityError:
        raise RatingError(_("您今天已经评价过这一项，每人每天只能评价一次。")) from None
    except flow.FlowError as error:
        raise RatingError(_("这件投诉现在不能评价（已评价过，或尚未办结）。")) from error
    return rating


def _department(matter, window, complaint):
    if complaint is not None and complaint.department_id:
        return complaint.department
    if matter is not None and matter.department_id:
        return matter.department
    if window is not None and window.department_id:
        return window.department
    return None


def _already_rated(rating):
    same = Rating.objects.filter(visitor=rating.visitor, day=rating.day)
    if rating.matter is not None:
        return same.filter(matter=rating.matter).exists()
    if rating.window is not None:
        return same.filter(matter=None, window=rating.window).exists()
    return False


def open_rectification(rating):
    """The 整改 case for a 差评: sent straight to the department that did the work."""
    case = Case.objects.create(
        kind=Case.RECTIFICATION,
        code=codes.new_code("ZG"),
        matter=rating.matter,
        window=rating.window,
        hall=rating.window.hall if rating.window else None,
        department=rating.department,
        text=rating.comment or _("（评价人未填写意见）"),
        contact_name=rating.contact_name,
        contact_phone=rating.contact_phone,
        status=Case.DISPATCHED,
        submitted_at=rating.created_at,
        due_on=rectification_due(rating.day),
        rating=rating,
    )
    CaseEvent.objects.create(
        case=case, action="open", to_status=Case.DISPATCHED, department=rating.department
    )
    return case
