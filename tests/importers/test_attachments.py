"""Blank forms, filled samples and result samples: named in the sheet, sent in a zip beside it.

The corpus is written here: a 云溪县 matter whose department sends its three files as
Windows zips do (Chinese names in GBK, no UTF-8 flag, inside a folder), names them with other
case and width in the sheet, and gives one sample as a web address.
"""

import io
import zipfile
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.documents import get_document_model

from cms_pages.models import MatterPage
from importers.archive import Archive, ArchiveError
from importers.exports import export_matters
from importers.models import ImportRun
from importers.sync import sync_sheet
from spreadsheets.reader import read_sheet

from . import corpus

pytestmark = pytest.mark.django_db
Document = get_document_model()

FORM, ROSTER, CARD = "群众文艺团队备案表", "团队成员名册", "负责人身份证"
ROSTER_URL = "https://wh.yunxi.example/yangbiao/mingce.xlsx"
FORM_PDF = b"%PDF-1.4\n% blank form of the registration\n"
RESULT_PDF = b"%PDF-1.4\n% sample of the receipt\n"
FILES = {"附件/备案表.docx": FORM_PDF, "附件/备案回执样本.pdf": RESULT_PDF}
UTF8 = {"附件/备案回执样本.pdf"}  # written by a tool that flags UTF-8 names


def row(**cells):
    values = corpus.matter(
        "wenlv", "200234009000",
        事项名称="群众文艺团队备案", 事项类型="公共服务", 承办机构="云溪县文化馆",
        服务对象="自然人", 所属主题="文化体育",
        设定依据="《中华人民共和国公共文化服务保障法》第三十二条",
        受理条件="团队成员5人以上，有固定的活动场所。",
        申请材料=f"1. {FORM}（原件1份；必要；申请人自备）\n"
                 f"2. {ROSTER}（原件1份；必要；申请人自备）\n"
                 f"3. {CARD}（复印件1份；必要；申请人自备）",
        办理流程="申请→受理（文化馆服务台，即时）→备案（群文部，3个工作日）",
        法定办结时限=10, 承诺办结时限=3, 时限单位="工作日",
        办理结果="发放备案回执。", 结果名称="群众文艺团队备案回执",
        到办事现场次数=0, 必须现场办理原因="", 网办深度="四级",
        办理地点="云溪县文化馆一楼", 办理窗口="服务台",
        # Written as departments type them: other case, a full-width dot.
        空白表格=f"{FORM}：备案表.DOCX", 示例样表=f"{ROSTER}：{ROSTER_URL}",
        结果样本="备案回执样本．pdf",
    )  # fmt: skip
    values.update(cells, 序号=1)
    return values


def zip_of(files, utf8=()):
    """A zip as Windows writes it: names in GBK without the UTF-8 flag (but those in `utf8`)."""
    buffer, placeholders = io.BytesIO(), {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (path, data) in enumerate(files.items()):
            name = path
            if path not in utf8 and not path.isascii():
                raw = path.encode("gbk")
                name = f"Q{number}".ljust(len(raw), "Q")
                placeholders[name.encode()] = raw
            archive.writestr(name, data)
    data = buffer.getvalue()
    for placeholder, raw in placeholders.items():
        assert data.count(placeholder) == 2  # local header and central directory
        data = data.replace(placeholder, raw)
    return data


def sync(rows, files=None, **options):
    archive = Archive(zip_of(files, UTF8), "fujian.zip") if files is not None else None
    return sync_sheet(read_sheet(corpus.xlsx(rows), name="wenlv.xlsx"), archive=archive, **options)


def matter():
    return MatterPage.objects.get(code=corpus.code("wenlv", "200234009000"))


def materials(page):
    return {m.name: m for m in page.materials.select_related("blank_form", "sample")}


@pytest.fixture(autouse=True)
def setup(corpus_departments, media):
    pass


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_windows_zip_names_find_their_files_and_the_page_offers_them(client):
    infos = zipfile.ZipFile(io.BytesIO(zip_of(FILES, UTF8))).infolist()
    assert [info.flag_bits & 0x800 for info in infos] == [0, 0x800]
    result = sync([row()], FILES, dry_run=False, publish=True)
    assert result.written and [p.status for p in result.plans] == ["new"]
    [plan] = result.plans
    assert not any("附件" in note for note in plan.notes)

    page = matter()
    form = materials(page)[FORM]
    assert (form.blank_form_ref, form.blank_form.title) == ("备案表.DOCX", "备案表")
    assert form.blank_form.file.read() == FORM_PDF
    roster = materials(page)[ROSTER]
    assert (roster.sample_ref, roster.sample_id) == (ROSTER_URL, None)  # a link, not fetched
    assert page.result_sample_ref == "备案回执样本．pdf"
    assert page.result_sample.file.read() == RESULT_PDF

    html = client.get(page.url).content.decode()
    assert f'href="{form.blank_form.url}"' in html and f'href="{ROSTER_URL}"' in html
    assert f'href="{page.result_sample.url}"' in html
    download = client.get(form.blank_form.url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == FORM_PDF


def test_the_same_zip_again_changes_nothing_and_adds_no_document():
    sync([row()], FILES, dry_run=False, publish=True)
    documents = Document.objects.count()
    assert documents == 2
    again = sync([row()], FILES, dry_run=False, publish=True)
    assert [p.status for p in again.plans] == ["unchanged"]
    # Another matter naming the same content under another name links the same document.
    other = row(实施编码=corpus.code("wenlv", "200234010000"), 事项名称="群众文艺团队变更备案",
                结果样本="", 空白表格=f"{FORM}：变更用备案表.pdf")  # fmt: skip
    sync([row(), other], {**FILES, "变更用备案表.pdf": FORM_PDF}, dry_run=False, publish=True)
    assert Document.objects.count() == documents


def test_a_sheet_sent_without_its_zip_warns_keeps_the_names_and_links_them_when_the_zip_follows():
    preview = sync([row()])
    [plan] = preview.plans
    warnings = [n for n in plan.notes if "未随表格上传附件压缩包" in n]
    assert [w[:6] for w in warnings] == ["【结果样本】", "【空白表格】"]
    assert "备案表.DOCX" in warnings[1] and FORM in warnings[1]

    sync([row()], dry_run=False, publish=True)
    form = materials(matter())[FORM]
    assert (form.blank_form_ref, form.blank_form_id) == ("备案表.DOCX", None)

    with_zip = sync([row()], FILES)
    [plan] = with_zip.plans
    assert plan.status == "changed"
    assert {change[0] for change in plan.changes} == {"空白表格", "结果样本"}
    sync([row()], FILES, dry_run=False, publish=True)
    assert materials(matter())[FORM].blank_form.file_hash
    assert [p.status for p in sync([row()], FILES).plans] == ["unchanged"]


def test_a_file_missing_from_the_zip_is_a_warning_and_the_row_still_imports():
    cells = {"示例样表": f"{ROSTER}：成员名册样表.xlsx"}
    preview = sync([row(**cells)], FILES)
    [plan] = preview.plans
    assert plan.status == "new" and not plan.errors
    [warning] = [n for n in plan.notes if "成员名册样表.xlsx" in n]
    assert warning.startswith("【示例样表】") and "附件压缩包“fujian.zip”中没有这个文件" in warning

    sync([row(**cells)], FILES, dry_run=False)
    roster = materials(matter().get_latest_revision_as_object())
    assert roster[ROSTER].sample_ref == "成员名册样表.xlsx" and roster[ROSTER].sample_id is None


def test_export_writes_names_and_addresses_back_and_reimports_unchanged():
    sync([row()], FILES, dry_run=False, publish=True)
    data = export_matters(MatterPage.objects.filter(pk=matter().pk))
    sheet = read_sheet(data, name="export.xlsx")
    [exported] = sheet.rows
    assert exported.values["空白表格"] == f"{FORM}：备案表.DOCX"
    assert exported.values["示例样表"] == f"{ROSTER}：{ROSTER_URL}"
    assert exported.values["结果样本"] == "备案回执样本．pdf"
    for archive in (None, Archive(zip_of(FILES), "fujian.zip")):
        result = sync_sheet(read_sheet(data, name="export.xlsx"), archive=archive)
        assert [p.status for p in result.plans] == ["unchanged"]


def test_an_empty_cell_keeps_the_file_an_editor_uploaded_and_drops_one_the_sheet_named():
    sync([row()], FILES, dry_run=False, publish=True)
    page = matter()
    card = materials(page)[CARD]
    card.blank_form = Document.objects.create(
        title="身份证复印件说明", file=ContentFile(b"%PDF-1.4\n", name="card.pdf"))  # fmt: skip
    page.materials = [card if m.pk == card.pk else m for m in page.materials.all()]
    page.save_revision().publish()

    sync([row(空白表格="")], FILES, dry_run=False, publish=True)
    after = materials(matter())
    assert after[CARD].blank_form.title == "身份证复印件说明"
    assert (after[FORM].blank_form_ref, after[FORM].blank_form_id) == ("", None)
    assert after[ROSTER].sample_ref == ROSTER_URL


def test_a_cell_naming_a_material_the_row_does_not_list_or_a_script_address_is_an_error():
    bad = sync([row(空白表格="营业执照：营业执照.pdf", 结果样本="javascript:alert(1)")])
    [plan] = bad.plans
    assert plan.status == "error"
    assert "不是本事项【申请材料】中的材料" in plan.errors["空白表格"]
    assert "网址只接受这两种" in plan.errors["结果样本"]


def test_a_member_of_a_type_not_allowed_is_never_linked():
    files = {**FILES, "附件/备案表.exe": b"MZ\x90\x00"}
    result = sync([row(空白表格=f"{FORM}：备案表.exe")], files, dry_run=False)
    [plan] = result.plans
    assert any("文件类型不允许" in note and "pdf、doc、docx" in note for note in plan.notes)
    assert materials(matter().get_latest_revision_as_object())[FORM].blank_form_id is None


@pytest.mark.parametrize(
    ("files", "limits", "message"),
    [
        ({"../../etc/备案表.pdf": FORM_PDF}, {}, "指向压缩包以外的位置"),
        ({"/tmp/备案表.pdf": FORM_PDF}, {}, "指向压缩包以外的位置"),
        ({"备案表.pdf": FORM_PDF * 50}, {"max_attachment_bytes": 1000}, "单个文件不能超过"),
        ({f"{n}.pdf": FORM_PDF for n in range(4)}, {"max_attachments": 3}, "超过 3 个的上限"),
        ({"零.pdf": bytes(5 * 1048576)}, {}, "疑似压缩炸弹"),
        ({"a/备案表.pdf": FORM_PDF, "b/备案表.PDF": FORM_PDF}, {}, "两个同名文件"),
    ],
)
def test_hostile_zips_are_refused_as_a_whole_and_nothing_is_written(settings, files, limits,
                                                                     message):  # fmt: skip
    from importers.runs import execute, new_run

    settings.IMPORTERS_LIMITS = {**settings.IMPORTERS_LIMITS, **limits}
    data = zip_of(files)
    with pytest.raises(ArchiveError, match=message):
        Archive(data, "fujian.zip")
    sheet = corpus.xlsx([row()])
    run = new_run(sheet, "wenlv.xlsx", dry_run=False, attachments=data, attachments_name="f.zip")
    execute(run, sheet, attachments=data)
    assert run.status == ImportRun.REJECTED and message in run.message
    assert not MatterPage.objects.filter(code=row()["实施编码"]).exists()
    assert not Document.objects.exists()


def test_a_file_that_is_not_a_zip_is_refused_in_chinese():
    with pytest.raises(ArchiveError, match="不是有效的 zip 压缩包"):
        Archive(b"Rar!\x1a\x07\x00" + bytes(100), "fujian.rar")


def test_admin_preview_takes_the_zip_beside_the_sheet_and_the_confirmation_uses_it(admin_client):
    response = admin_client.post("/admin/imports/upload/", {
        "file": SimpleUploadedFile("wenlv.xlsx", corpus.xlsx([row()])),
        "attachments": SimpleUploadedFile("附件.zip", zip_of(FILES)),
    })  # fmt: skip
    preview = ImportRun.objects.get()
    assert response.status_code == 302 and preview.status == ImportRun.PREVIEWED
    assert preview.attachments_name == "附件.zip"
    assert preview.report["attachments"] == {"name": "附件.zip", "files": 2}
    page = admin_client.get(response.url).content.decode()
    assert "附件压缩包" in page and "附件.zip" in page
    assert not Document.objects.exists()

    admin_client.post(f"/admin/imports/runs/{preview.pk}/confirm/", {})
    applied = ImportRun.objects.exclude(pk=preview.pk).get()
    assert applied.status == ImportRun.APPLIED and applied.attachments_name == "附件.zip"
    draft = matter().get_latest_revision_as_object()
    assert materials(draft)[FORM].blank_form.file_hash == Document.objects.get(
        title="备案表").file_hash  # fmt: skip


def test_admin_upload_refuses_an_attachment_that_is_not_a_zip(admin_client):
    response = admin_client.post("/admin/imports/upload/", {
        "file": SimpleUploadedFile("wenlv.xlsx", corpus.xlsx([row()])),
        "attachments": SimpleUploadedFile("附件.rar", b"Rar!\x1a\x07\x00"),
    })  # fmt: skip
    assert response.status_code == 200 and "附件只接受 .zip 压缩包" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_command_line_takes_the_zip_and_prints_what_could_not_be_linked(tmp_path):
    sheet, files = tmp_path / "wenlv.xlsx", tmp_path / "fujian.zip"
    sheet.write_bytes(corpus.xlsx([row(示例样表=f"{ROSTER}：成员名册样表.xlsx")]))
    files.write_bytes(zip_of(FILES))
    out = StringIO()
    call_command("sync_department", str(sheet), "--attachments", str(files), "--publish",
                 stdout=out, stderr=StringIO())  # fmt: skip
    printed = out.getvalue()
    assert "附件压缩包：fujian.zip（2个文件）" in printed
    assert "提示：【示例样表】" in printed and "成员名册样表.xlsx" in printed
    assert materials(matter())[FORM].blank_form.file.read() == FORM_PDF


def test_a_preview_run_again_keeps_its_zip(admin_client):
    from importers.runs import again

    admin_client.post("/admin/imports/upload/", {
        "file": SimpleUploadedFile("wenlv.xlsx", corpus.xlsx([row()])),
        "attachments": SimpleUploadedFile("附件.zip", zip_of(FILES, UTF8)),
    })  # fmt: skip
    retry = again(ImportRun.objects.get())
    retry.refresh_from_db()
    assert retry.status == ImportRun.PREVIEWED and retry.report["attachments"]["files"] == 2
    [row_report] = retry.report["rows"]
    assert not any("附件" in note for note in row_report["notes"])


def test_material_lines_may_give_the_number_and_follow_the_materials_order():
    from importers.attachment_cells import MaterialRef, parse_material_refs

    cell = f"3：身份证说明.pdf\n1. {FORM} ：备案表.docx\n"
    refs = parse_material_refs(cell, {"申请材料": row()["申请材料"]})
    assert refs == [MaterialRef(FORM, "备案表.docx"), MaterialRef(CARD, "身份证说明.pdf")]
