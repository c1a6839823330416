"""The 推荐 tab every page type shares: what search engines show, nothing about site menus
(the site's navigation is fixed, so Wagtail's 在菜单中显示 would change nothing)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

PROMOTE_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel(
                "slug",
                help_text=_("页面在网址中的名称：小写拼音、数字和连字符，例如 chu-sheng-deng-ji。"),
            ),
            FieldPanel("seo_title"),
            FieldPanel("search_description"),
        ],
        heading=_("搜索引擎"),
    ),
]
