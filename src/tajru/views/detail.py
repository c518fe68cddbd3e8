"""One record in full, and the sources with what cites them."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from tajru.labels import LAYER_NOTE, actor_name, citation_label, date_label, figure_value, layer_label
from tajru.model import KINDS, Actor, Record, Registries
from tajru.views.layout import Entries, Fields
from tajru.views.listings import INFERRED_NOTE
from tajru.views.safe import text


def detail(reg: Registries, record: Record) -> RenderableType:
    """One record in full: every field, then each source with its locator and evidence."""
    grid = Fields()

    def row(label: str, value: str | None, style: str = "") -> None:
        if value:
            grid.rows.append((label, text(value, style=style)))

    row("id", record.id)
    row("formerly", ", ".join(record.formerly))
    row("kind", record.kind)
    row("date", date_label(record) if record.date else None)
    row("date note", record.date_note)
    row("title", record.title, "bold")
    row("value", figure_value(record), "bold")
    row("speaker", actor_name(reg, record.speaker) if record.speaker else None)
    row("quote", f"“{record.quote}”" if record.quote else None)
    row("context", record.context, "italic")
    row("text", record.text)
    row("caveat", record.caveat, "yellow")
    row("topics", ", ".join(reg.topics[t].label for t in record.topics))
    row("actors", ", ".join(actor_name(reg, a) for a in record.actors))
    row("file", record.file, "yellow")
    parts: list[RenderableType] = [grid, Text("")]
    for citation in record.citations:
        parts.append(text(citation_label(reg, citation), style="bold"))
        parts.append(Padding(text(f"“{citation.evidence}”", style="italic"), (0, 0, 0, 2)))
    if record.date_inferred:
        parts.append(Text(INFERRED_NOTE, style="dim"))
    if record.file:
        parts.append(Text(LAYER_NOTE, style="dim"))
    return Group(*parts)


def sources_view(reg: Registries, counts: dict[str, dict[str, int]], summary: str = "") -> RenderableType:
    """What the store holds, then each source's full reference, its note, and how many records of each
    kind cite it."""
    parts: list[RenderableType] = [text(summary), Text("")] if summary else []
    for source in reg.sources.values():
        tally = counts[source.id]
        summary = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in tally.items())
        parts.append(text(f"{source.id}  ({source.kind})", style="bold"))
        body = text(source.citation)
        if source.note:
            body.append("\n")
            body.append_text(text(source.note, style="italic"))
        body.append("\n")
        body.append_text(text(f"Cited by {sum(tally.values())} records: {summary}.", style="dim"))
        parts.append(Padding(body, (0, 0, 1, 2)))
    return Group(*parts)


def who_view(reg: Registries, actor: Actor, records: Sequence[Record]) -> RenderableType:
    """An actor: names, kind, description, then the records that involve them, their own words first."""
    head = text(actor.name, style="bold")
    head.append_text(text(f"  {actor.kind}  ({actor.id})", style="dim"))
    parts: list[RenderableType] = [head]
    if actor.aliases:
        parts.append(text("also: " + ", ".join(actor.aliases), style="italic"))
    if actor.description:
        parts.append(text(actor.description))
    said = [r for r in records if r.speaker == actor.id]
    groups = [("Their words", said)] + [
        (f"{kind.capitalize()}s", [r for r in records if r.kind == kind and r not in said]) for kind in KINDS
    ]
    for title, chosen in groups:
        if not chosen:
            continue
        parts += [Text(""), Text(f"{title} ({len(chosen)})", style="bold")]
        rows = [(text(date_label(r)), text(r.kind, style="cyan"), _titled(r), None) for r in chosen]
        parts.append(Entries(rows, indent=2, date_width=max(len(date_label(r)) for r in chosen)))
    if not records:
        parts += [Text(""), Text("No record involves them.", style="dim")]
    if any(r.file for r in records):
        parts += [Text(""), Text(LAYER_NOTE, style="dim")]
    return Group(*parts)


def _titled(record: Record) -> Text:
    body = text(record.title)
    mark = layer_label(record)
    body.append_text(text(f"  {record.id}" + (f" · {mark}" if mark else ""), style="dim"))
    return body
