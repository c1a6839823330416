"""A batch release changes many matters at once: the proxy gets one purge for all of them."""

import pytest

from reform.assembly import join_batch
from tests.support.pages import matter, reload, save_draft

pytestmark = pytest.mark.django_db


def test_release_purges_every_member_in_one_batch(
    new_batch, purged, django_capture_on_commit_callbacks
):
    members = [matter("临时救助"), matter("户口迁入登记")]
    batch = new_batch()
    join_batch(batch, [save_draft(m, promised_days=3) for m in members])
    with django_capture_on_commit_callbacks(execute=True):
        reload(batch).get_latest_revision().publish()
    assert len(purged) == 1
    for member in members:
        assert member.get_full_url() in purged[0]
    assert reload(batch).get_full_url() in purged[0]
