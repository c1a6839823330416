"""A batch list may state each matter's figures before the reform; the release compares with
them (over what the matter states itself and what was live)."""

import pytest

from reform.assembly import add_matters
from reform.batch_sheet import BatchSheetError, member_baselines, read_batch_sheet, resolve
from tests.support.pages import matter, reload

pytestmark = pytest.mark.django_db
HEADER = "序号,实施编码,事项名称,备注,改革前到现场次数,改革前承诺办结时限,改革前申请材料数\r\n"


def sheet_file(tmp_path, rows):
    path = tmp_path / "batch.csv"
    path.write_text(HEADER + "".join(",".join(map(str, r)) + "\r\n" for r in rows),
                    encoding="utf-8-sig")  # fmt: skip
    return path


def test_batch_list_baseline_wins_at_release(tmp_path, new_batch):
    homestead, relief = matter("农村村民宅基地审批"), matter("临时救助")
    path = sheet_file(tmp_path, [
        (1, homestead.code, homestead.title, "", 3, "30个工作日", 9),
        (2, relief.code, relief.title, "", "", "", ""),
    ])  # fmt: skip
    sheet = read_batch_sheet(path)
    entries = resolve(sheet)
    assert member_baselines(sheet, entries) == {
        homestead.pk: {"visits": 3, "promised_days": 30, "materials": 9},
    }
    batch = new_batch()
    add_matters(batch, [m for m, _n in entries], baselines=member_baselines(sheet, entries))
    reload(batch).get_latest_revision().publish()
    rows = {r.code: r for r in reload(batch).active_release.matters.all()}
    home = rows[homestead.code]
    assert (home.before_visits, home.before_promised_days, home.before_materials) == (3, 30, 9)
    stated = reload(relief)
    assert rows[relief.code].before_visits == stated.before_visits  # the matter's own baseline


def test_a_bad_baseline_cell_names_row_and_column(tmp_path):
    homestead = matter("农村村民宅基地审批")
    path = sheet_file(tmp_path, [(1, homestead.code, homestead.title, "", "两次", "", "")])
    with pytest.raises(BatchSheetError) as error:
        read_batch_sheet(path)
    assert "第2行【改革前到现场次数】应为整数，实际为“两次”" in str(error.value)
