"""Writing the files kg makes (HTML views, exports): every problem with the place is one sentence."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from kg.errors import KgError


class OutputError(KgError):
    """A file kg was asked to write that cannot be written there."""


def output_path(given: str | os.PathLike | None, default_name: str) -> Path:
    """Where to write: ``given``, or ``default_name`` inside it when it names a folder (``-o views/``)."""
    if given is None:
        return Path(default_name)
    text = os.fspath(given)
    path = Path(text)
    if text.endswith(("/", os.sep)) or path.is_dir():
        if not path.is_dir():
            raise OutputError(f"cannot write into {text}: no such folder")
        return path / default_name
    return path


@contextmanager
def writing(path: str | os.PathLike) -> Iterator[TextIO]:
    """A UTF-8 text file open for writing; :class:`OutputError` for any problem with it, even at close."""
    target = Path(path)
    try:
        with target.open("w", encoding="utf-8") as handle:
            yield handle
    except OSError as err:
        raise OutputError(f"cannot write {target}: {_reason(err, target)}") from None


def write_text(path: str | os.PathLike, text: str) -> Path:
    with writing(path) as handle:
        handle.write(text)
    return Path(path)


def _reason(err: OSError, target: Path) -> str:
    if err.errno == errno.ENOENT and not target.parent.is_dir():
        return f"no folder {target.parent}"
    return {
        errno.ENOSPC: "no space left on the device",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.EISDIR: "it is a folder",
        errno.ENOTDIR: "a part of the path is not a folder",
    }.get(err.errno, (err.strerror or type(err).__name__).lower())
