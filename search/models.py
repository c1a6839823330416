"""Search data kept in the database: synonyms, the database backend's documents and postings,
the outbox of engine updates and the log of queries that found nothing."""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.timezone import localtime, now
from django.utils.translation import gettext_lazy as _

from .chinese import normalise

_TERM_SEPARATORS = re.compile(r"[\s,，、;；/|]+")


def split_terms(text):
    return [t for t in _TERM_SEPARATORS.split(normalise(text)) if t]


class Synonym(models.Model):
    """What citizens say → what the catalogue calls it (开饭店 → 餐饮 食品经营许可)."""

    colloquial = models.CharField(
        _("群众说法"), max_length=50, unique=True,
        help_text=_("群众搜索时常用的说法，如“开饭店”“身份证丢了”。"),
        error_messages={"unique": _("这个说法已经有同义词条目，请直接修改原条目。")},
    )  # fmt: skip
    official = models.CharField(
        _("规范用语"), max_length=200,
        help_text=_("事项目录中的规范名称或关键词，可填多个，用空格或顿号分隔。"),
    )  # fmt: skip
    two_way = models.BooleanField(
        _("双向"), default=False,
        help_text=_("勾选后搜索规范用语时也会找到群众说法（如“退伍”与“退役”）。"),
    )  # fmt: skip
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["colloquial"]
        verbose_name = _("搜索同义词")
        verbose_name_plural = _("搜索同义词")

    def __str__(self):
        return f"{self.colloquial} → {self.official}"

    @property
    def official_terms(self):
        return split_terms(self.official)

    def clean(self):
        super().clean()
        self.colloquial = normalise(self.colloquial).replace(" ", "")
        terms = self.official_terms
        if not self.colloquial:
            raise ValidationError({"colloquial": _("请填写群众说法。")})
        if not terms:
            raise ValidationError({"official": _("请至少填写一个规范用语。")})
        if terms == [self.colloquial]:
            raise ValidationError({"official": _("规范用语不能与群众说法完全相同。")})
        self.official = " ".join(dict.fromkeys(terms))


class SearchDocument(models.Model):
    """One published matter as the database backend sees it (the engine holds the same
    document, see documents.py). Deleting the page deletes the row."""

    page = models.OneToOneField("wagtailcore.Page", primary_key=True, on_delete=models.CASCADE,
                                related_name="+")  # fmt: skip
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    code = models.CharField(max_length=64, db_index=True)
    aliases = models.CharField(max_length=255, blank=True)
    result_name = models.CharField(max_length=200, blank=True)
    memberships = models.TextField(blank=True)
    department_id = models.IntegerField(null=True, db_index=True)
    department_title = models.CharField(max_length=255, blank=True)
    # "|3|17|" and "|natural|legal|": multi-valued facets that LIKE '%|3|%' can filter.
    theme_ids = models.CharField(max_length=255, blank=True)
    service_objects = models.CharField(max_length=30)
    matter_type = models.CharField(max_length=10, db_index=True)
    level = models.CharField(max_length=10)
    care_tags = models.CharField(max_length=100, blank=True, default="")  # "|妇女|老年人|"
    visits = models.PositiveSmallIntegerField()
    online_depth = models.PositiveSmallIntegerField()
    promised_days = models.PositiveIntegerField()
    # The reform rules' flags (cms_pages.service_rules.RULE_NAMES), filtered and counted.
    zero_visits = models.BooleanField(default=False)
    at_most_once = models.BooleanField(default=False)
    fully_online = models.BooleanField(default=False)
    immediate = models.BooleanField(default=False)
    time_unit = models.CharField(max_length=5)
    fee_charged = models.BooleanField()
    materials = models.TextField(blank=True)
    conditions = models.TextField(blank=True)
    # "|yingyezhizhao|gerenduzi|": pinyin of the title, aliases and result name.
    pinyin = models.TextField(blank=True)
    initials = models.TextField(blank=True)
    title_length = models.PositiveSmallIntegerField()
    # Which member of a family of matters the title names (wording.title_act): 新办 "new"…
    variant = models.CharField(max_length=10, blank=True, default="")
    # documents.fingerprint of the prepared document: a republish that leaves it equal
    # rewrites nothing and keeps every search answer (outbox.record).
    fingerprint = models.CharField(max_length=64, blank=True, default="")
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("搜索文档")
        verbose_name_plural = _("搜索文档")

    def __str__(self):
        return self.title


class SearchPosting(models.Model):
    """An inverted index row: this term occurs in this document, with the weight of the most
    important field it occurs in."""

    CJK = 1  # a term of the short fields, as the `cjk` analyzer makes them
    WORD = 2  # a jieba word of the long fields (materials, conditions, handling office)

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE,
                                 related_name="postings")  # fmt: skip
    term = models.CharField(max_length=64)
    kind = models.PositiveSmallIntegerField()
    weight = models.FloatField()

    class Meta:
        # Covers the search query (term → document, weight) without reading the table; a
        # document's postings are unique by construction (backends.database.postings).
        indexes = [
            models.Index(fields=["term", "kind", "document", "weight"], name="search_posting_term")
        ]

    def __str__(self):
        return f"{self.term} → {self.document_id}"


class OutboxEntry(models.Model):
    """A matter whose engine document must be brought up to date. Written in the same
    transaction as the publish that caused it and marked delivered once the engine has the
    change; delivered entries are kept for a day so a rebuild can re-apply what happened
    while it ran."""

    page_id = models.IntegerField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    # Whether the matter's document changed (documents.fingerprint): only then does its
    # delivery make kept search answers stale. True for rows written before it was known.
    alters_answers = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("待同步的索引更新")
        verbose_name_plural = _("待同步的索引更新")

    def __str__(self):
        return f"{self.page_id} @ {self.created_at:%Y-%m-%d %H:%M:%S}"


class ZeroResultQuery(models.Model):
    """A query citizens typed that found nothing, for editors to add synonyms or aliases.

    Anyone can type anything: at most MAX_NEW_PER_DAY new queries are recorded a day (known
    ones are still counted), and queries nobody typed for KEEP_DAYS are dropped, so the table
    stays small whatever is sent."""

    MAX_NEW_PER_DAY = 500
    KEEP_DAYS = 365

    query = models.CharField(_("搜索词"), max_length=100, unique=True)
    count = models.PositiveIntegerField(_("次数"), default=0)
    first_seen = models.DateTimeField(_("首次出现"), auto_now_add=True)
    last_seen = models.DateTimeField(_("最近出现"), auto_now=True)
    # Set when the weekly review turned the query into a synonym or an alias.
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    resolution = models.CharField(_("处理结果"), max_length=300, blank=True)

    class Meta:
        ordering = ["-count", "-last_seen"]
        verbose_name = _("无结果搜索词")
        verbose_name_plural = _("无结果搜索词")

    def __str__(self):
        return self.query

    @classmethod
    def record(cls, query):
        query = query[: cls._meta.get_field("query").max_length]
        # Found nothing again although it was handled: back on the review list.
        again = {"count": models.F("count") + 1, "last_seen": now(), "resolved_at": None,
                 "resolution": ""}  # fmt: skip
        if cls.objects.filter(query=query).update(**again):
            return
        today = localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        new_today = cls.objects.filter(first_seen__gte=today)
        if not new_today.exists():
            cls.objects.filter(last_seen__lt=today - timedelta(days=cls.KEEP_DAYS)).delete()
        elif new_today.count() >= cls.MAX_NEW_PER_DAY:
            return
        try:
            with transaction.atomic():
                cls.objects.create(query=query, count=1)
        except IntegrityError:  # the same query, recorded at the same moment
            cls.objects.filter(query=query).update(**again)
