"""What the reform office needs to see about a batch before submitting or releasing it."""

from collections import Counter

from .release import latest_refusal, matter_rows, stale_members
from .reviews import unreviewed_members

LISTED = 10


def batch_summary(batch):
    members = list(batch.members.all())
    rows = matter_rows([m.matter_id for m in members])
    departments = Counter(
        rows[m.matter_id]["department__title"] for m in members if m.matter_id in rows
    )
    return {
        "member_count": len(members),
        "departments": departments.most_common(),
        "stale": stale_members(members, rows),
        "unreviewed": [
            {"title": rows[m.matter_id]["title"], "code": rows[m.matter_id]["code"]}
            for m in unreviewed_members(members)
            if m.matter_id in rows
        ],
        "listed": [rows[m.matter_id] for m in members[:LISTED] if m.matter_id in rows],
        "release": batch.active_release,
        "refusal": latest_refusal(batch),
        "in_moderation": batch.workflow_in_progress,
    }
