"""Candidate records from a source's text: each sentence of each located stretch read for what it
holds (figures, quotations with their speaker, dates) and proposed as the kind that fits it.

- a number with its unit is a figure, dated only where the sentence dates it;
- a quotation that the sentence says someone said is a quote;
- a sentence that dates what it tells is an event, one for each date it gives; in news (a source whose
  kind says so), a happening told in the past tense with no date is dated by the document, inferred;
- anything else is an assertion, undated.

Every candidate's evidence is its sentence as the stretch prints it (see reading.py) and its locator
the stretch's own, so `tajru verify` finds it there. Nothing here writes or prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from tajru.draft.figures import figures
from tajru.draft.filing import Filing
from tajru.draft.reading import as_evidence, reading, sentences
from tajru.draft.speech import context, quotations, speaker
from tajru.draft.titles import drafted_title, figure_title
from tajru.draft.when import Stated, relative, stated
from tajru.locators import places
from tajru.model import Source

_NEWS = re.compile(r"news|press|report|blog|bulletin|dispatch|release|web-page|article-web", re.IGNORECASE)
_IRREGULAR_PAST = frozenset(
    "took met made gave held began broke came went left sent led brought became won lost saw told spoke paid "
    "built rose fell grew drew chose wrote laid struck sold bought fought found flew ran stood kept withdrew "
    "undertook overtook shut hit".split()
)
_NOT_PAST_BEFORE = frozenset(
    "has have had having is are am be been being the a an this that these those its their his her our your "
    "of with for in on by from to into under likely widely newly".split()
)


_PLACE_WORDS = frozenset("across on upon with within by in at from for under over along through".split())


class Candidate(NamedTuple):
    """A proposed record, as the store format has it, with where it is cited and why it was proposed."""

    kind: str
    title: str
    locator: str
    evidence: str
    why: str
    date: str | None = None
    end: str | None = None
    date_inferred: bool = False
    date_note: str | None = None
    speaker: str | None = None
    quote: str | None = None
    context: str | None = None
    value: int | float | None = None
    unit: str | None = None
    qualifier: str | None = None
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


class Setting(NamedTuple):
    """What the document gives as context for the dates it implies."""

    year: int | None  # the document's year
    date: str | None  # the document's own date, at its precision
    news: bool  # whether undated happenings are the document's news, dated by it
    note: str  # why the document's date is its date, for a date_note


def setting_of(source: Source) -> Setting:
    """The document's date and whether it reports news, from its source entry."""
    date = source.published.iso() if source.published else (str(source.year) if source.year else None)
    inferred = " (a year itself inferred: see the source's note)" if source.year_inferred else ""
    note = f"the document's own date, {date}{inferred}" if date else ""
    return Setting(source.issued, date, bool(_NEWS.search(source.kind)) and date is not None, note)


def happened(sentence: str) -> bool:
    """Whether the sentence tells a happening in the simple past: 'the leaders exchanged gifts', 'documents
    were signed'; not 'has underscored', 'the planned park', ', coupled with'."""
    words = re.findall(r"[\w’'-]+|,", sentence)
    for i, word in enumerate(words):
        low = word.lower()
        if i == 0 or (low not in _IRREGULAR_PAST and not (low.endswith("ed") and len(low) > 4)):
            continue
        before = words[i - 1].lower()
        if before == "," or before in _NOT_PAST_BEFORE:
            continue
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        if low not in _IRREGULAR_PAST and before not in ("was", "were") and after in _PLACE_WORDS:
            continue  # 'the measures implemented across Dushanbe': a participle, not the sentence's verb
        if before in ("was", "were") or low in _IRREGULAR_PAST or not word[0].isupper():
            return True
    return False


def propose(source: Source, raw: str, filing: Filing) -> list[Candidate]:
    """Every candidate the source's text gives, in the text's order; topics filed after."""
    setting = setting_of(source)
    names = {a.id: a.name for a in filing.actors.values()}
    found: list[tuple[Candidate, str]] = []
    last_date: str | None = None  # the last date stated, for "at that time" and "the following year"
    section = None
    for locator, stretch in places(source, raw):
        # "At that time" reaches back within a section; a text of paragraphs or pages is one stretch of time.
        here = locator.split(",")[0] if source.locators == "section-note" else None
        if here != section:
            section, last_date = here, None
        last_speaker: str | None = None
        last_day: tuple[str, str] | None = None  # (speaker, date) of the last dated words said
        for sentence in sentences(reading(stretch, source.title)):
            evidence = as_evidence(sentence.text)
            if len(evidence.split()) < 4:
                continue
            named = filing.named(evidence)
            who = speaker(evidence, named, filing.persons, last_speaker)
            dates = _resolved(stated(evidence, setting.year), setting)
            implied = relative(evidence, setting.year, last_date)
            base = Candidate("assertion", drafted_title(evidence), locator, evidence, "",
                             speaker=who, actors=tuple(n.actor for n in named))  # fmt: skip
            made = list(_candidates(base, evidence, dates, implied, setting, last_day, names))
            found += [(c, evidence) for c in made]
            if who:
                last_speaker = who
            stated_here = [d for d in dates if not d[1]]
            if stated_here:
                last_date = stated_here[-1][0].date
                if who and len(last_date) == 10:
                    last_day = (who, last_date)
            elif not who:
                last_day = None
    return _filed([c for c, _ in found], [s for _, s in found], filing)


def _resolved(dates: list[Stated], setting: Setting) -> list[tuple[Stated, str | None]]:
    """Each date with the note that says how it was inferred (None when stated whole). A day without its
    year takes the document's year in news; elsewhere it dates nothing (it may be any year's)."""
    out: list[tuple[Stated, str | None]] = []
    for d in dates:
        if not d.needs_year:
            out.append((d, None))
        elif setting.news and setting.year is not None:
            note = f"the text gives '{d.words}' without a year; the year is {setting.note}"
            out.append((d._replace(date=f"{setting.year}{d.date[4:]}"), note))
    return out


def _candidates(
    base: Candidate,
    evidence: str,
    dates: list[tuple[Stated, str | None]],
    implied: object,
    setting: Setting,
    last_day: tuple[str, str] | None,
    names: dict[str, str],
) -> Iterator[Candidate]:
    from tajru.draft.when import Implied

    first = next((d for d in dates if not d[0].attributive), dates[0] if dates else None)
    when: dict[str, Any] = {}
    if first is not None:
        when = {
            "date": first[0].date,
            "end": first[0].end,
            "date_inferred": first[1] is not None,
            "date_note": first[1],
        }
    elif isinstance(implied, Implied):
        when = {"date": implied.date, "date_inferred": True, "date_note": implied.note}
    spans = [(d.at, d.at + len(d.words)) for d, _ in dates]
    quotes = quotations(evidence) if base.speaker else []
    dated = {k: v for k, v in when.items() if k != "end"}  # a span is an event's or an assertion's
    for quoted in quotes:
        said = dated or _document_date(setting) or _same_occasion(base.speaker, last_day)
        name = names.get(base.speaker or "", base.speaker)
        short = len(quoted.words.split()) <= 10
        title = f"{name}: “{quoted.words}”" if short else f"{name}: {drafted_title(quoted.words)}"
        why = f"words in quotation marks that the sentence says {base.speaker} said"
        yield base._replace(
            kind="quote", title=title, quote=quoted.words, context=context(evidence), why=why, **said
        )
    counted = figures(evidence, spans)
    for figure in counted:
        unit = figure.unit
        printed = any(s in figure.words for s in "$€£₽") or unit == "percent"
        shown = figure.words if printed else f"{figure.words} {unit}"
        title = figure_title(shown, evidence, short=not printed)
        why = f"a number with its unit: '{figure.words}'" + (f", dated '{first[0].words}'" if first else "")
        yield base._replace(
            kind="figure",
            title=title,
            value=figure.value,
            unit=unit,
            qualifier=figure.qualifier,
            why=why,
            **dated,
        )
    if quotes or counted:
        return
    seen: set[str] = set()
    for d, note in dates:
        if d.date in seen:
            continue  # "in 1989, especially since the adoption of 1989 law": one event
        seen.add(d.date)
        why = f"a happening dated '{d.words}'"
        yield base._replace(
            kind="event", date=d.date, end=d.end, date_inferred=note is not None, date_note=note, why=why
        )
    if dates and not all(d.attributive for d, _ in dates):
        return
    if isinstance(implied, Implied):
        why = "a happening dated by the text around it"
        yield base._replace(
            kind="event", date=implied.date, date_inferred=True, date_note=implied.note, why=why
        )
    elif setting.news and happened(evidence):
        why = "a happening told in the past tense, in news: dated by the document"
        yield base._replace(kind="event", why=why, **_document_date(setting))
    elif base.speaker and last_day and last_day[0] == base.speaker:
        why = f"what {base.speaker} said, after words of the same occasion dated {last_day[1]}"
        yield base._replace(kind="event", why=why, **_same_occasion(base.speaker, last_day))
    elif not dates:
        yield base._replace(why="a statement with no date: an assertion")


def _document_date(setting: Setting) -> dict[str, Any]:
    if not setting.news or setting.date is None:
        return {}
    return {"date": setting.date, "date_inferred": True,
            "date_note": f"not stated: {setting.note}, which reports it as news"}  # fmt: skip


def _same_occasion(who: str | None, last_day: tuple[str, str] | None) -> dict[str, Any]:
    if who is None or last_day is None or last_day[0] != who:
        return {}
    note = f"not stated: the date of the words the text reports {who} saying just before, {last_day[1]}"
    return {"date": last_day[1], "date_inferred": True, "date_note": note}


def _filed(candidates: list[Candidate], texts: list[str], filing: Filing) -> list[Candidate]:
    """Each candidate with its topics: those whose words its sentence holds, else the nearest in meaning."""
    by_words = [filing.topics_by_words(text) for text in texts]
    missing = [i for i, topics in enumerate(by_words) if not topics]
    nearest = filing.nearest_topics([texts[i] for i in missing]) if missing else []
    for i, topic in zip(missing, nearest, strict=True):
        by_words[i] = [topic] if topic else []
    return [c._replace(topics=tuple(t)) for c, t in zip(candidates, by_words, strict=True)]
