"""The shipped store against its sources: every evidence passage and quote is in the cited text."""

from __future__ import annotations

from collections import Counter

import pytest
from places import SOURCES_DIR

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


def test_dates_lie_within_what_the_sources_discuss(data: Dataset) -> None:
    # From the Soviet period the sources look back on (the tenth century is not a date we record)
    # to the latest year they look ahead to (the 201st base's mandate, until 2042).
    for record in data.records:
        for when in (record.date, record.end, record.date):
            if when is not None:
                assert 1900 <= when.year <= 2042, record.id


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
