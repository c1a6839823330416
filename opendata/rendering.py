"""HTML of the statistics sections and of a single figure table, with their charts."""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .charts import render_svg, table_chart
from .sections import sections
from .statistics import CACHE_TTL, cache_key, section_content


def table_context(table, full=False):
    chart = table_chart(table)
    return {
        "table": table,
        "rows": table.cells() if full else table.visible_rows,
        "svg": render_svg(chart) if chart else "",
        "full": full,
    }


def render_section(section):
    key = cache_key(section) + ":html"
    html = cache.get(key)
    if html is None:
        content = section_content(section)
        html = render_to_string(
            "opendata/section.html",
            {"section": section, "content": content,
             "tables": [table_context(table) for table in content.tables]},
        )  # fmt: skip
        cache.set(key, html, section.max_age or CACHE_TTL)
    return html


def render_sections():
    return mark_safe("".join(render_section(section) for section in sections()))
