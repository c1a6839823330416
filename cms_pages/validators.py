"""Validators for codes the government assigns."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CREDIT_CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_problem(code):
    """Why `code` is not a 统一社会信用代码 (GB 32100: 18 characters, last a check
    character), or None."""
    if len(code) != 18:
        return _("应为18位，实际为%(n)d位。") % {"n": len(code)}
    wrong = [c for c in code if c not in CREDIT_CODE_CHARACTERS]
    if wrong:
        return _("含有不允许的字符“%(c)s”（不用 I、O、Z、S、V）。") % {"c": wrong[0]}
    pairs = zip(code[:17], CREDIT_CODE_WEIGHTS, strict=True)
    total = sum(CREDIT_CODE_CHARACTERS.index(c) * weight for c, weight in pairs)
    check = CREDIT_CODE_CHARACTERS[(31 - total % 31) % 31]
    if code[-1] != check:
        return _("校验位应为“%(c)s”，请核对。") % {"c": check}
    return None


def validate_credit_code(value):
    problem = credit_code_problem(value or "")
    if value and problem:
        raise ValidationError(_("统一社会信用代码有误：%(problem)s") % {"problem": problem})
