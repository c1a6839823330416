"""The reform rules (cms_pages.service_rules) at their boundaries, as queries, as flags and as
the badges a citizen sees on every kind of matter listing."""

import pytest
from django.template.loader import render_to_string

from cms_pages.models import MatterPage, catalogue_figures
from cms_pages.service_rules import (
    AT_MOST_ONCE,
    FULLY_ONLINE,
    IMMEDIATE,
    RULES,
    ZERO_VISITS,
    handling_kind,
    offers_online_service,
    rule_flags,
)
from reform.models import ReleasedMatter
from search.backends.base import Hit

ALL = {"zero_visits", "at_most_once", "fully_online", "immediate"}
CASES = [
    ({"visits": 0, "online_depth": 4, "promised_days": 0}, ALL),
    ({"visits": 1, "online_depth": 3, "promised_days": 1}, {"at_most_once", "immediate"}),
    ({"visits": 2, "online_depth": 4, "promised_days": 2}, {"fully_online"}),
    ({"visits": 3, "online_depth": 1, "promised_days": 20}, set()),
    ({}, set()),  # a revision without the figures meets no rule
]
BADGES = {
    "zero": '<span class="badge badge-zero">零跑腿</span>',
    "once": '<span class="badge badge-once">最多跑一次</span>',
    "online": '<span class="badge badge-online">全程网办</span>',
    "immediate": '<span class="badge badge-immediate">即办件</span>',
}


@pytest.mark.parametrize(("figures", "met"), CASES)
def test_flags_at_the_boundaries(figures, met):
    assert {name for name, flag in rule_flags(figures).items() if flag} == met


def test_spreadsheet_kind_and_online_columns():
    assert [handling_kind(days) for days in (0, 1, 2)] == ["即办件", "即办件", "承诺件"]
    assert [offers_online_service(depth) for depth in (1, 2, 3, 4)] == [False, False, True, True]


@pytest.mark.django_db
def test_each_rule_selects_the_live_matters_it_names():
    live = MatterPage.objects.live()
    expected = {
        ZERO_VISITS: live.filter(visits=0),
        AT_MOST_ONCE: live.filter(visits__lte=1),
        FULLY_ONLINE: live.filter(online_depth=4),
        IMMEDIATE: live.filter(promised_days__lte=1),
    }
    for rule in RULES:
        chosen = set(live.meeting(rule).values_list("pk", flat=True))
        assert chosen == set(expected[rule].values_list("pk", flat=True)), rule.name
        assert 0 < len(chosen) < live.count(), rule.name  # the demo has both kinds
        assert chosen == {m.pk for m in live if m.rule_flags[rule.name]}, rule.name
    both = set(live.meeting(FULLY_ONLINE, IMMEDIATE).values_list("pk", flat=True))
    assert both == set(
        live.filter(online_depth=4, promised_days__lte=1).values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_catalogue_figures_count_and_share_every_rule():
    live = MatterPage.objects.live()
    figures = catalogue_figures()
    assert figures["total"] == live.count()
    assert figures["zero_visits"] == live.filter(visits=0).count()
    assert figures["at_most_once"] == live.filter(visits__lte=1).count()
    assert figures["fully_online"] == live.filter(online_depth=4).count()
    assert figures["immediate"] == live.filter(promised_days__lte=1).count()
    assert figures["fully_online_share"] == round(100 * figures["fully_online"] / live.count(), 1)


def hit(visits, online_depth, promised_days):
    return Hit(page_id=1, title="", url="", code="", department="", matter_type="",
               visits=visits, online_depth=online_depth, promised_days=promised_days,
               time_unit="工作日", fee_charged=False, title_html="")  # fmt: skip


def released(visits, online_depth, promised_days):
    return ReleasedMatter(after_visits=visits, after_online_depth=online_depth,
                          after_promised_days=promised_days)  # fmt: skip


def page(visits, online_depth, promised_days):
    return MatterPage(visits=visits, online_depth=online_depth, promised_days=promised_days)


@pytest.mark.parametrize("make", [page, hit, released], ids=["page", "search hit", "released"])
@pytest.mark.parametrize(
    ("figures", "shown"),
    [((0, 4, 0), ["zero", "online", "immediate"]), ((1, 3, 5), ["once"]),
     ((2, 4, 1), ["online", "immediate"]), ((2, 2, 3), [])],
)  # fmt: skip
def test_badges_a_citizen_sees(make, figures, shown):
    html = render_to_string("includes/badges.html", {"matter": make(*figures)})
    assert html.strip() == '<span class="badges">' + "".join(BADGES[b] for b in shown) + "</span>"
    assert [kind for kind, _label in make(*figures).rule_badges] == shown
