"""Every figure of the statistics page against values worked out by hand (see conftest)."""

from decimal import Decimal

from cms_pages.models import Theme
from opendata import before_after, catalogue, speed
from opendata.matters import public_matters


def D(text):
    return Decimal(text)


def rows_of(table):
    return [[str(cell) for cell in row] for row in table.cells()]


def test_only_public_live_matters_count(small_catalogue):
    assert sorted(public_matters().values_list("code", flat=True)) == [
        "T-1", "T-2", "T-3", "T-4", "T-5",
    ]  # fmt: skip


def test_headline_counts_and_shares(small_catalogue):
    head = catalogue.headline(public_matters())
    assert head["total"] == 5
    assert (head["at_most_once"]["count"], head["at_most_once"]["share"]) == (4, 80.0)
    assert (head["zero_visits"]["count"], head["zero_visits"]["share"]) == (2, 40.0)
    assert (head["fully_online"]["count"], head["fully_online"]["share"]) == (3, 60.0)
    assert (head["immediate"]["count"], head["immediate"]["share"]) == (2, 40.0)


def test_catalogue_by_type_level_department(small_catalogue):
    matters = public_matters()
    # columns: name, total, ≤1 visit, share, 0 visits, share, online, share, immediate, share
    assert rows_of(catalogue.by_type(matters)) == [
        ["行政许可", "3", "3", "100.0", "1", "33.3", "2", "66.7", "1", "33.3"],
        ["行政确认", "1", "1", "100.0", "1", "100.0", "1", "100.0", "1", "100.0"],
        ["公共服务", "1", "0", "0.0", "0", "0.0", "0", "0.0", "0", "0.0"],
    ]
    assert [row[:3] for row in rows_of(catalogue.by_level(matters))] == [
        ["市级", "1", "1"], ["县级", "3", "2"], ["乡镇级", "1", "1"],
    ]  # fmt: skip
    assert [row[:3] for row in rows_of(catalogue.by_department(matters))] == [
        ["甲局", "3", "2"], ["乙局", "2", "2"],
    ]  # fmt: skip


def test_every_theme_is_listed_and_empty_ones_show_zero(small_catalogue):
    table = catalogue.by_theme(public_matters())
    counts = dict(rows_of(table))
    assert counts[f"{small_catalogue.theme.name}（个人）"] == "2"
    assert counts[f"{small_catalogue.empty_theme.name}（个人）"] == "0"
    assert len(table.rows) == Theme.objects.count()


def test_speed_overall(small_catalogue):
    overall, _tables = speed.speed_tables(public_matters())
    assert overall == {
        "count": 5,
        "statutory_mean": D("13.4"),
        "promised_mean": D("4.8"),
        "saving": D("64.2"),
        "statutory_median": D("10.0"),
        "promised_median": D("3.0"),
        "fast": 4,
        "fast_share": 80.0,
    }


def test_speed_per_department_and_level(small_catalogue):
    _overall, (_all, by_level, by_department) = speed.speed_tables(public_matters())
    assert rows_of(by_department) == [
        ["甲局", "3", "20.0", "7.0", "65.0", "20.0", "5.0", "2", "66.7"],
        ["乙局", "2", "3.5", "1.5", "57.1", "3.5", "1.5", "2", "100.0"],
    ]
    assert rows_of(by_level)[1] == ["县级", "3", "13.3", "5.3", "60.0", "10.0", "1.0", "2", "66.7"]


def test_before_after_whole_catalogue(small_catalogue):
    changes, _table = before_after.catalogue_change(public_matters())
    assert changes["visits"] == {"count": 3, "before": D("2.0"), "after": D("0.3"),
                                 "reduction": D("83.3")}  # fmt: skip
    assert changes["steps"] == {"count": 2, "before": D("4.0"), "after": D("2.5"),
                                "reduction": D("37.5")}  # fmt: skip
    assert changes["materials"] == {"count": 3, "before": D("3.0"), "after": D("1.7"),
                                    "reduction": D("44.4")}  # fmt: skip
    assert changes["promised_days"] == {"count": 3, "before": D("12.3"), "after": D("3.0"),
                                        "reduction": D("75.7")}  # fmt: skip
    assert changes["statutory_days"] == {"count": 1, "before": D("30.0"), "after": D("20.0"),
                                         "reduction": D("33.3")}  # fmt: skip


def test_before_after_per_batch_uses_the_active_release(small_batches):
    seven, _eight = small_batches
    [(batch, changes, count)] = before_after.batch_changes()
    assert (batch, count) == (seven, 2)
    assert changes["visits"] == {"count": 2, "before": D("2.5"), "after": D("0.5"),
                                 "reduction": D("80.0")}  # fmt: skip
    assert changes["steps"] == {"count": 1, "before": D("5.0"), "after": D("3.0"),
                                "reduction": D("40.0")}  # fmt: skip
    assert changes["promised_days"] == {"count": 2, "before": D("15.0"), "after": D("3.0"),
                                        "reduction": D("80.0")}  # fmt: skip
    assert changes["statutory_days"]["reduction"] == D("0.0")
    assert rows_of(before_after.batch_table())[0][:4] == ["第七批", "2", "2.5", "0.5"]


def test_batch_link_lists_the_matters_of_its_active_release(small_batches, site_client):
    seven, _eight = small_batches
    response = site_client.get(f"/opendata/matters/?batch={seven.pk}")
    assert response.status_code == 200
    assert [m.code for m in response.context["page_obj"]] == ["T-1", "T-2"]
