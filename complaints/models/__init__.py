from .cases import Attachment, Case, CaseEvent, CaseQuerySet
from .ratings import (
    BAD_GRADES,
    GRADE_CHOICES,
    IN_PERSON_DIMENSIONS,
    ONLINE_DIMENSIONS,
    SATISFIED_GRADES,
    Appeal,
    Rating,
)
from .setup import CalendarDay, Category, ComplaintChannel, ComplaintSettings

__all__ = [
    "BAD_GRADES",
    "GRADE_CHOICES",
    "IN_PERSON_DIMENSIONS",
    "ONLINE_DIMENSIONS",
    "SATISFIED_GRADES",
    "Appeal",
    "Attachment",
    "CalendarDay",
    "Case",
    "CaseEvent",
    "CaseQuerySet",
    "Category",
    "ComplaintChannel",
    "ComplaintSettings",
    "Rating",
]
