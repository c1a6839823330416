"""What spreadsheet-import tests compare against: the sample files and the written tables."""

import hashlib

from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from cms_pages.models import MatterLegalBasis, MatterMaterial, MatterPage
from importers.models import MatterSyncState

from . import ROOT

DEPARTMENTS = ROOT / "demo_data" / "departments"


def matter_tables_digest():
    """A fingerprint of everything an import may write."""
    hasher = hashlib.sha256()
    models = [Page, MatterPage, MatterMaterial, MatterLegalBasis, MatterPage.themes.through,
              Revision, PageLogEntry, MatterSyncState, ReferenceIndex]  # fmt: skip
    for model in models:
        for row in model.objects.order_by("pk").values_list():
            hasher.update(repr(row).encode())
    return hasher.hexdigest()
