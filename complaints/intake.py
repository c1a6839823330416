"""Filing a complaint: the case, its deadline, its attachments and the one-time secret."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import attachments, codes
from .deadlines import complaint_due
from .models import Case, CaseEvent

CODE_ATTEMPTS = 5


def file_complaint(
    *,
    category,
    text,
    matter=None,
    hall=None,
    window=None,
    contact_name="",
    contact_phone="",
    contact_email="",
    uploads=(),
):
    """Create the case; returns (case, secret). The secret exists nowhere else afterwards."""
    secret = codes.new_secret()
    now = timezone.now()
    for attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    kind=Case.COMPLAINT,
                    code=codes.new_code(),
                    secret_hash=codes.hash_secret(secret),
                    category=category,
                    matter=matter,
                    hall=hall or (window.hall if window else None),
                    window=window,
                    text=text,
                    contact_name=contact_name,
                    contact_phone=contact_phone,
                    contact_email=contact_email,
                    submitted_at=now,
                    due_on=complaint_due(category, now),
                )
                for upload, inspected in uploads:
                    attachments.store(case, upload, inspected)
                CaseEvent.objects.create(case=case, action="submit", to_status=Case.SUBMITTED)
            return case, secret
        except IntegrityError:
            if attempt == CODE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def suggested_department(case):
    """The department the case most likely belongs to; the handler confirms it on dispatch."""
    if case.matter_id and case.matter.department_id:
        return case.matter.department
    if case.window_id and case.window.department_id:
        return case.window.department
    return None


def find_by_code(code, secret):
    """The complaint for a code and its secret, or None: a wrong secret and an unknown code
    look the same, and both cost one hash comparison."""
    case = Case.objects.complaints().filter(code=codes.normalise(code)).first()
    matches = codes.secret_matches(secret, case.secret_hash if case else "0" * 64)
    return case if case is not None and matches else None
