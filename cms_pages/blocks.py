"""StreamField blocks for a matter's procedure (办理流程)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .taxonomy import TIME_UNITS


class ProcedureStepBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("环节名称"), max_length=60)
    actor = blocks.CharBlock(label=_("办理人员或机构"), required=False, max_length=100)
    days = blocks.IntegerBlock(label=_("时限（天）"), required=False, min_value=0)
    description = blocks.TextBlock(label=_("说明"), required=False)

    class Meta:
        icon = "arrow-right"
        label = _("环节")


class ParallelBranchBlock(blocks.StructBlock):
    office = blocks.CharBlock(label=_("并联办理机构"), max_length=100)
    steps = blocks.ListBlock(ProcedureStepBlock(), label=_("分支环节"), min_num=1)

    class Meta:
        label = _("分支")


class ParallelStageBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("阶段名称"), max_length=60, default="并联审批")
    branches = blocks.ListBlock(ParallelBranchBlock(), label=_("分支"), min_num=2)

    class Meta:
        icon = "list-ul"
        label = _("并联审批阶段")


class SpecialStepBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("特别程序"), max_length=60, help_text=_("如现场核查、专家评审、听证、公示")
    )
    days = blocks.IntegerBlock(label=_("所需天数"), min_value=0)
    day_unit = blocks.ChoiceBlock(
        label=_("天数单位"), choices=[(u, u) for u in TIME_UNITS], default=TIME_UNITS[0]
    )
    counts_toward_limit = blocks.BooleanBlock(
        label=_("计入办理时限"), required=False, default=False
    )

    class Meta:
        icon = "warning"
        label = _("特别程序")


class ProcedureBlock(blocks.StreamBlock):
    step = ProcedureStepBlock()
    parallel = ParallelStageBlock()
    special = SpecialStepBlock()
