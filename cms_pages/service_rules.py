"""The reform rules a matter is measured by, written down once.

零跑腿 (no visit), 最多跑一次 (at most one visit to the service centre), 全程网办 (online
depth 四级: handled online from application to result) and 即办件 (promised within one
working day). Badges, listing and search filters, catalogue and batch figures, live lists
and exports all ask this module; none writes a threshold of its own.

Each rule reads one figure of a matter: `q()` is the rule as a database condition (with a
prefix for a related model), `holds()` the same rule on a value. rule_flags() gives all
flags at once, for the search document and for anything holding a matter's figures.
"""

import operator
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

FULL_DEPTH = 4  # 网办深度四级
# 网上办理 “是” in the national spreadsheets: online depth 三级 or above.
ONLINE_SERVICE_DEPTH = 3
# i18n: data
IMMEDIATE_KIND, PROMISED_KIND = "即办件", "承诺件"

_COMPARISONS = {"exact": operator.eq, "lte": operator.le}


@dataclass(frozen=True)
class ServiceRule:
    name: str  # the flag's name in the search document and in figures
    label: str
    figure: str  # the MatterPage field the rule reads
    lookup: str  # "exact" or "lte"
    bound: int

    def q(self, prefix=""):
        return Q(**{f"{prefix}{self.figure}__{self.lookup}": self.bound})

    def holds(self, value):
        return value is not None and _COMPARISONS[self.lookup](value, self.bound)


ZERO_VISITS = ServiceRule("zero_visits", _("零跑腿"), "visits", "exact", 0)
AT_MOST_ONCE = ServiceRule("at_most_once", _("最多跑一次"), "visits", "lte", 1)
FULLY_ONLINE = ServiceRule("fully_online", _("全程网办"), "online_depth", "exact", FULL_DEPTH)
IMMEDIATE = ServiceRule("immediate", _("即办件"), "promised_days", "lte", 1)
RULES = (ZERO_VISITS, AT_MOST_ONCE, FULLY_ONLINE, IMMEDIATE)
RULE_NAMES = tuple(rule.name for rule in RULES)
RULE_FIGURES = tuple(dict.fromkeys(rule.figure for rule in RULES))

# The citizen-facing filters (query-string value → rule) shared by listings and search.
VISIT_OPTIONS = {"0": ZERO_VISITS, "1": AT_MOST_ONCE}
ONLINE_OPTIONS = {"1": FULLY_ONLINE}


def rule_flags(figures):
    """{rule name: bool} for a mapping of figure name → value; a missing figure meets no rule."""
    return {rule.name: rule.holds(figures.get(rule.figure)) for rule in RULES}


def count_rules(flag_sets):
    """{rule name: how many of these flag sets meet it}."""
    counts = dict.fromkeys(RULE_NAMES, 0)
    for flags in flag_sets:
        for name in RULE_NAMES:
            counts[name] += bool(flags[name])
    return counts


def badges(flags):
    """(kind, label) of the badges a matter shows, labels in the active language; kind picks
    the colour. 零跑腿 stands in for 最多跑一次 rather than beside it."""
    shown = []
    if flags[ZERO_VISITS.name]:
        shown.append(("zero", ZERO_VISITS))
    elif flags[AT_MOST_ONCE.name]:
        shown.append(("once", AT_MOST_ONCE))
    if flags[FULLY_ONLINE.name]:
        shown.append(("online", FULLY_ONLINE))
    if flags[IMMEDIATE.name]:
        shown.append(("immediate", IMMEDIATE))
    return [(kind, str(rule.label)) for kind, rule in shown]


def handling_kind(promised_days):
    """办件类型 as the national spreadsheets write it."""
    return IMMEDIATE_KIND if IMMEDIATE.holds(promised_days) else PROMISED_KIND


def offers_online_service(online_depth):
    return online_depth is not None and online_depth >= ONLINE_SERVICE_DEPTH


class ServiceRulesMixin:
    """The rules as properties of anything holding a matter's figures. A model whose figures
    are stored under other names (a released matter's after_*) overrides rule_figure()."""

    def rule_figure(self, figure):
        return getattr(self, figure)

    @property
    def rule_flags(self):
        return rule_flags({figure: self.rule_figure(figure) for figure in RULE_FIGURES})

    @property
    def rule_badges(self):
        return badges(self.rule_flags)

    @property
    def is_zero_visits(self):
        return ZERO_VISITS.holds(self.rule_figure(ZERO_VISITS.figure))

    @property
    def is_at_most_once(self):
        return AT_MOST_ONCE.holds(self.rule_figure(AT_MOST_ONCE.figure))

    @property
    def is_fully_online(self):
        return FULLY_ONLINE.holds(self.rule_figure(FULLY_ONLINE.figure))

    @property
    def is_immediate(self):
        return IMMEDIATE.holds(self.rule_figure(IMMEDIATE.figure))


class ServiceRulesQuerySetMixin:
    """Queryset methods for matters (MatterPage's manager)."""

    def meeting(self, *rules):
        """The matters that meet every one of `rules`."""
        condition = Q()
        for rule in rules:
            condition &= rule.q()
        return self.filter(condition)

    def rule_counts(self):
        """{"total": n, rule name: matters meeting it, …} in one aggregate query."""
        return self.aggregate(
            total=Count("id"), **{rule.name: Count("id", filter=rule.q()) for rule in RULES}
        )
