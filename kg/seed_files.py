"""The files of a seeds folder, found and read without parsing them (cheap: a cached graph's key
is checked with these alone, before the model or the YAML reader is imported)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import Problem
from kg.locations import display


@dataclass(frozen=True)
class SeedFile:
    """One seeds file as read from disk: its bytes, or the problem that kept them from being read."""

    path: Path
    data: bytes | None
    problem: Problem | None = None

    @property
    def name(self) -> str:
        return display(self.path)


def seed_files(directory: str | os.PathLike) -> list[Path]:
    """The YAML files under a seeds folder, in a stable order (without reading them)."""
    return [Path(path) for path, _, _ in _walk(directory)]


def read_seed_files(directory: str | os.PathLike) -> list[SeedFile]:
    """Every ``*.yaml`` file under a folder, read once, in a stable order.

    Symlinked folders are followed unless they lead back to a folder already read (a loop); a
    file that cannot be read (permissions, a symlink loop, a dangling link, a pipe) is kept with
    its problem, so the graph, its cache key and the errors all come from this one reading.
    """
    return [SeedFile(Path(path), None, problem) if problem else _read_bytes(Path(path)) for path, _, problem in _walk(directory)]


def seed_file_states(directory: str | os.PathLike) -> list[tuple[str, int | None, int | None]]:
    """Each file :func:`read_seed_files` would read, as (path inside the folder, size, modification
    time in ns), in the same order; (path, None, None) when it cannot be looked at.

    This is what a cached graph's key is checked against on every cold start, so it works on
    plain strings and the directory entries' own stat calls rather than on ``Path`` objects.
    """
    root = os.fspath(Path(directory))
    states: list[tuple[str, int | None, int | None]] = []
    for path, entry, _ in _walk(root):
        try:
            stat = entry.stat() if entry is not None else os.stat(path)
            states.append((path[len(root) + 1 :], stat.st_size, stat.st_mtime_ns))
        except OSError:
            states.append((path[len(root) + 1 :], None, None))
    return states


def _walk(directory: str | os.PathLike) -> list[tuple[str, os.DirEntry | None, Problem | None]]:
    """(path, its directory entry or None, the problem found) for every YAML file and unreadable
    folder under ``directory``, in the order ``Path`` objects sort (by their parts).

    Each folder's entries are taken in name order and a subfolder is read where its name falls,
    so the paths come out sorted without sorting them. A folder's subfolders are claimed before
    any of them is read: a symlink further down that leads to one of them is the one named.
    """
    root = os.fspath(Path(directory))
    found: list[tuple[str, os.DirEntry | None, Problem | None]] = []
    seen = {os.path.realpath(root)}
    pending = [iter(_entries(root, seen, found))]  # one iterator per open folder: no recursion limit
    while pending:
        entry = next(pending[-1], None)
        if entry is None:
            pending.pop()
        elif isinstance(entry, str):
            pending.append(iter(_entries(entry, seen, found)))
        else:
            found.append(entry)
    return found


def _entries(folder: str, seen: set[str], found: list) -> list:
    """A folder's YAML files as ``_walk`` rows and its subfolders to read as paths, in name order.

    A folder that cannot be read is reported in ``found`` (and has no entries).
    """
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=_entry_name)
    except OSError as err:
        found.append((folder, None, Problem(display(Path(folder)), 1, f"folder cannot be read ({_os_reason(err)})")))
        return []
    items: list = []
    for entry in entries:
        if _is_folder(entry):
            real = os.path.realpath(entry.path)
            if real in seen:
                problem = f"symlink loop: it leads back to {display(Path(real))}, which is read already"
                items.append((entry.path, entry, Problem(display(Path(entry.path)), 1, problem)))
            else:
                seen.add(real)
                items.append(entry.path)
        elif _suffix(entry.name) in (".yaml", ".yml"):
            items.append((entry.path, entry, None))
    return items


def _entry_name(entry: os.DirEntry) -> str:
    return entry.name


def _suffix(name: str) -> str:
    """A file name's suffix as ``Path.suffix`` has it (``..yaml`` has one; ``.yaml`` has none)."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symlink loop is not a folder; reading it reports the loop
        return False


def _read_bytes(path: Path) -> SeedFile:
    import stat

    try:
        # a named pipe or a device would block or never end: only regular files are read
        if not stat.S_ISREG(path.stat().st_mode):
            return SeedFile(path, None, Problem(display(path), 1, "not a regular file (a pipe, socket or device); not read"))
        return SeedFile(path, path.read_bytes())
    except OSError as err:
        return SeedFile(path, None, Problem(display(path), 1, f"cannot be read ({_os_reason(err)})"))


def _os_reason(err: OSError) -> str:
    import errno

    if err.errno == errno.ELOOP:
        return "a symlink loop"
    if err.errno == errno.ENOENT and os.path.islink(err.filename or ""):
        return "a symlink to nothing"
    return (err.strerror or type(err).__name__).lower()
