"""The 结果样本, 空白表格 and 示例样表 columns: which file or web address is the matter's result
sample, and each material's blank form and filled sample.

结果样本 holds one reference. 空白表格 and 示例样表 hold one line per material,
`材料名称：引用`, the name as 申请材料 writes it (width, spaces and punctuation aside) or
its number there; a
material without a line keeps what editors uploaded in the admin. A reference is an
http(s) address, stored as a link and never fetched, or the name of a file in the zip sent
beside the sheet (importers.archive). What the cell says is stored as written and exported
back, whether or not the file came with it.
"""

import re
from typing import NamedTuple

from django.utils.translation import gettext as _
from import_export.fields import Field
from import_export.widgets import Widget

from cms_pages.models.matter import WEB_ADDRESS
from spreadsheets.text import normalise

from .cells import NUMBERING, CellError
from .children import name_key
from .guide_cells import NONE_WORDS
from .materials import parse_materials

REF_CAP = 300
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.IGNORECASE)
_DRIVE = re.compile(r"^[a-z]:[\\/]", re.IGNORECASE)  # C:\表格\申请表.docx is a file name
# i18n: data
MATERIALS_COLUMN = "申请材料"
# The matter attribute of each material column (not a field: stored on the materials).
MATERIAL_KINDS = {"blank_form_refs": "blank_form", "sample_refs": "sample"}


class MaterialRef(NamedTuple):
    name: str
    ref: str


def is_web_address(ref):
    return bool(WEB_ADDRESS.match(ref or ""))


def parse_ref(value):
    """One reference: a web address (http/https only) or a file name; "" for 无."""
    ref = normalise(value)
    if ref in NONE_WORDS:
        return ""
    if "\n" in ref:
        raise CellError(_("只能写一个文件名或网址。"))
    if len(ref) > REF_CAP:
        raise CellError(_("文件名或网址超过%(cap)s个字。") % {"cap": REF_CAP})
    if not is_web_address(ref) and _SCHEME.match(ref) and not _DRIVE.match(ref):
        raise CellError(
            _("“%(ref)s”不是 http:// 或 https:// 开头的网址；网址只接受这两种，文件请写文件名。")
            % {"ref": ref[:40]}
        )
    return ref


def parse_material_refs(value, row=None):
    """[MaterialRef] in the order of the row's materials (when the row lists them)."""
    known = _material_names((row or {}).get(MATERIALS_COLUMN))
    found = {}
    for number, line in enumerate(normalise(value).split("\n"), start=1):
        line = NUMBERING.sub("", line.strip(), count=1).strip()
        if not line or line in NONE_WORDS:
            continue
        name, ref = _split(line, known)
        if not name or not ref:
            raise CellError(
                _("第%(number)s行“%(line)s”应写成“材料名称：文件名或网址”。")
                % {"number": number, "line": line[:40]}
            )
        if known and name.isdigit() and 1 <= int(name) <= len(known):
            name = list(known.values())[int(name) - 1]  # `2：名册样表.xlsx`, by number
        key = name_key(name)
        if known is not None:
            if key not in known:
                raise CellError(
                    _("第%(number)s行的“%(name)s”不是本事项【申请材料】中的材料。")
                    % {"number": number, "name": name[:40]}
                )
            name = known[key]
        if key in found:
            raise CellError(_("材料“%(name)s”写了两次。") % {"name": name[:40]})
        try:
            found[key] = MaterialRef(name, parse_ref(ref))
        except CellError as error:
            raise CellError(
                _("第%(number)s行：%(error)s") % {"number": number, "error": error}
            ) from None
    if known is None:
        return list(found.values())
    return [found[key] for key in known if key in found]


def _material_names(cell):
    """name_key → name of the row's 申请材料 cell; None when the row does not list them."""
    if cell is None:
        return None
    try:
        return {name_key(m["name"]): m["name"] for m in parse_materials(cell)}
    except CellError:
        return None  # the 申请材料 cell reports its own error


def _split(line, known):
    """(name, reference) at the colon after a material name (names may hold colons too)."""
    cuts = [i for i, ch in enumerate(line)
            if ch == "：" or (ch == ":" and line[i + 1 : i + 3] != "//")]  # fmt: skip
    if known:
        for cut in cuts:
            if name_key(line[:cut]) in known:
                return line[:cut].strip(), line[cut + 1 :].strip()
    if not cuts:
        return "", ""
    return line[: cuts[0]].strip(), line[cuts[0] + 1 :].strip()


def render_material_refs(items, kind):
    lines = []
    for item in items.all() if hasattr(items, "all") else items or []:
        if isinstance(item, MaterialRef):
            name, ref = item
        else:
            name, ref = item.name, getattr(item, f"{kind}_ref")
        if ref:
            lines.append(f"{name}：{ref}")
    return "\n".join(lines)


class AttachmentWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        return parse_ref(value)

    def render(self, value, obj=None, **kwargs):
        return normalise(value)


class MaterialAttachmentsWidget(Widget):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def clean(self, value, row=None, **kwargs):
        return parse_material_refs(value, row)

    def render(self, value, obj=None, **kwargs):
        return render_material_refs(value, self.kind)


class MaterialAttachmentsField(Field):
    """A column about the matter's materials, read from and stored on each material."""

    def __init__(self, attribute, column_name):
        widget = MaterialAttachmentsWidget(MATERIAL_KINDS[attribute])
        super().__init__(attribute, column_name, widget)

    def get_value(self, instance):
        return instance.materials
