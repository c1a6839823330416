"""The downloadable error report of an import run: one line per problem, naming row and column."""

from django.utils.translation import gettext as _

from .exports import CSV_TYPE, XLSX_TYPE, write_csv, write_xlsx
from .models import STATUS_LABELS


def headers():
    return [_("行号"), _("实施编码"), _("事项名称"), _("实施主体"), _("状态"), _("列"), _("说明")]


def report_lines(run):
    report = run.report
    if report.get("file_error"):
        yield ["", "", "", "", _("文件错误"), "", report["file_error"]]
    if report.get("batch_error"):
        yield ["", "", "", "", _("改革批次"), "", report["batch_error"]]
    for message in report.get("errors", []):
        yield ["", "", "", "", _("写入错误"), "", message]
    for row in report.get("rows", []):
        head = [row["line"], row["code"], row["title"], row["department"],
                str(STATUS_LABELS[row["status"]])]  # fmt: skip
        for column, message in row["messages"]:
            yield [*head, column, message]
        for note in row["notes"]:
            yield [*head, "", note]
    for item in report.get("withdrawn", []):
        state = _("已发布") if item["live"] else _("未发布")
        message = _("文件中没有此事项（%(state)s），请人工确认是否撤销。") % {"state": state}
        label = str(STATUS_LABELS["withdrawn"])
        yield ["", item["code"], item["title"], item["department"], label, "", message]


def error_report(run, file_format="xlsx"):
    """(bytes, content type, file name) of the report."""
    lines = [[str(v) for v in line] for line in report_lines(run)]
    stem = _("导入报告-%(pk)s") % {"pk": run.pk}
    if file_format == "csv":
        return write_csv(headers(), lines), CSV_TYPE, f"{stem}.csv"
    return write_xlsx(headers(), lines, sheet_title=_("导入报告")), XLSX_TYPE, f"{stem}.xlsx"
