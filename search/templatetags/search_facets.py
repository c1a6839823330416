"""The facet lists of the results page, built in Python: a page can list a hundred options
(every theme and department found), which the template language renders several times
slower than this."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

register = template.Library()
SHOWN = 12  # options shown before "另外 n 项"


def _options(options, tick):
    return format_html_join(
        "",
        '<li><a href="{}"{}>{}{} <span class="count">({})</span></a></li>',
        (
            (o.url, mark_safe(' aria-current="true" class="selected"') if o.selected else "",
             "✓ " if tick and o.selected else "", o.label, o.count)
            for o in options
        ),
    )  # fmt: skip


@register.simple_tag
def facet_sections(facets):
    sections = []
    for facet in facets:
        if not facet.options:
            continue
        more = ""
        if len(facet.options) > SHOWN:
            rest = len(facet.options) - SHOWN
            label = ngettext("另外 %(n)s 项", "另外 %(n)s 项", rest) % {"n": rest}
            more = format_html('<details class="more"><summary>{}</summary><ul>{}</ul></details>',
                               label, _options(facet.options[SHOWN:], tick=False))  # fmt: skip
        sections.append(format_html(
            '<section class="facet" aria-labelledby="facet-{0}"><h3 id="facet-{0}">{1}</h3>'
            "<ul>{2}</ul>{3}</section>",
            facet.name, facet.label, _options(facet.options[:SHOWN], tick=True), more,
        ))  # fmt: skip
    return mark_safe("".join(sections))
