"""Where the shipped seeds and Cypher files are: in a checkout, or inside an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def seeds_dir() -> Path:
    """``$KG_SEEDS`` if set, else the checkout's ``seeds/``, else the copy packed into the wheel."""
    return _locate("KG_SEEDS", "seeds")


def cypher_dir() -> Path:
    """The named Cypher queries, found like :func:`seeds_dir`."""
    return _locate("KG_CYPHER", "cypher")


def _locate(variable: str, name: str) -> Path:
    if os.environ.get(variable):
        return Path(os.environ[variable])
    checkout = _PACKAGE.parent / name
    if checkout.is_dir():
        return checkout
    return _PACKAGE / "_data" / name


def display(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when it is under it."""
    if not path.is_absolute():
        return str(path)
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
