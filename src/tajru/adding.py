"""Adding a record to a user's store file: the draft checked as it will stand in the file (its fields,
its id, its references, its evidence), then appended to what the file holds at that moment.

The check and the write are apart because an editor may stay open for minutes: the file is read again
under its lock when the record is written, and when it has changed meanwhile (another add, a hand edit,
a git pull) the draft is checked again against what is there now. A draft whose checks no longer hold
(an id taken meanwhile) is refused with that problem, never written over the change. No terminal here
and no editor: the CLI runs those.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from tajru.errors import DataError
from tajru.model import Dataset, Record, Registries


class Attempt(NamedTuple):
    """What checking a draft found: the file's new text and the record's id, or the problems."""

    text: str | None
    record_id: str | None
    problems: list[str]


class Context(NamedTuple):
    """The files a draft is checked against, as read once: the store, its layers and the target."""

    target: Path  # as the user named it
    main: Path
    layers: list[Path]
    original: bytes | None  # the target's bytes when they were read, None when it did not exist
    sources: Path | None  # --sources
    verifying: bool
    files: list[tuple[str, str]]  # (text, name) of every file, the target's as read
    base: Dataset  # what they hold, parsed once for every save of a draft

    @property
    def registries(self) -> Registries:
        return Registries(
            sources={s.id: s for s in self.base.sources},
            actors={a.id: a for a in self.base.actors},
            topics={t.id: t for t in self.base.topics},
        )


def open_context(
    target: Path, main: Path, layers: list[Path], sources: Path | None, verifying: bool = True
) -> Context:
    """The store, its layers and the target read and parsed; the target need not exist yet."""
    from tajru.files import read_text
    from tajru.settings import same_file
    from tajru.user_files import current_bytes, target_of

    others = [p for p in dict.fromkeys([main, *layers]) if not same_file(p, target)]
    original = current_bytes(target_of(target))
    return _parsed(
        target, main, others, original, sources, verifying, [(read_text(p), str(p)) for p in others]
    )


def _parsed(
    target: Path,
    main: Path,
    others: list[Path],
    original: bytes | None,
    sources: Path | None,
    verifying: bool,
    texts: list[tuple[str, str]],
) -> Context:
    from tajru.files import decode
    from tajru.load import parse_layers

    files = list(texts)
    if original is not None:
        files.append((decode(original, str(target)), str(target)))
    layers = [p for p in others if p != main]
    return Context(target, main, layers, original, sources, verifying, files, parse_layers(files))


def refreshed(context: Context, now: bytes | None) -> Context:
    """The context with the target's bytes as they are now; the other files as they were read."""
    name = str(context.target)
    texts = [(text, file) for text, file in context.files if file != name]
    others = [context.main, *context.layers]
    return _parsed(context.target, context.main, others, now, context.sources, context.verifying, texts)


def attempt(context: Context, draft: str) -> Attempt:
    """The draft checked as it will stand in the file: its fields, its id, its place, its evidence."""
    from tajru.authoring import appended, propose_id, read_draft, with_id
    from tajru.files import decode
    from tajru.load import parse_layers

    name = str(context.target)
    try:
        fields = read_draft(draft, "the record")
    except DataError as err:
        return Attempt(None, None, [_where(p.line, p.message) for p in err.problems])
    record_id = fields.get("id")
    if record_id in (None, ""):
        taken = {r.id for r in context.base.records}
        title, date = fields.get("title"), fields.get("date")
        record_id = propose_id(str(title or ""), str(date) if date else None, taken)
        draft = with_id(draft, str(record_id))
    current = decode(context.original, name) if context.original is not None else None
    try:
        done = appended(current, draft)
    except DataError as err:
        return Attempt(None, None, [f"{name}: {p.message}" for p in err.problems])
    files = [(done.text if file == name else text, file) for text, file in context.files]
    if name not in (file for _, file in files):
        files.append((done.text, name))
    try:
        data = parse_layers(files)
    except DataError as err:
        problems = []
        for p in err.problems:
            line = done.draft_line(p.line) if p.file == name else None
            problems.append(_where(line, p.message) if line is not None else str(p))
        return Attempt(None, None, problems)
    record = next(r for r in data.records if r.id == record_id)
    problems = verified_problems(context, data, record) if context.verifying else []
    return Attempt(None if problems else done.text, str(record_id), problems)


NO_VERIFY = "or add the record unchecked with --no-verify"


def verified_problems(context: Context, data: Dataset, record: Record) -> list[str]:
    """Problems with the record's evidence; a passage that cannot be checked (its text missing) is one."""
    from tajru.settings import default_data_path, same_file, sources_folders
    from tajru.verify import find_text, verify

    folders = sources_folders(context.sources, [context.main, *context.layers, context.target])
    sources = {s.id: s for s in data.sources}
    shipped = same_file(context.main, default_data_path())
    checks = verify([record], sources, lambda s: find_text(s, folders, shipped=shipped and s.layer is None))
    problems = [
        f"{c.source}, {c.locator or c.what}: {c.problem}; differs: {c.differences}"
        if c.differences
        else f"{c.source}, {c.locator or c.what}: {c.problem}"
        for c in checks
        if not c.ok and not c.unchecked
    ]
    unchecked = list(dict.fromkeys(f"cannot be verified: {c.problem}" for c in checks if c.unchecked))
    return problems + ([*unchecked, NO_VERIFY] if unchecked else [])


def _where(line: int | None, message: str) -> str:
    return f"line {line}: {message}" if line is not None else message


class Written(NamedTuple):
    """What commit did: the attempt as it was written, or as it was refused; and the file written."""

    attempt: Attempt
    file: Path | None


def commit(context: Context, draft: str, notice: Callable[[str], None]) -> Written:
    """Append the draft to the target as it is now, under the target's lock.

    When the file changed since the context was read, the draft is checked again against what is there
    now, and written only if it still holds; otherwise the refused attempt comes back with its problems.
    """
    from tajru.user_files import current_bytes, locked, replace

    with locked(context.target, waiting=notice) as real:
        now = current_bytes(real)
        checked = attempt(context if now == context.original else refreshed(context, now), draft)
        if checked.text is None:
            return Written(checked, None)
        bom = b"\xef\xbb\xbf" if now and now.startswith(b"\xef\xbb\xbf") else b""
        encoded = bom + checked.text.encode("utf-8")
        written = replace(real, lambda temp: temp.write_bytes(encoded), notice)
    return Written(checked, written)


def keep(target: Path, draft: str) -> Path:
    """A new file beside the target holding the draft, named so that it sorts by time."""
    import time

    from tajru.user_files import write_new

    stamp = time.strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        path = target.with_name(f"{target.stem}.draft-{stamp}{'' if n == 1 else f'-{n}'}.yaml")
        try:
            return write_new(path, draft)
        except FileExistsError:
            n += 1
