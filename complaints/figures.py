"""Published figures, always computed from the cases and ratings themselves.

Per department: complaints received (dispatched to it), the share answered within the
promised working days, the median working days to the first answer, the 好差评 distribution
and the rectifications done. Ratings taken out by an upheld appeal do not count."""

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from cms_pages.figures import share
from cms_pages.models import DepartmentPage

from .calendar import today
from .models import BAD_GRADES, GRADE_CHOICES, SATISFIED_GRADES, Case, Rating

CACHE_SECONDS = 300
CACHE_KEY = "complaints:figures:v1"
MATTER_CACHE_SECONDS = 300
DONE = (Case.RECTIFIED, Case.EXPLAINED)


def public_figures(use_cache=True):
    if use_cache:
        cached = cache.get(CACHE_KEY)
        if cached is not None:
            return cached
    figures = compute_figures()
    cache.set(CACHE_KEY, figures, CACHE_SECONDS)
    return figures


def median(histogram):
    """Median of values given as {value: count}."""
    total = sum(histogram.values())
    if not total:
        return None
    middle, seen, lower = (total - 1) // 2, 0, None
    for value in sorted(histogram):
        seen += histogram[value]
        if lower is None and seen > middle:
            lower = value
        if seen > total // 2:
            return lower if total % 2 else (lower + value) / 2
    return lower


def _row(title, counts, days, grades, rectified):
    rated = sum(grades.values())
    satisfied = sum(grades.get(g, 0) for g in SATISFIED_GRADES)
    bad = sum(grades.get(g, 0) for g in BAD_GRADES)
    return {
        "title": title,
        "received": counts.get("received", 0),
        "answered": counts.get("answered", 0),
        "due": counts.get("due", 0),
        "on_time": counts.get("on_time", 0),
        "on_time_share": share(counts.get("on_time", 0), counts.get("due", 0)),
        "median_days": median(days),
        "grades": [grades.get(value, 0) for value, _label in GRADE_CHOICES],
        "rated": rated,
        "satisfied_share": share(satisfied, rated),
        "bad": bad,
        "rectified": rectified,
    }


def compute_figures():
    on = today()
    complaints = (
        Case.objects.complaints()
        .exclude(department=None)
        .values("department")
        .annotate(
            received=Count("id"),
            answered=Count("id", filter=Q(replied_at__isnull=False)),
            # Due: answered, or still unanswered with the deadline passed.
            due=Count(
                "id",
                filter=Q(replied_at__isnull=False)
                | Q(due_on__lt=on, status__in=Case.AWAITING_ANSWER),
            ),
            on_time=Count("id", filter=Q(answered_on_time=True)),
        )
    )
    counts = {row.pop("department"): row for row in complaints}
    # Days to answer as a histogram (department, days, count): a few hundred rows to read
    # instead of one per answered complaint.
    days = {}
    for department, value, n in (
        Case.objects.complaints()
        .exclude(department=None)
        .filter(reply_working_days__isnull=False)
        .values_list("department", "reply_working_days")
        .annotate(n=Count("id"))
        .values_list("department", "reply_working_days", "n")
    ):
        days.setdefault(department, {})[value] = n
    grades = {}
    for department, grade, n in (
        Rating.objects.counted()
        .exclude(department=None)
        .values_list("department", "grade")
        .annotate(n=Count("id"))
        .values_list("department", "grade", "n")
    ):
        grades.setdefault(department, {})[grade] = n
    rectified = dict(
        Case.objects.rectifications()
        .filter(status=Case.CLOSED, resolution__in=DONE)
        .exclude(department=None)
        .values_list("department")
        .annotate(n=Count("id"))
        .values_list("department", "n")
    )
    rows = []
    # Titles only: a page object for each of a city's thousands of departments was most of
    # this section's time.
    departments = DepartmentPage.objects.live().public().order_by("path")
    for pk, title in departments.values_list("pk", "title"):
        if pk in counts or pk in grades or pk in rectified:
            rows.append(
                _row(
                    title,
                    counts.get(pk, {}),
                    days.get(pk, {}),
                    grades.get(pk, {}),
                    rectified.get(pk, 0),
                )
            )
    total_counts = {
        key: sum(c.get(key, 0) for c in counts.values())
        for key in ("received", "answered", "due", "on_time")
    }
    total_grades = {
        value: sum(g.get(value, 0) for g in grades.values()) for value, _label in GRADE_CHOICES
    }
    total_days = {}
    for histogram in days.values():
        for value, n in histogram.items():
            total_days[value] = total_days.get(value, 0) + n
    total = _row(
        _("合计"),
        total_counts,
        total_days,
        total_grades,
        sum(rectified.values()),
    )
    return {"rows": rows, "total": total, "as_of": on}


def matter_summary(matter_id):
    """Rating count and share satisfied for one matter page."""
    key = f"complaints:matter-ratings:{matter_id}"
    summary = cache.get(key)
    if summary is None:
        counts = (
            Rating.objects.counted()
            .filter(matter_id=matter_id)
            .aggregate(
                count=Count("id"), satisfied=Count("id", filter=Q(grade__in=SATISFIED_GRADES))
            )
        )
        summary = {
            "count": counts["count"],
            "satisfied_share": share(counts["satisfied"], counts["count"]),
        }
        cache.set(key, summary, MATTER_CACHE_SECONDS)
    return summary


def published_rectifications():
    """Closed rectifications, newest first, with nothing that identifies the person."""
    return (
        Case.objects.rectifications()
        .filter(status=Case.CLOSED)
        .select_related("rating", "matter", "department", "window")
        .only(
            "code",
            "closed_at",
            "public_reply",
            "resolution",
            "department__title",
            "matter__title",
            "matter__url_path",
            "window__name",
            "rating__grade",
            "rating__channel",
            "rating__day",
            "rating__excluded_reason",
        )
        .order_by("-closed_at", "-id")
    )
