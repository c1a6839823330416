"""Headers the importer does not know, mapped to columns by an editor.

The editor maps an unknown header once — a select per header in the admin preview, or
`--map "表头=列名"` on the command line — and the mapping is remembered for the department
(HeaderMapping), so its next file imports without asking again. A mapping to "" ignores the
column (and stops it being reported as unknown).
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from cms_pages.models import DepartmentPage
from spreadsheets.columns import COLUMNS, DEPARTMENT_COLUMN, clean_header
from spreadsheets.reader import SheetError
from spreadsheets.text import normalise

from .models import HeaderMapping

IGNORE = ""
# i18n: data
IGNORE_WORDS = ("忽略", "")


class MappingError(ValueError):
    pass


def parse_option(items):
    """`--map "表头=列名"` options → {cleaned header: column}."""
    mapping = {}
    for item in items or ():
        header, sep, column = item.partition("=")
        header, column = clean_header(header), column.strip()
        if not sep or not header:
            raise MappingError(_("--map 应写作“表头=列名”，实际为“%(item)s”。") % {"item": item})
        if column not in COLUMNS and column not in IGNORE_WORDS:
            raise MappingError(
                _("--map 中的“%(column)s”不是导入模板的列名（或“忽略”）。") % {"column": column}
            )
        mapping[header] = IGNORE if column in IGNORE_WORDS else column
    return mapping


def departments_of(sheet, department=None):
    """The departments a file is for: the one chosen, else those its rows name."""
    if department is not None:
        return [department]
    names = {normalise(row.values.get(DEPARTMENT_COLUMN)) for row in sheet.rows} - {""}
    return list(DepartmentPage.objects.filter(Q(title__in=names) | Q(short_name__in=names)))


def remembered(departments, headers):
    found = {}
    rows = HeaderMapping.objects.filter(department__in=departments, header__in=headers)
    for header, column in rows.order_by("-updated_at").values_list("header", "column"):
        found.setdefault(header, column)
    return found


def remember(mapping, departments, user=None):
    for department in departments:
        for header, column in mapping.items():
            HeaderMapping.objects.update_or_create(
                department=department, header=header, defaults={"column": column, "user": user}
            )


def apply(sheet, chosen, departments):
    """Map the sheet's unknown headers: `chosen` (this run) over what the departments
    remembered. Records {header: (column, how)} on the sheet."""
    unknown = list(sheet.unknown_columns)
    mapping = {h: ("remembered", c) for h, c in remembered(departments, unknown).items()}
    mapping.update({h: ("chosen", c) for h, c in chosen.items() if h in unknown})
    present = set(sheet.header)
    renames = {}
    for header, (how, column) in mapping.items():
        if column and column in present:
            raise SheetError(
                _(
                    "表头“%(header)s”对应到“%(column)s”，但表中已有“%(column)s”列；请改选其他列或忽略。"
                )
                % {"header": header, "column": column}
            )
        if column:
            present.add(column)
            renames[header] = column
        sheet.mapped[header] = (column, how)
    sheet.header = [renames.get(name, name) for name in sheet.header]
    for row in sheet.rows:
        for header, column in renames.items():
            if header in row.values:
                row.values[column] = row.values.pop(header)
            if header in row.formulas:
                row.formulas[column] = row.formulas.pop(header)
    sheet.unknown_columns = [h for h in unknown if h not in mapping]
    return sheet
