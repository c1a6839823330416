import datetime

import time_machine

from opendata import scans
from posters.models import ScanCount


@time_machine.travel(datetime.datetime(2026, 11, 15, 10, tzinfo=datetime.UTC))
def test_scans_per_month_and_department_over_the_last_year(small_catalogue):
    m = small_catalogue.matters
    for matter, day, count, outdated in [
        (m["T-1"], "2026-11-03", 5, 1), (m["T-1"], "2026-10-10", 2, 0),
        (m["T-4"], "2026-11-01", 4, 0), (m["T-4"], "2025-11-30", 100, 0),
    ]:  # fmt: skip
        ScanCount.objects.create(matter=matter, day=day, scans=count, outdated_scans=outdated)
    total, (by_month, by_department) = scans.scan_tables()
    assert total == 11
    months = by_month.values()
    assert months[0][0] == "2025-12" and months[-1][0] == "2026-11"
    assert months[-2:] == [["2026-10", 2, 0], ["2026-11", 9, 1]]
    assert [row[:2] for row in by_department.values()] == [["甲局", 7], ["乙局", 4]]
    assert by_department.values()[0][-2:] == [2, 5]
