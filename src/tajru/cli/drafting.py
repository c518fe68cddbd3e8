"""`tajru draft`: candidate records proposed from a document, printed as a YAML layer or reviewed in the
user's editor and added as `tajru add` adds one (see cli/reviewing.py)."""

# No `from __future__ import annotations`: Typer reads these signatures on every run.
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tajru.cli.app import app
from tajru.cli.options import DataOpt, IncludeOpt, SourcesOpt
from tajru.cli.output import out, say
from tajru.errors import UsageError
from tajru.text import shown

if TYPE_CHECKING:
    from tajru.draft import Drafted
    from tajru.model import Dataset


@app.command()
def draft(
    source: Annotated[
        str,
        typer.Argument(metavar="SOURCE", help="A source's id, or a document file: .txt, .md, .pdf or .html."),
    ],
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            metavar="FILE",
            help="Review the candidates in $EDITOR and add what you keep to FILE.",
            dir_okay=False,
        ),
    ] = None,
    print_only: Annotated[
        bool,
        typer.Option("--print", help="Print the candidates as a YAML layer on stdout, even on a terminal."),
    ] = False,
    edit: Annotated[
        bool,
        typer.Option(
            "--edit", help="Review in $VISUAL or $EDITOR even when stdin or stdout is not a terminal."
        ),
    ] = False,
    sources: SourcesOpt = None,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """Propose records from a document: each with its evidence exactly as printed, at its locator.

    \b
    Examples:
      tajru draft report.pdf --to notes.yaml
      tajru draft saved-article.html --print > candidates.yaml
      tajru draft dushanbe-dialogue-2025 --print

    SOURCE is a source of the store or a layer (its text found as `tajru verify`
    finds it) or a document file. Each sentence becomes a candidate: a figure for
    a number with its unit, a quote for words in quotation marks that someone is
    said to have said, an event for what the text dates, an assertion otherwise.
    A date the text implies (a news article's own date, "the following year") is
    marked inferred, with a note saying why. Actors and topics are the store's,
    by the names and words the sentence holds; the title is a draft to rewrite.
    Nothing is proposed that the store or a layer already records at that
    locator. For a document not yet a source, a source entry is proposed from
    what the document says about itself (a PDF's info, a page's <title>, author
    and citation_* tags), for you to complete. Text files are read one paragraph
    a line, Markdown by its blocks, web pages by their main text ('paragraph N');
    PDFs by their pages, counted from 1 as the PDF has them ('page N').

    With --to FILE on a terminal, the candidates open in $EDITOR as one YAML
    document, a comment over each saying where it is and why it was proposed:
    delete what is wrong, mend the rest, save and quit. What is left is checked
    as `tajru add` checks a record (fields, ids, evidence at its locator) and
    appended to FILE; if anything is wrong the document opens again with the
    problems on top. Into a pipe, or with --print, the candidates are printed.
    """
    from tajru.settings import data_path, layer_paths

    if to is not None and to.is_dir():
        raise UsageError(f"{shown(str(to))} is a folder", hint="name a file in it, like --to notes.yaml")
    main = data_path(data)
    layers = layer_paths(main, include)
    context = None
    if to is not None:
        from tajru.adding import open_context

        context = open_context(to, main, layers, sources)
        dataset = context.base
    else:
        from tajru.files import read_text
        from tajru.load import parse_layers

        dataset = parse_layers([(read_text(p), str(p)) for p in dict.fromkeys([main, *layers])])
    # A new source's file is named from the layer's folder, where verify looks; printed, as a whole path.
    where = to.parent if to is not None else None
    drafted = _drafted(source, dataset, sources, [main, *layers, *([to] if to else [])], where)
    _tell(drafted)
    reviewing = (
        context is not None and not print_only and (edit or (sys.stdin.isatty() and sys.stdout.isatty()))
    )
    if not reviewing:
        out(_layer(drafted, to))
        return
    if not drafted.candidates:
        say("nothing to review")
        return
    from tajru.cli.reviewing import review

    assert context is not None
    review(context, _layer(drafted, to))


def _drafted(
    name: str, dataset: "Dataset", sources: Path | None, stores: list[Path], where: Path | None
) -> "Drafted":
    """The candidates of a source of the store, or of a document file (a new source proposed for it)."""
    import os

    from tajru.documents import read_document
    from tajru.draft import draft, proposed_source
    from tajru.names import suggest
    from tajru.settings import same_file, sources_folders
    from tajru.verify import find_text

    folders = sources_folders(sources, stores)
    known = {s.id: s for s in dataset.sources}
    path = Path(name)
    if path.is_file() or (path.exists() and name not in known):
        document = read_document(path)
        for candidate in known.values():  # a file that is already a source's text is drafted as that source
            text, found = find_text(candidate, folders)
            if text is not None and same_file(Path(found), path):
                return draft(candidate, document.text, dataset)
        named = os.path.relpath(path.resolve(), where.resolve()) if where is not None else str(path.resolve())
        entry, notes = proposed_source(document, named, dataset)
        return draft(entry, document.text, dataset, source_notes=notes)
    if name in known:
        text, why = find_text(known[name], folders)
        if text is None:
            from tajru.errors import TajruError

            raise TajruError(why)
        return draft(known[name], text, dataset)
    hint = suggest(name, list(known)) or f"sources are: {', '.join(known)}; or give a document file's path"
    raise UsageError(f"no source or document file called {shown(name)}", hint=hint)


def _tell(drafted: "Drafted") -> None:
    count = len(drafted.candidates)
    said = f"{count} candidate{'s' if count != 1 else ''} from {drafted.source.id}"
    if drafted.recorded:
        said += (
            f"; {drafted.recorded} left out, as the store or a layer records them at their locators already"
        )
    say(said)
    if drafted.unprinted:
        say(f"{drafted.unprinted} left out, as their passage was not found printed at their locator")


def _layer(drafted: "Drafted", to: Path | None) -> str:
    """The candidates as the YAML layer that is printed or reviewed."""
    from tajru.draft.layer import layer_text

    count = len(drafted.candidates)
    left = f"; {drafted.recorded} already recorded at their locators left out" if drafted.recorded else ""
    header = [f"tajru draft: {count} candidate{'s' if count != 1 else ''} from {drafted.source.id}{left}."]
    if to is not None:
        header += [
            "Keep what is right, delete the rest, rewrite the titles; save and quit, and what is left is",
            f"checked and added to {to}. Lines starting with # are left out; with no records left, nothing",
            "is added.",
        ]
    else:
        header += ["Save this as a layer and include it (--include FILE), or review it with --to FILE."]
    header += ["Each evidence passage is the source's own text at its locator, as `tajru verify` checks it."]
    new = (drafted.source, drafted.source_notes) if drafted.new_source else None
    return layer_text(header, drafted.candidates, drafted.source.id, new, drafted.new_topic)
