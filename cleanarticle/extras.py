"""Optional dependencies: import them lazily, and say which extra to install when missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import CleanArticleError


class MissingExtraError(CleanArticleError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``, or raise ``MissingExtraError`` naming the extra that provides it.

    Raises:
        MissingExtraError: ``module`` cannot be imported.

    >>> require("json", "none").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise MissingExtraError(
            f"{module} is not installed; install it with: pip install 'cleanarticle[{extra}]'"
        ) from err
