"""Page types, snippets and settings that make up the published matter guide."""

from .bundles import BundleIndexPage, BundleMember, BundlePage, BundlePageForm
from .guide import MainItem, MatterIntermediaryService
from .listings import (
    ComplaintChannelsPage,
    DepartmentIndexPage,
    DepartmentPage,
    HomePage,
    ListingPage,
    StatisticsPage,
    ThemeIndexPage,
    ThemePage,
    catalogue_figures,
)
from .matter import (
    SERVICE_OBJECT_CHOICES,
    GuideRoutes,
    MatterFAQ,
    MatterFeeItem,
    MatterLegalBasis,
    MatterMaterial,
    MatterPage,
    public_matter_by_code,
)
from .panels import PROMOTE_PANELS
from .snippets import AUDIENCE_CHOICES, CareTag, CentreSettings, Hall, ServiceWindow, Theme

__all__ = [
    "AUDIENCE_CHOICES",
    "PROMOTE_PANELS",
    "SERVICE_OBJECT_CHOICES",
    "BundleIndexPage",
    "BundleMember",
    "BundlePage",
    "BundlePageForm",
    "CareTag",
    "CentreSettings",
    "ComplaintChannelsPage",
    "DepartmentIndexPage",
    "DepartmentPage",
    "GuideRoutes",
    "Hall",
    "HomePage",
    "ListingPage",
    "MainItem",
    "MatterFAQ",
    "MatterIntermediaryService",
    "MatterFeeItem",
    "MatterLegalBasis",
    "MatterMaterial",
    "MatterPage",
    "ServiceWindow",
    "StatisticsPage",
    "Theme",
    "ThemeIndexPage",
    "ThemePage",
    "catalogue_figures",
    "public_matter_by_code",
]
