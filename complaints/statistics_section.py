"""The 投诉与评价 section of the 数据公开 page (registered with opendata.sections): the same
figures as /complaints/figures/, per department, as a chart, a table and downloads."""

from django.urls import reverse
from django.utils.translation import gettext as _

from opendata.sections import Figure, SectionContent
from opendata.tables import Cell, FigureTable

from .figures import CACHE_SECONDS, public_figures

MAX_AGE = CACHE_SECONDS
SHOWN_DEPARTMENTS = 15


def complaints_section():
    figures = public_figures()
    total = figures["total"]
    headline = [
        Figure(_("受理投诉"), total["received"], _("件"), url=reverse("complaints:figures")),
        Figure(_("按期答复率"), total["on_time_share"], "%"),
        Figure(_("答复用时中位数"), total["median_days"], _("个工作日")),
        Figure(_("好差评满意率"), total["satisfied_share"], "%",
               note=_("共 %(n)s 条评价") % {"n": total["rated"]}),
        Figure(_("差评整改完成"), total["rectified"], _("件")),
    ]  # fmt: skip
    rows = [
        [Cell(row["title"]), row["received"], row["answered"], row["on_time"],
         row["on_time_share"], row["median_days"], row["rated"], row["satisfied_share"],
         row["bad"], row["rectified"]]
        for row in sorted(figures["rows"], key=lambda r: -r["received"])
    ]  # fmt: skip
    table = FigureTable(
        "complaints-by-department", _("投诉与评价：按部门"),
        [_("实施部门"), _("受理投诉"), _("已答复"), _("按期答复"), _("按期答复率（%）"),
         _("答复用时中位数（工作日）"), _("评价数"), _("满意率（%）"), _("差评"), _("差评整改")],
        rows, chart=(_("实施部门"), [_("受理投诉")]), shown_rows=SHOWN_DEPARTMENTS,
        note=_("按受理投诉数从多到少排列；申诉成立的评价不计入。"),
    )  # fmt: skip
    return SectionContent(headline, [table])
