"""Every setting read from the environment, in one place: an option wins, then the variable, then the default.

Locations (the store, its layers, the cache) and the switches of a run (pager, debug).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

DATA_ENV = "TAJRU_DATA"
INCLUDE_ENV = "TAJRU_INCLUDE"
CACHE_ENV = "TAJRU_CACHE_DIR"
PAGER_ENV = "TAJRU_PAGER"
DEBUG_ENV = "TAJRU_DEBUG"
LAYOUT_ENV = "TAJRU_LAYOUT"
SOURCES_ENV = "TAJRU_SOURCES"
MAX_BYTES_ENV = "TAJRU_MAX_BYTES"
DEFAULT_MAX_BYTES = 2 << 30  # 2 GiB: three times a million-record store
LAYOUTS = ("lines", "wrapped")
DEFAULT_PAGER = "less -FIRX"  # quit if one screen, keep colours, leave the text on the screen


def default_data_path() -> Path:
    """The shipped store: inside the installed package, or data/ of a source checkout."""
    packaged = Path(__file__).parent / "data" / "facts.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "facts.yaml"


def data_path(explicit: Path | None = None) -> Path:
    """--data wins over TAJRU_DATA, which wins over the shipped store."""
    if explicit is not None:
        return explicit
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else default_data_path()


def include_paths(explicit: Sequence[Path] | None = None) -> list[Path]:
    """--include wins over TAJRU_INCLUDE (paths separated as in PATH); none by default."""
    if explicit:
        return list(explicit)
    return [Path(p) for p in os.environ.get(INCLUDE_ENV, "").split(os.pathsep) if p]


# Whether this run includes the user's own layers (their notes, the config's include); --no-notes
# turns it off for one command. Set once per run by the app's callback, before any command reads it.
own_layers = {"on": True}


def _xdg(variable: str, fallback: str) -> Path | None:
    """An XDG base folder: the variable when it is an absolute path (the spec ignores a relative one),
    else fallback under the home folder; None with no usable home."""
    if (value := os.environ.get(variable, "")) and os.path.isabs(value):
        return Path(value)
    home = os.environ.get("HOME")
    if home is None:
        try:
            home = str(Path.home())
        except (RuntimeError, KeyError):
            return None
    return Path(home) / fallback if home and os.path.isabs(home) and home != "/" else None


def notes_path() -> Path | None:
    """The user's own layer, where `tajru add` writes without --to: $XDG_DATA_HOME/tajru/notes.yaml."""
    folder = _xdg("XDG_DATA_HOME", ".local/share")
    return folder / "tajru" / "notes.yaml" if folder else None


def config_path() -> Path | None:
    """The configuration file naming the layers every command includes: $XDG_CONFIG_HOME/tajru/config.toml."""
    folder = _xdg("XDG_CONFIG_HOME", ".config")
    return folder / "tajru" / "config.toml" if folder else None


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file, however written (relative, absolute, through links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def distinct(paths: Sequence[Path]) -> list[Path]:
    """The paths less those naming a file named before them, in order."""
    kept: list[Path] = []
    for path in paths:
        if not any(same_file(path, k) for k in kept):
            kept.append(path)
    return kept


def layer_paths(main: Path, explicit: Sequence[Path] | None = None) -> list[Path]:
    """Every file layered on the main store, in order: those the config includes, the user's notes
    (once they exist), then --include or TAJRU_INCLUDE; each file once, and never the main store."""
    own: list[Path] = []
    if own_layers["on"]:
        from tajru.config import configured_layers

        own += configured_layers(config_path())
        notes = notes_path()
        if notes is not None and os.path.isfile(notes):
            own.append(notes)
    # Absolute, so that a layer's records name their file the same from any folder the command runs in.
    return [Path(os.path.abspath(p)) for p in distinct([main, *own, *include_paths(explicit)])[1:]]


def sources_folders(explicit: Path | None, store_files: Sequence[Path]) -> list[Path]:
    """Where the texts of sources are looked for, in order: --sources or TAJRU_SOURCES; the folder of
    each store file (a layer's own documents beside it); and, for a source checkout's shipped store,
    ../shared/sources/ beside the project."""
    folders = [explicit] if explicit else []
    if not explicit and (env := os.environ.get(SOURCES_ENV)):
        folders.append(Path(env))
    folders += [f.parent for f in store_files]
    shipped = default_data_path()
    if shipped in store_files and (shipped.parents[1] / "pyproject.toml").is_file():
        folders.append(shipped.parents[2] / "shared" / "sources")
    return list(dict.fromkeys(folders))


def cache_dir() -> Path:
    """Where compiled stores are kept (see cache_location)."""
    return cache_location()[0]


def cache_location() -> tuple[Path, str | None]:
    """TAJRU_CACHE_DIR, else the platform's user cache directory under 'tajru'; with no usable home
    (no HOME and no passwd entry, as in `docker run --user 12345`, or HOME set empty), a folder of this
    user's own in the temporary directory, with a note saying so."""
    if explicit := os.environ.get(CACHE_ENV):
        return Path(explicit), None
    if os.name == "nt" and (local := os.environ.get("LOCALAPPDATA")):
        return Path(local) / "tajru" / "Cache", None
    if (xdg := os.environ.get("XDG_CACHE_HOME", "")) and os.path.isabs(xdg):
        return Path(xdg) / "tajru", None
    home = os.environ.get("HOME")
    if home is None:
        try:
            home = str(Path.home())  # from the passwd entry
        except (RuntimeError, KeyError):
            home = ""
    if home and os.path.isabs(home) and home != "/":
        return Path(home) / ".cache" / "tajru", None
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"tajru-{uid}"
    note = f"no home folder to keep a cache in; using {folder} (TAJRU_CACHE_DIR chooses another)"
    return folder, note


def pager_command() -> str:
    """TAJRU_PAGER, else PAGER (as git and man read it), else less; an empty value means no pager."""
    if PAGER_ENV in os.environ:
        return os.environ[PAGER_ENV]
    return os.environ.get("PAGER") or DEFAULT_PAGER


def layout(chosen: str | None, on_a_terminal: bool) -> str:
    """How listings are laid out: --lines or --wrap, else TAJRU_LAYOUT ('lines' or 'wrapped'), else
    wrapped records on a terminal and one record a line into a pipe or a file."""
    if chosen:
        return chosen
    if (env := os.environ.get(LAYOUT_ENV, "")) in LAYOUTS:
        return env
    return "wrapped" if on_a_terminal else "lines"


def max_store_bytes() -> int:
    """The largest store file tajru reads: TAJRU_MAX_BYTES, else 2 GiB."""
    value = os.environ.get(MAX_BYTES_ENV, "")
    return int(value) if value.isdigit() else DEFAULT_MAX_BYTES


def editor_command() -> tuple[str, bool]:
    """The editor `tajru add` opens, and whether the user chose it: $VISUAL, else $EDITOR (as git and
    crontab choose theirs), else the system's: Debian's `editor`, then nano, then vi."""
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        return chosen, True
    import shutil

    return next((e for e in ("editor", "nano", "vi") if shutil.which(e)), "vi"), False


def debugging(args: Sequence[str]) -> bool:
    """--debug on the command line, or TAJRU_DEBUG set to anything but '' or '0'."""
    return "--debug" in args or os.environ.get(DEBUG_ENV, "") not in ("", "0")
