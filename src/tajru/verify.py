"""Every record's evidence, and every quote, checked against the text of its source at its locator.

The texts are the files that sources name (`file`): plain text, Markdown, PDF or a saved web page,
read as tajru.documents reads them; where to find them is the caller's (see settings.sources_folders).
A text that cannot be found is reported as such, never guessed at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from tajru.evidence import closest, differences, first_missing
from tajru.locators import locate
from tajru.model import Record, Source


class Check(NamedTuple):
    """One passage checked: a citation's evidence, or a quote against the passages its record cites."""

    record: str
    source: str
    locator: str
    what: str  # "evidence" or "quote"
    passage: str
    problem: str = ""  # empty when the passage is printed where it should be
    closest: str = ""  # the stretch of the source most like the part that is not found
    differences: str = ""  # that part, with what differs from the closest stretch marked
    unchecked: bool = False  # the source's text could not be had: the problem says why

    @property
    def ok(self) -> bool:
        return not self.problem


NOT_INSTALLED = (
    "the texts of the shipped store's sources are not installed with tajru (it ships facts and short "
    "passages, not the documents); give their folder with --sources"
)


def find_text(source: Source, folders: Sequence[Path], shipped: bool = False) -> tuple[str | None, str]:
    """The source's text and the file it came from, or None and why not; shipped says the source is one
    of the shipped store's, whose texts a user's install does not have."""
    if not source.file:
        return None, f"{source.id} names no text file (its 'file' field)"
    named = Path(source.file)
    candidates = [named] if named.is_absolute() else [folder / named for folder in folders]
    for path in candidates:
        if path.is_file():
            from tajru.documents import DocumentError, read_document

            try:
                return read_document(path).text, str(path)
            except DocumentError as err:
                return None, err.message
    if shipped:
        return None, NOT_INSTALLED
    looked = ", ".join(str(folder) for folder in folders) or "no folder"
    return None, f"the text of {source.id}, {source.file}, is not in {looked}; give its folder with --sources"


def verify(
    records: Sequence[Record], sources: dict[str, Source], text_of: Callable[[Source], tuple[str | None, str]]
) -> list[Check]:
    """Every citation of every record, then every quote, checked; in record order."""
    texts: dict[str, tuple[str | None, str]] = {}
    checks: list[Check] = []
    for record in records:
        located: list[str] = []
        missing = ""  # why a text the record cites could not be had
        for citation in record.citations:
            source = sources[citation.source]
            if source.id not in texts:
                texts[source.id] = text_of(source)
            raw, why = texts[source.id]
            check = Check(record.id, source.id, citation.locator, "evidence", citation.evidence)
            if raw is None:
                checks.append(check._replace(problem=why, unchecked=True))
                missing = missing or why
                continue
            place = locate(source, raw, citation.locator)
            if place.text is None:
                checks.append(check._replace(problem=place.problem))
                continue
            located.append(place.text)
            checks.append(_compared(check, place.text))
        if record.quote is not None and located:
            check = Check(record.id, record.citations[0].source, "", "quote", record.quote)
            if all(first_missing(text, record.quote) is not None for text in located):
                near = closest(" ".join(located), record.quote)
                checks.append(
                    check._replace(
                        problem="the quote is not printed in any passage the record cites",
                        closest=near,
                        differences=differences(record.quote, near),
                    )
                )
            else:
                checks.append(check)
        elif (
            record.quote is not None and missing
        ):  # counted as unchecked, so the count does not depend on the texts
            check = Check(record.id, record.citations[0].source, "", "quote", record.quote)
            checks.append(check._replace(problem=missing, unchecked=True))
    return checks


def _compared(check: Check, text: str) -> Check:
    missing = first_missing(text, check.passage)
    if missing is None:
        return check
    near = closest(text, missing)
    return check._replace(
        problem="the evidence is not printed at its locator",
        closest=near,
        differences=differences(missing, near),
    )
