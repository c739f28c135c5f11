from .documents import CustomDocument
from .images import CustomImage, CustomRendition
from .pages import HomePage, SitePage
from .site_settings import SiteSettings

__all__ = [
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "SiteSettings",
    "SitePage",
]
