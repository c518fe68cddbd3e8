"""What the readings of the store against its sources mended stays mended (docs/coverage.md, issue 21)."""

from __future__ import annotations

import re

import pytest

from tajru.load import load_file
from tajru.model import Dataset, Record
from tajru.settings import default_data_path


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_file(default_data_path())


@pytest.fixture(scope="module")
def record(data: Dataset) -> dict[str, Record]:
    return {r.id: r for r in data.records}


def _said(record: Record) -> str:
    return " ".join(t for t in (record.title, record.text, record.caveat, record.context) if t)


def test_a_caveat_does_not_deny_what_the_same_passage_does(record: dict[str, Record]) -> None:
    for rid in ("conditions-in-russia-deter-exodus", "russian-emigration"):
        assert "does not reconcile" not in _said(record[rid]), rid
    exodus = record["conditions-in-russia-deter-exodus"]
    assert "a page earlier" not in _said(exodus) and "Language Policy, note 11" in (exodus.caveat or "")
    assert any("economic Concern" in c.evidence for c in exodus.citations)
    assert "does not assess" not in _said(record["government-claims-secular-democratic"])


def test_the_news_articles_year_is_never_stated_as_fact(data: Dataset) -> None:
    # It gives no year: 2025 is inferred from its figures "by mid-2025", and says so wherever it is said.
    for r in data.records:
        said = _said(r)
        if "2025" in said.replace("mid-2025", ""):
            assert "inferred" in said, r.id


def test_a_title_keeps_the_direction_of_its_source(record: dict[str, Record]) -> None:
    title = record["russia-goodwill-positive-engagement"].title
    assert "goodwill Russia enjoys" in title and "concrete and bold steps" in title


@pytest.mark.parametrize(
    ("rid", "words"),
    [
        ("russian-companies-industrial-park", "including"),
        ("natural-resources", "including"),
        ("shared-view-on-global-terrorism", "such as"),
        ("ussr-collapse-crisis-1991", '"etc."'),
    ],
)
def test_a_partial_list_says_it_is_partial(record: dict[str, Record], rid: str, words: str) -> None:
    assert words in _said(record[rid])


def test_a_happening_the_source_does_not_date_is_an_undated_assertion(record: dict[str, Record]) -> None:
    for rid in ("trade-system-disruption", "ussr-collapse-crisis-1991"):
        assert (record[rid].kind, record[rid].date) == ("assertion", None), rid


def test_a_figures_qualifier_is_the_sources_hedge_on_its_value(data: Dataset) -> None:
    # "at that time" is when a value held, which the date says; a qualifier stands before the number.
    number = r"(?:\$?\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|a)\b)"
    for r in data.records:
        if r.qualifier is not None:
            evidence = " ".join(c.evidence for c in r.citations)
            assert re.search(rf"\b{re.escape(r.qualifier)}\s+{number}", evidence, re.IGNORECASE), r.id


@pytest.mark.parametrize(
    "rid",
    [
        "russians-remaining",
        "relations-at-cis-level",
        "constitution-silent-on-russian",
        "russians-face-harassment",
        "northern-alliance-in-afghan-administration",
        "islam-and-tajik-identity",
        "inter-regional-economic-links-remain",
        "conditions-in-russia-deter-exodus",
    ],
)
def test_the_present_of_the_2017_article_is_said_to_be_its_own(record: dict[str, Record], rid: str) -> None:
    assert "2017" in _said(record[rid])


def test_hedges_are_kept(record: dict[str, Record]) -> None:
    assert "some confidence-building" in record["confidence-building-measures"].title
    assert "still acts" in record["islam-and-tajik-identity"].title
    assert "has been" in record["russia-largest-trade-partner"].title


@pytest.mark.parametrize(
    "passage",
    [
        "brought economic and social benefits to Tajikistan",
        "full national territorial status",
        "The conflict has slowed down the achievement of full statehood",
        "foreign policy priorities were not set",
        "Relations between Russia and Tajikistan are very complex",
        "is eager to ensure the protection of the Russians",
        "The economic factors play a dominant role",
        "inclination towards Russia is very strong",
        "the guarantor of regional stability",
        "check the interference of extra-regional powers",
        "willingness to absorb economic costs",
        "suggests a re-evaluation of previous energy strategies",
    ],
)
def test_statements_no_record_covered_are_recorded(data: Dataset, passage: str) -> None:
    assert any(passage in c.evidence for r in data.records for c in r.citations)
