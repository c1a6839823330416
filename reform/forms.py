from django import forms
from django.utils.translation import gettext_lazy as _

from cms_pages.service_rules import FULLY_ONLINE, IMMEDIATE, VISIT_OPTIONS

from .assembly import MatterCriteria

VISIT_CHOICES = [("", _("不限")), ("0", _("0次（零跑腿）")), ("1", _("不超过1次（最多跑一次）"))]


class CriteriaForm(forms.Form):
    department = forms.ModelChoiceField(queryset=None, required=False, label=_("实施主体"),
                                        empty_label=_("全部部门"))  # fmt: skip
    theme = forms.ModelChoiceField(queryset=None, required=False, label=_("所属主题"),
                                   empty_label=_("全部主题"))  # fmt: skip
    max_visits = forms.ChoiceField(choices=VISIT_CHOICES, required=False,
                                   label=_("到办事现场次数"))  # fmt: skip
    fully_online = forms.BooleanField(required=False, label=_("只要全程网办事项"))
    immediate = forms.BooleanField(required=False, label=_("只要即办件"))
    pending_only = forms.BooleanField(required=False, label=_("只要有待发布修改的事项"))
    text = forms.CharField(required=False, max_length=100, label=_("名称或实施编码包含"))
    note = forms.CharField(
        required=False, max_length=200, label=_("备注"),
        help_text=_("写入本次加入的每个事项，如“全程网办，零跑腿”。"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        from cms_pages.models import DepartmentPage, Theme

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = DepartmentPage.objects.order_by("path")
        self.fields["theme"].queryset = Theme.objects.all()

    def criteria(self):
        data = self.cleaned_data
        rules = [VISIT_OPTIONS[data["max_visits"]]] if data["max_visits"] else []
        rules += [rule for rule, wanted in ((FULLY_ONLINE, data["fully_online"]),
                                            (IMMEDIATE, data["immediate"])) if wanted]  # fmt: skip
        return MatterCriteria(
            department=data["department"].pk if data["department"] else None,
            theme=data["theme"].pk if data["theme"] else None,
            rules=tuple(rules),
            pending_only=data["pending_only"],
            text=data["text"].strip(),
        )

    def has_condition(self):
        criteria = self.criteria()
        return any(
            [criteria.department, criteria.theme, criteria.rules, criteria.pending_only,
             criteria.text]
        )  # fmt: skip


class BatchSheetForm(forms.Form):
    sheet = forms.FileField(
        label=_("批次清单表格"),
        help_text=_("第1行标题，第2行表头：序号、实施编码、事项名称、实施主体、到办事现场次数、"
                    "公布日期、备注。支持 .xlsx 和 .csv。"),
    )  # fmt: skip
