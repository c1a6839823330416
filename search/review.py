"""The weekly zero-result review: what citizens searched for in vain this week, what a
synonym or an alias would make them find, and making it so.

A query becomes either a synonym (the query → an official term, for every matter that
uses the term) or an alias of one matter (published at once as a new revision of that
matter, so it is searchable on the next search).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import backends
from .chinese import normalise
from .models import Synonym, ZeroResultQuery, split_terms
from .query import parse
from .synonyms import vocabulary

REVIEW_DAYS = 7
PREVIEW_HITS = 5
MAX_ALIASES_LENGTH = 200


class ReviewError(Exception):
    """Why a query cannot be turned into what was asked (shown to the editor)."""


def this_week():
    """Queries that found nothing in the last week and are not handled yet, most asked first."""
    since = timezone.now() - timedelta(days=REVIEW_DAYS)
    return ZeroResultQuery.objects.filter(last_seen__gte=since, resolved_at__isnull=True).order_by(
        "-count", "-last_seen"
    )


@dataclass
class Preview:
    query: str
    term: str
    hits: list  # what searching the query would find with the synonym
    matter: object = None  # the matter an alias would go to: the first hit

    @property
    def finds_something(self):
        return bool(self.hits)


def clean_term(term):
    term = normalise(term).replace(" ", "")
    if not term:
        raise ReviewError(_("请填写规范用语或事项名称。"))
    return term[: Synonym._meta.get_field("official").max_length]


def preview(query, term):
    """What the query would find once `query → term` is a synonym; the alias would go to
    the first matter found."""
    from cms_pages.models import MatterPage

    term = clean_term(term)
    parsed = parse(query, vocabulary().with_entry(normalise(query).replace(" ", ""), [term]))
    results, _degraded = backends.search(parsed)
    hits = [h for h in results.hits if h.kind == "matter"][:PREVIEW_HITS]
    matter = MatterPage.objects.live().filter(pk=hits[0].page_id).first() if hits else None
    return Preview(query, term, hits, matter)


def _resolve(entry, resolution):
    entry.resolved_at = timezone.now()
    entry.resolution = resolution[: ZeroResultQuery._meta.get_field("resolution").max_length]
    entry.save(update_fields=["resolved_at", "resolution"])


@transaction.atomic
def add_synonym(entry, term, user=None):
    colloquial = normalise(entry.query).replace(" ", "")
    term = clean_term(term)
    if term == colloquial:
        raise ReviewError(_("规范用语不能与群众说法完全相同。"))
    synonym = Synonym.objects.filter(colloquial=colloquial).first()
    if synonym is None:
        synonym = Synonym(colloquial=colloquial, official=term, note=_("无结果搜索词审核"))
    elif term not in synonym.official_terms:
        synonym.official = " ".join([*synonym.official_terms, term])
    synonym.full_clean()
    synonym.save()
    _resolve(entry, _("同义词：%(query)s → %(term)s") % {"query": colloquial, "term": term})
    return synonym


@transaction.atomic
def add_alias(entry, matter, user):
    """Publish a new revision of `matter` with the query among its aliases."""
    matter = matter.specific
    if not matter.permissions_for_user(user).can_publish():
        raise ReviewError(_("您没有发布“%(title)s”的权限。") % {"title": matter.title})
    if matter.has_unpublished_changes:
        raise ReviewError(
            _("“%(title)s”有尚未发布的修改，请在事项编辑页添加别名，随修改一起发布。")
            % {"title": matter.title}
        )
    alias = normalise(entry.query).replace(" ", "")
    aliases = split_terms(matter.common_names)
    if alias not in aliases:
        aliases.append(alias)
    joined = "，".join(aliases)
    if len(joined) > MAX_ALIASES_LENGTH:
        raise ReviewError(
            _("“%(title)s”的别名已经太多，请先在事项编辑页整理。") % {"title": matter.title}
        )
    matter.common_names = joined
    matter.save_revision(user=user, log_action=True).publish(user=user)
    _resolve(entry, _("别名：%(alias)s → %(title)s") % {"alias": alias, "title": matter.title})
    return matter
