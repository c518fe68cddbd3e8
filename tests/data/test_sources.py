"""The shipped store against its sources: every evidence passage and quote is in the cited text."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from places import SOURCES_DIR

from tajru.dates import PartialDate
from tajru.load import load_file
from tajru.model import Dataset
from tajru.settings import default_data_path
from tajru.store import Store
from tajru.text import fold
from tajru.verify import Check, find_text, verify

needs_sources = pytest.mark.skipif(
    not SOURCES_DIR.is_dir(),
    reason=f"the source documents are not at {SOURCES_DIR} (they sit beside the project, not in it)",
)


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_file(default_data_path())


def _checks(data: Dataset) -> list[Check]:
    sources = {s.id: s for s in data.sources}
    return verify(data.records, sources, lambda source: find_text(source, [SOURCES_DIR]))


@needs_sources
def test_every_evidence_passage_is_printed_at_its_locator(data: Dataset) -> None:
    checks = [c for c in _checks(data) if c.what == "evidence"]
    assert len(checks) == sum(len(r.citations) for r in data.records)
    assert [f"{c.record}, {c.locator}: {c.problem}: {c.differences}" for c in checks if not c.ok] == []


@needs_sources
def test_every_quote_is_printed_in_a_cited_passage(data: Dataset) -> None:
    checks = [c for c in _checks(data) if c.what == "quote"]
    assert len(checks) == sum(r.quote is not None for r in data.records)
    assert [c.record for c in checks if not c.ok] == []


def test_the_store_has_every_kind_and_cites_every_source(data: Dataset) -> None:
    kinds = Counter(r.kind for r in data.records)
    assert set(kinds) == {"event", "figure", "quote", "assertion"}
    assert len(data.records) >= 25
    cited = {c.source for r in data.records for c in r.citations}
    assert cited == {s.id for s in data.sources}


def test_every_actor_and_topic_is_used(data: Dataset) -> None:
    used_actors = {a for r in data.records for a in (*r.actors, *([r.speaker] if r.speaker else []))}
    used_topics = {t for r in data.records for t in r.topics}
    assert {a.id for a in data.actors} - used_actors == set()
    assert {t.id for t in data.topics} - used_topics == set()


def test_no_two_records_share_a_title_or_the_same_evidence(data: Dataset) -> None:
    titles = Counter(r.title.casefold() for r in data.records)
    assert [t for t, n in titles.items() if n > 1] == []
    evidence = Counter((r.kind, c.evidence) for r in data.records for c in r.citations)
    assert [e for e, n in evidence.items() if n > 1] == []


# The latest the sources report: Putin's state visit of October 2025. A record is dated when it
# happened or was said; what it says of later years ("until 2042") is its content, never its span.
LATEST = PartialDate(2025, 10)


def test_no_record_is_dated_or_ends_after_what_its_sources_report(data: Dataset) -> None:
    issued = {s.id: s.issued for s in data.sources}
    late = []
    for record in data.records:
        published = max(issued[c.source] or 0 for c in record.citations)
        for when in (record.date, record.end):
            if when is not None and (when.first_day > LATEST.last_day or when.year > published):
                late.append(f"{record.id}: {when}")
            if when is not None and when.year < 1900:  # the tenth century is not a date we record
                late.append(f"{record.id}: {when}")
    assert late == []


def test_inferred_dates_say_why(data: Dataset) -> None:
    for record in data.records:
        if record.date_inferred:
            assert record.date_note, record.id


def test_every_speaker_is_found_under_each_of_their_name_forms(data: Dataset) -> None:
    store = Store.from_dataset(data)
    speakers = {r.speaker for r in data.records if r.speaker}
    for speaker in speakers:
        actor = store.actors[speaker]
        for form in (actor.id, *actor.names):
            assert store.actor(form).id == speaker, form


def test_every_name_form_leads_to_one_actor_only(data: Dataset) -> None:
    # Two actors sharing a name or alias could never be told apart by the names users type.
    owners: dict[str, set[str]] = {}
    for actor in data.actors:
        for form in (actor.id, *actor.names):
            owners.setdefault(fold(form), set()).add(actor.id)
    assert {f: ids for f, ids in owners.items() if len(ids) > 1} == {}


def _named(text: str, forms: dict[str, tuple[str, ...]]) -> set[str]:
    """The people whose name, alias or surname stands in text, not counting a word of a longer name of
    someone else ("Emomali" in "Rustam Emomali")."""

    def spans(form: str) -> list[tuple[int, int]]:
        return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]

    full = {p: [s for f in names if " " in f for s in spans(f)] for p, names in forms.items()}
    named = set()
    for person, names in forms.items():
        for form in names:
            for start, end in spans(form):
                inside = any(
                    a <= start and end <= b
                    for other, found in full.items()
                    if other != person
                    for a, b in found
                )
                if not inside:
                    named.add(person)
    return named


def test_a_person_a_record_names_is_among_its_actors_or_its_speaker(data: Dataset) -> None:
    people = {a.id: (*a.names, *a.words) for a in data.actors if a.kind == "person"}
    missing = []
    for record in data.records:
        text = " ".join(t for t in (record.title, record.text, record.quote, record.context) if t)
        involved = {*record.actors, *([record.speaker] if record.speaker else [])}
        missing += [f"{record.id}: {p}" for p in sorted(_named(text, people) - involved)]
    assert missing == []


def test_a_name_that_is_part_of_another_persons_name_is_not_that_person() -> None:
    forms = {"emomali-rahmon": ("Emomali Rahmon", "Emomali", "Rahmon"), "rustam-emomali": ("Rustam Emomali",)}
    assert _named("Rustam Emomali meets Putin", forms) == {"rustam-emomali"}
    assert _named("his father, President Rahmon", forms) == {"emomali-rahmon"}


def test_the_shipped_store_loads_without_a_warning() -> None:
    from tajru.files import read_text
    from tajru.load import parse_layers
    from tajru.settings import default_data_path

    warnings: list[object] = []
    parse_layers([(read_text(default_data_path()), "facts.yaml")], warnings)
    assert warnings == []
