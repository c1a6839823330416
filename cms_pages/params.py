"""Reading public input: query parameters, path parts and 实施编码.

Every public listing, search, suggest, live list, download and API view reads its query
parameters through these functions, so a hostile or mistyped value is ignored (or answered
with a clean 400 by the view) and never reaches the database in a form that makes it fail:
integers are ASCII digits only and small enough for any id column (`str.isdigit()` accepts
`²`, and a 20-digit number overflows PostgreSQL's integer), NUL bytes (which PostgreSQL
refuses in text) and lone surrogates (which no encoder accepts) never get through.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

INTEGER = re.compile(r"[0-9]{1,9}")
MAX_PAGE = 10_000
MAX_TEXT = 200  # longest free-text parameter kept (search words, codes)
# Control characters other than tab and newline, and UTF-16 surrogate halves.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

# 实施编码: treated as an opaque key, but it is part of URLs (`/m/<code>/`, `/q/<code>/`),
# file names and QR codes, so only ASCII letters, digits, `-` and `_`, starting with a letter
# or digit, at most 64 characters.
CODE_PATTERN = r"[0-9A-Za-z][0-9A-Za-z_-]{0,63}"
CODE = re.compile(CODE_PATTERN)
CODE_MESSAGE = _("实施编码只能由字母、数字、“-”和“_”组成，以字母或数字开头，最长64个字符。")
validate_code = RegexValidator(rf"\A{CODE_PATTERN}\Z", CODE_MESSAGE, code="invalid_code")


def code_error(value):
    """The Chinese message for an unusable 实施编码, or "" when it is fine (for importers)."""
    try:
        validate_code(value)
    except ValidationError as error:
        return str(error.messages[0])
    return ""


def is_code(value):
    return isinstance(value, str) and CODE.fullmatch(value) is not None


def clean_text(value, max_length=None):
    """`value` without NUL, other control characters and lone surrogates; None becomes ""."""
    if value is None:
        return ""
    text = _UNSAFE.sub("", str(value))
    return text[:max_length] if max_length else text


def integer(value, minimum=0, maximum=None):
    """An int written as 1–9 ASCII digits within [minimum, maximum], else None."""
    if not isinstance(value, str) or not INTEGER.fullmatch(value.strip()):
        return None
    number = int(value)
    if number < minimum or (maximum is not None and number > maximum):
        return None
    return number


def page_number(value):
    """A listing's page number: 1 unless `value` is a plausible page."""
    return integer(value, minimum=1, maximum=MAX_PAGE) or 1


def choice(value, options):
    """`value` if it is one of `options` (any container of strings), else None."""
    return value if isinstance(value, str) and value in options else None


def existing_id(value, queryset):
    """The id in `value` if `queryset` holds a row with it, else None."""
    number = integer(value, minimum=1)
    if number is None or not queryset.filter(pk=number).exists():
        return None
    return number
