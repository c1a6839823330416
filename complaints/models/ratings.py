"""好差评 (国办发〔2019〕51号): ratings on five grades and departments' appeals against them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..privacy import mask_name, mask_phone

GRADE_CHOICES = [
    (5, _("非常满意")),
    (4, _("满意")),
    (3, _("基本满意")),
    (2, _("不满意")),
    (1, _("非常不满意")),
]
# 不满意 and 非常不满意 are a 差评; each one must be rectified.
BAD_GRADES = (1, 2)
SATISFIED_GRADES = (3, 4, 5)

ONLINE_DIMENSIONS = [
    ("overall", _("整体满意度")),
    ("efficiency", _("办事效率")),
    ("guide_accuracy", _("办事指南精确度")),
    ("convenience", _("办事便捷度")),
    ("platform", _("平台操作性")),
]
IN_PERSON_DIMENSIONS = [
    ("overall", _("整体满意度")),
    ("service_efficiency", _("服务效率")),
    ("service_level", _("服务水平")),
    ("attitude", _("服务态度")),
]


class RatingQuerySet(models.QuerySet):
    def counted(self):
        """Ratings that count in published figures (an upheld appeal takes one out)."""
        return self.filter(excluded=False)

    def bad(self):
        return self.filter(grade__in=BAD_GRADES)


class Rating(models.Model):
    ONLINE, IN_PERSON, COMPLAINT = "online", "in_person", "complaint"
    CHANNEL_CHOICES = [
        (ONLINE, _("网上服务·一事一评")),
        (IN_PERSON, _("现场服务·一次一评")),
        (COMPLAINT, _("投诉办理评价")),
    ]
    DIMENSIONS = {
        ONLINE: ONLINE_DIMENSIONS,
        IN_PERSON: IN_PERSON_DIMENSIONS,
        COMPLAINT: ONLINE_DIMENSIONS[:1],
    }

    channel = models.CharField(_("评价渠道"), max_length=10, choices=CHANNEL_CHOICES)
    grade = models.PositiveSmallIntegerField(_("整体评价"), choices=GRADE_CHOICES)
    dimensions = models.JSONField(_("分项评价"), default=dict, blank=True)
    comment = models.TextField(_("评价意见"), blank=True)
    matter = models.ForeignKey(
        "cms_pages.MatterPage",
        verbose_name=_("事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    window = models.ForeignKey(
        "cms_pages.ServiceWindow",
        verbose_name=_("窗口"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    department = models.ForeignKey(
        "cms_pages.DepartmentPage",
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    complaint = models.OneToOneField(
        "complaints.Case",
        verbose_name=_("所评投诉"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="complainant_rating",
    )
    contact_name = models.CharField(_("评价人"), max_length=30, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    # A keyed hash of the visitor's session token: enough for "one per matter per day",
    # useless for finding out who rated.
    visitor = models.CharField(max_length=64, blank=True, editable=False)
    day = models.DateField(_("日期"), default=timezone.localdate)
    created_at = models.DateTimeField(_("评价时间"), default=timezone.now)
    excluded = models.BooleanField(_("不计入统计"), default=False)
    excluded_reason = models.TextField(_("不计入原因"), blank=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "visitor", "day"],
                condition=Q(matter__isnull=False),
                name="one_rating_per_matter_visitor_day",
            ),
            models.UniqueConstraint(
                fields=["window", "visitor", "day"],
                condition=Q(matter__isnull=True, window__isnull=False),
                name="one_rating_per_window_visitor_day",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "excluded", "grade"], name="rating_figures"),
            models.Index(fields=["matter", "excluded"], name="rating_matter"),
        ]
        verbose_name = _("评价")
        verbose_name_plural = _("评价")

    def __str__(self):
        return f"{self.get_channel_display()} {self.get_grade_display()} #{self.pk}"

    @property
    def is_bad(self):
        return self.grade in BAD_GRADES

    @property
    def real_name(self):
        """A rating with a phone number can be called back (回访); anonymous ones cannot."""
        return bool(self.contact_phone)

    @property
    def masked_contact(self):
        return " ".join(
            p for p in (mask_name(self.contact_name), mask_phone(self.contact_phone)) if p
        ) or _("匿名")

    def dimension_labels(self):
        labels = dict(self.DIMENSIONS.get(self.channel, []))
        grades = dict(GRADE_CHOICES)
        return [
            (labels[key], grades.get(value, ""))
            for key, value in self.dimensions.items()
            if key in labels
        ]


class Appeal(models.Model):
    """A department's 申诉复核 against a rating it thinks mistaken or malicious."""

    PENDING, UPHELD, DISMISSED = "pending", "upheld", "dismissed"
    DECISION_CHOICES = [
        (PENDING, _("待复核")),
        (UPHELD, _("申诉成立")),
        (DISMISSED, _("申诉不成立")),
    ]

    case = models.ForeignKey("complaints.Case", on_delete=models.CASCADE, related_name="appeals")
    reason = models.TextField(_("申诉理由"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(_("申诉时间"), default=timezone.now)
    decision = models.CharField(
        _("复核结论"), max_length=10, choices=DECISION_CHOICES, default=PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    decision_reason = models.TextField(_("复核意见"), blank=True)

    class Meta:
        ordering = ["-filed_at"]
        verbose_name = _("差评申诉")
        verbose_name_plural = _("差评申诉")

    def __str__(self):
        return f"{self.case} {self.get_decision_display()}"
