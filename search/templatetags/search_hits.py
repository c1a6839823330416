"""The hit list of the results page, built in Python for the same reason as the facets
(search_facets.py): the template language spent some 40 % of the page's rendering on ten
cards of links, badges and snippets. The markup is that of includes/badges.html and the
theme's catalogue filter."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cms_pages.content_language import as_written
from cms_pages.taxonomy import label

register = template.Library()


def _catalogue(value):
    try:
        return as_written(label(value))
    except TypeError:  # not a catalogue value
        return as_written(value)


def _badges(hit):
    online_url = getattr(hit, "online_url", "")
    return format_html(
        '<span class="badges">{}</span>',
        mark_safe("".join(
            format_html('<a class="badge badge-{}" href="{}" rel="noopener">{}</a>', kind,
                        online_url, text)
            if kind == "online" and online_url
            else format_html('<span class="badge badge-{}">{}</span>', kind, text)
            for kind, text in hit.rule_badges
        )),
    )  # fmt: skip


def _promise(hit):
    if hit.promised_days == 0:
        return _("当场办结")
    return format_html("{} {}", hit.promised_days, _catalogue(hit.time_unit))


def _card(hit):
    if hit.kind == "bundle":
        head = format_html(
            '<li class="matter-card bundle-card">\n<a class="bundle-link" href="{}">{}</a>\n'
            '<span class="matter-meta">{}</span>\n',
            hit.url, as_written(hit.title_html), _("一件事：相关事项一次申请、一窗受理"),
        )  # fmt: skip
    else:
        head = format_html(
            '<li class="matter-card">\n<a class="matter-link" href="{}">{}</a>\n{}\n'
            '<span class="matter-meta">{} · {} · {} {} · {}</span>\n{}\n',
            hit.url, as_written(hit.title_html), _badges(hit), as_written(hit.department),
            _catalogue(hit.matter_type), _("承诺"), _promise(hit),
            _("收费") if hit.fee_charged else _("不收费"),
            format_html('<p class="summary">{}</p>', hit.summary) if hit.summary else "",
        )  # fmt: skip
    snippet = ""
    if hit.snippet_html:
        snippet = format_html(
            '<p class="snippet"><span class="snippet-label">{}：</span>{}</p>',
            hit.snippet_label, as_written(hit.snippet_html),
        )  # fmt: skip
    return format_html("{}{}\n</li>\n", head, snippet)


@register.simple_tag
def hit_cards(hits):
    return format_html_join("", "{}", ((_card(hit),) for hit in hits))
