"""The built-in sections of the statistics page and the cache they are served from.

Figures are computed from the public catalogue on the first request after a publish (the
content generation advances on every publish, unpublish, move or snippet change) and
kept in Django's cache, so later visitors get them without touching the catalogue.
"""

import time

from django.core.cache import cache
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cms_pages.page_cache import content_generation

from . import before_after, catalogue, scans, speed
from .matters import FAST_DAYS, link, public_matters
from .sections import Figure, Section, SectionContent, register, sections

SCAN_MAX_AGE = 600
CACHE_TTL = 24 * 3600


def catalogue_section():
    matters = public_matters()
    head = catalogue.headline(matters)
    figures = [Figure(_("公开事项"), head["total"], _("项"), url=head["total_url"])]
    for rule, _filters in catalogue.REFORM_COUNTS:
        item = head[rule.name]
        figures.append(Figure(item["label"], item["count"], _("项"), item["share"], item["url"]))
    return SectionContent(figures, catalogue.catalogue_tables(matters))


def speed_section():
    overall, tables = speed.speed_tables(public_matters())
    figures = [
        Figure(_("平均法定办结时限"), overall["statutory_mean"], _("天")),
        Figure(_("平均承诺办结时限"), overall["promised_mean"], _("天")),
        Figure(_("比法定时限提速"), overall["saving"], "%"),
        Figure(_("%(n)s天内办结") % {"n": FAST_DAYS}, overall["fast"], _("项"),
               overall["fast_share"], link(max_days=FAST_DAYS)),
    ]  # fmt: skip
    note = _(
        "时限按各事项公布的天数计算（工作日与自然日不换算）；提速 = 平均法定时限比平均承诺时限"
        "缩短的百分比。"
    )
    return SectionContent(figures, tables, note)


def reform_section():
    changes, catalogue_table = before_after.catalogue_change(public_matters())
    figures = []
    for name, label, unit in before_after.FIGURES:
        change = changes[name]
        if change["count"]:
            value = f"{change['before']} → {change['after']}"
            note = _("减少 %(p)s%%") % {"p": change["reduction"]}
            figures.append(Figure(str(label), value, str(unit), url=link(reformed="1"), note=note))
    return SectionContent(figures, [catalogue_table, before_after.batch_table()])


def scans_section():
    from posters.scans import scan_figures

    total, tables = scans.scan_tables()
    recent = scan_figures()
    figures = [
        Figure(_("近%(n)s天海报扫码") % {"n": recent["days"]}, recent["recent"], _("次")),
        Figure(_("其中扫到过期海报"), recent["recent_outdated"], _("次")),
        Figure(_("近%(n)s个月海报扫码") % {"n": scans.MONTHS}, total, _("次")),
        Figure(_("累计海报扫码"), recent["total"], _("次")),
    ]
    note = _("扫码只按事项、按天计数，不记录扫码人的任何信息。")
    return SectionContent(figures, tables, note)


def register_builtin_sections():
    register(Section("catalogue", gettext_lazy("事项目录"), catalogue_section, order=10))
    register(Section("speed", gettext_lazy("办理时效"), speed_section, order=20))
    register(Section("reform", gettext_lazy("改革前后对比"), reform_section, order=30))
    register(Section("scans", gettext_lazy("海报扫码"), scans_section, order=50,
                     max_age=SCAN_MAX_AGE))  # fmt: skip


def cache_key(section):
    # Figures carry their labels in the language they were built in.
    key = f"opendata:section:{section.key}:{get_language()}:{content_generation()}"
    if section.max_age:
        key += f":{int(time.time() // section.max_age)}"
    return key


def section_content(section):
    key = cache_key(section)
    content = cache.get(key)
    if content is None:
        content = section.build()
        cache.set(key, content, section.max_age or CACHE_TTL)
    return content


def all_sections():
    """[(section, content)] in page order."""
    return [(section, section_content(section)) for section in sections()]


def find_table(key):
    for _section, content in all_sections():
        for table in content.tables:
            if table.key == key:
                return table
    return None
