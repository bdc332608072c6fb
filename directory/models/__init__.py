"""Directory models, split by concept."""

from .contact import ContactMessage
from .index import DirectoryIndexPage
from .membership import Membership
from .pages import StructurePage, StructurePageTag
from .taxonomies import LegalForm, Relation, Sector, Territory

__all__ = [
    "ContactMessage",
    "DirectoryIndexPage",
    "LegalForm",
    "Membership",
    "Relation",
    "Sector",
    "StructurePage",
    "StructurePageTag",
    "Territory",
]
