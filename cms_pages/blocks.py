"""StreamField blocks for a matter's procedure (办理流程)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from .flowchart import parallel_stage_problems, special_step_problem
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
    # i18n: data
    name = blocks.CharBlock(label=_("阶段名称"), max_length=60, default="并联审批")
    branches = blocks.ListBlock(ParallelBranchBlock(), label=_("分支"), min_num=2)

    class Meta:
        icon = "list-ul"
        label = _("并联审批阶段")

    def clean(self, value):
        # Drafts may be incomplete (Wagtail defers required checks); publishing may not.
        if not self.is_deferred_validation:
            stage_message, branch_messages = parallel_stage_problems(value)
            if stage_message or branch_messages:
                branch_errors = {
                    index: StructBlockValidationError(
                        {name: ValidationError(message) for name, message in fields.items()}
                    )
                    for index, fields in branch_messages.items()
                }
                raise StructBlockValidationError(
                    {
                        "branches": ListBlockValidationError(
                            block_errors=branch_errors,
                            non_block_errors=[stage_message] if stage_message else None,
                        )
                    }
                )
        return super().clean(value)


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

    def clean(self, value):
        message = special_step_problem(value)
        if message and not self.is_deferred_validation:
            raise StructBlockValidationError({"days": ValidationError(message)})
        return super().clean(value)


class ProcedureBlock(blocks.StreamBlock):
    step = ProcedureStepBlock()
    parallel = ParallelStageBlock()
    special = SpecialStepBlock()
