"""A pure-Python reader and validator for H5P packages (.h5p zip files).

Nothing here imports Django: the package can be used and tested on its own. `read_package`
checks the whole archive in memory and returns a `Package`, or raises `PackageError` naming the
entry that is wrong; the caller writes nothing unless it returns.
"""

from .errors import PackageError
from .limits import Limits
from .model import Dependency, LibraryFiles, Package
from .reader import read_package

__all__ = ["Dependency", "LibraryFiles", "Limits", "Package", "PackageError", "read_package"]
