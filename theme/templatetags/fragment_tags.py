"""`{% shared_fragment "name" part … %}…{% endshared_fragment %}`: HTML that many pages show
alike, rendered once per publish generation (cms_pages.fragments). The parts name whatever the
fragment shows that differs between pages (a department's id)."""

from django import template
from django.utils.safestring import mark_safe

from cms_pages.fragments import shared_fragment

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        name = self.name.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        html = shared_fragment(
            context.get("request"), name, parts, lambda: str(self.nodelist.render(context))
        )
        return mark_safe(html)


@register.tag("shared_fragment")
def shared_fragment_tag(parser, token):
    name, *parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(name, parts, nodelist)
