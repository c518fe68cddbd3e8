"""tajru search at the command line: text for people, JSON for scripts, a hint when nothing matches."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from places import MINI
from terminal import installed_tajru
from typer.testing import Result

Run = Callable[..., Result]


def test_search_command_text_and_json(run: Run) -> None:
    env = {"TAJRU_DATA": str(MINI)}
    result = run("search", "military", "presence", env=env)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("26 Apr 2003  quote")
    assert "Putin calls the Russian military presence" in result.stdout.splitlines()[0]
    records = json.loads(run("search", "language", "--json", env=env).stdout)
    assert records[0]["id"] == "language-law-1989" and records[0]["match"] == "all"
    # not russians-10 by its locator "Language Policy": a locator is no word of the record
    assert all(r["match"] != "all" for r in records if r["id"] == "russians-10")
    cyrillic = run("search", "Путин", "--json", env=env)
    assert cyrillic.exit_code == 0 and cyrillic.stderr == "tajru: searched for 'putin' instead of 'Путин'\n"
    assert [r["id"] for r in json.loads(cyrillic.stdout)] == ["putin-201st-presence-2003"]
    nothing = run("search", "xylophone", "--json", env=env)
    assert nothing.exit_code == 0 and "tajru: no record mentions 'xylophone'\n" in nothing.stderr
    assert all(r["match"] == "meaning" for r in json.loads(nothing.stdout))


def test_a_search_says_which_words_no_record_holds(run: Run) -> None:
    found = run("search", "drugs", "and", "the", "border", "--json")
    assert "tajru: no record mentions 'drugs'\n" in found.stderr
    hits = json.loads(found.stdout)
    assert hits and all("drugs" in r["missing"] and r["match"] != "all" for r in hits)


# What researchers typed that found nothing before: each finds its record among the first three
# (for a name alone, the first three are records of that person).
ASKED = [
    ("border guard", "border-guards-withdrawn-2005", None),
    ("air base", "us-air-bases-after-september-11", None),
    ("migrant", "putin-on-remittances-2025", None),
    ("remittance", "putin-on-remittances-2025", None),
    ("labour migrants", "migration-documents-2025", None),
    ("Massoud", "anti-taliban-campaign-1998-2001", None),
    ("Olimov", "olimov-national-security-concept", None),
    ("Rahmonov", "actor emomali-rahmon", "searched for 'rakhmonov' instead of 'Rahmonov'"),
    (
        "EAEU",
        "eeu-membership-claim",
        "no record mentions 'EAEU'",
    ),  # found by the thesaurus, said to be no word of it
    ("Puttin visit", "putin-state-visit-2025", "searched for 'putin' instead of 'Puttin'"),
    ("Dushambe summit", "central-asia-russia-summit-2025", "searched for 'dushanbe' instead of 'Dushambe'"),
    ("Таджикистан independent", "independence-1991", "searched for 'tajikistan' instead of 'Таджикистан'"),
    ("Рахмон", "actor emomali-rahmon", "searched for 'emomali rahmon' instead of 'Рахмон'"),
    ("which hydropower plant does russia own", "sangtuda-stake", None),
]


@pytest.mark.parametrize(("typed", "record", "note"), ASKED, ids=[t for t, _, _ in ASKED])
def test_a_question_as_researchers_type_it_finds_its_record(
    run: Run, typed: str, record: str, note: str | None
) -> None:
    result = run("search", *typed.split(), "--limit", "0", "--json")
    first = json.loads(result.stdout)[:3]
    assert result.exit_code == 0 and first, result.stderr
    if record.startswith("actor "):
        person = record.removeprefix("actor ")
        assert all(person in (*r["actors"], r.get("speaker")) for r in first), first
    else:
        assert record in [r["id"] for r in first], [r["id"] for r in first]
    if note is not None:
        assert f"tajru: {note}\n" in result.stderr


def test_either_spelling_finds_the_same_records(run: Run) -> None:
    found = [
        [(r["id"], r["match"]) for r in json.loads(run("search", word, "--limit", "0", "--json").stdout)]
        for word in ("defence", "defense")
    ]
    assert found[0] == found[1] and len(found[0]) >= 3


def test_boilerplate_of_date_notes_and_locators_finds_nothing(run: Run) -> None:
    for word in ("figures", "paragraph"):
        result = run("search", word, "--json")
        assert (result.exit_code, json.loads(result.stdout)) == (0, []), word


def test_the_best_twenty_are_shown_and_the_rest_said(run: Run) -> None:
    result = run("search", "russia", "--json")
    assert len(json.loads(result.stdout)) == 20
    assert re.search(r"the best 20 of \d+ hits; --limit 0 shows them all", result.stderr)


def _installed(args: list[str], cache: Path, *, offline: bool = False) -> subprocess.CompletedProcess[str]:
    command = [*installed_tajru(), *args]
    if offline:
        command = ["unshare", "--net", *command]
    env = {**os.environ, "TAJRU_DATA": "", "TAJRU_CACHE_DIR": str(cache)}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare to take the network away")
def test_search_builds_its_index_and_answers_with_no_network(tmp_path: Path) -> None:
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow a process a network namespace of its own")
    first = _installed(["search", "puttin", "visit", "--json"], tmp_path / "cache", offline=True)
    assert first.returncode == 0, first.stderr
    assert "putin-state-visit-2025" in [r["id"] for r in json.loads(first.stdout)][:3]


def test_only_search_loads_the_model_libraries_and_a_warm_search_not_even_it(tmp_path: Path) -> None:
    script = (
        "import sys; from tajru.cli import run; run(sys.argv[1:]); "
        "print(sorted(m for m in ('numpy', 'tokenizers', 'wordllama') if m in sys.modules), file=sys.stderr)"
    )
    env = {**os.environ, "TAJRU_DATA": "", "TAJRU_CACHE_DIR": str(tmp_path)}

    def loaded(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True)
        return done.stderr.splitlines()[-1]

    assert loaded("facts", "--json") == "[]"
    assert loaded("search", "border") == "['numpy', 'tokenizers']"  # the first search builds the index
    assert loaded("search", "border") == "[]"
    assert loaded("timeline", "--search", "border") == "[]"
    lexicons = [p.name for p in tmp_path.glob("lexicon-*.sqlite3")]
    assert lexicons == []  # every word was held: the English list was not needed
    assert loaded("search", "wheat") == "[]" and len(list(tmp_path.glob("lexicon-*.sqlite3"))) == 1


def test_only_a_text_in_cyrillic_loads_the_russian_stemmer(tmp_path: Path) -> None:
    script = (
        "import sys; from tajru.cli import run; run(sys.argv[1:]); print('snowballstemmer' in sys.modules)"
    )
    env = {**os.environ, "TAJRU_DATA": "", "TAJRU_CACHE_DIR": str(tmp_path)}

    def loaded(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True)
        return done.stdout.splitlines()[-1]

    assert loaded("search", "border", "--json") == "True"  # building the index reads its Russian terms
    assert loaded("search", "border", "--json") == "False"
    assert loaded("facts", "--json") == "False"
    assert loaded("search", "таджиков", "--json") == "True"


# Words of the language that search once "corrected" into others (issue 20): each is searched as typed.
WORDS = ["water", "gas", "russian aid", "send", "wheat", "weather", "leave", "precautions", "know"]


@pytest.mark.parametrize("typed", WORDS)
def test_a_word_of_the_language_is_searched_as_typed(run: Run, typed: str) -> None:
    result = run("search", *typed.split(), "--json")
    assert result.exit_code == 0 and "instead of" not in result.stderr
    for hit in json.loads(result.stdout):
        assert set(hit["missing"]) <= set(typed.split())


# Paraphrases a reader types (issue 20's table), each answered among the first three hits.
PARAPHRASED = [
    ("money sent home by workers abroad", {"putin-on-remittances-2025", "tajiks-in-russia"}),
    ("who greeted the russian leader when his plane landed", {"rahmon-airport-welcome-2025"}),
    ("how much cash has Beijing sunk into Dushanbe", {"china-investment"}),
    ("chinese investment", {"china-investment"}),
    ("Russian speakers leaving Tajikistan", {"russian-emigration"}),
    ("сколько таджиков работает в России", {"tajiks-in-russia"}),
]


@pytest.mark.parametrize(("typed", "right"), PARAPHRASED, ids=[t for t, _ in PARAPHRASED])
def test_a_paraphrase_finds_its_record(run: Run, typed: str, right: set[str]) -> None:
    result = run("search", *typed.split(), "--json")
    assert right & {r["id"] for r in json.loads(result.stdout)[:3]}, result.stdout[:500]


def test_a_question_nothing_answers_is_marked_partial_and_the_missing_words_named(run: Run) -> None:
    result = run("search", "drugs", "trafficking", "from", "Afghanistan", "--json")
    hits = json.loads(result.stdout)
    assert hits and all(h["match"] in ("some", "meaning") for h in hits)
    assert all({"drugs", "trafficking"} <= set(h["missing"]) for h in hits)
    assert "no record mentions 'drugs' or 'trafficking'" in result.stderr
    assert "'tajru sources'" in result.stderr  # what the store covers, and where to look
    shown = run("search", "drugs", "trafficking", "from", "Afghanistan", "--limit", "3").stdout
    assert shown.count("Missing: drugs, trafficking") == 3


FILTERS = [["--from", "2000"], ["--to", "1995"], ["--year", "2005"], ["--topic", "military"],
           ["--actor", "putin"], ["--kind", "figure"], ["--topic", "energy", "--year", "2025"]]  # fmt: skip


@pytest.mark.parametrize("filters", FILTERS, ids=[" ".join(f) for f in FILTERS])
def test_search_takes_every_filter(run: Run, filters: list[str]) -> None:
    found = run("search", "border", "russia", *filters, "--limit", "0", "--json")
    assert found.exit_code == 0, found.stderr
    allowed = {r["id"] for r in json.loads(run("facts", *filters, "--json").stdout)}
    hits = {r["id"] for r in json.loads(found.stdout)}
    assert hits and hits <= allowed


def test_stats_counts_what_the_same_search_lists(run: Run) -> None:
    listed = json.loads(run("facts", "--search", "Путин", "--json").stdout)
    counted = json.loads(run("stats", "--search", "Путин", "--json").stdout)
    assert listed and counted["records"] == len(listed)


def test_a_word_left_out_is_left_out_of_meaning_too(run: Run) -> None:
    hits = json.loads(run("search", "army troops -military", "--limit", "0", "--json").stdout)
    assert all("military" not in r["topics"] for r in hits)
    assert not any("military" in json.dumps(r).lower() for r in hits)


def test_first_searches_at_once_after_an_edit_agree(tmp_path: Path) -> None:
    store = tmp_path / "store.yaml"
    store.write_bytes(Path(__file__).resolve().parents[2].joinpath("data", "facts.yaml").read_bytes())
    env = {**os.environ, "TAJRU_DATA": str(store), "TAJRU_CACHE_DIR": str(tmp_path / "cache")}
    assert (
        subprocess.run([*installed_tajru(), "facts", "--json"], env=env, capture_output=True).returncode == 0
    )
    command = [*installed_tajru(), "search", "border", "guards", "--json"]
    searches = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(12)
    ]
    outputs = [(s.wait(timeout=300), *s.communicate()) for s in searches]
    assert {status for status, _, _ in outputs} == {0}, [err for _, _, err in outputs]
    assert len({out for _, out, _ in outputs}) == 1 and json.loads(outputs[0][1])


def test_the_first_search_says_on_a_terminal_that_it_builds_the_index(tmp_path: Path) -> None:
    from terminal import on_a_terminal

    env = {"TAJRU_DATA": str(MINI), "TAJRU_CACHE_DIR": str(tmp_path)}
    shown = on_a_terminal(["search", "taliban"], env)
    assert "indexing the meaning of 5 records (once, for the search index)" in shown
    again = on_a_terminal(["search", "taliban"], env)
    assert "search index" not in again and "Taliban" in again


def test_a_common_word_no_record_holds_is_not_corrected_into_another(run: Run) -> None:
    result = run("search", "how", "big", "is", "the", "electricity", "debt", "--json")
    assert "instead of 'big'" not in result.stderr  # nor is 'big' missing: 'how big' asks for a figure
    assert {r["id"] for r in json.loads(result.stdout)[:2]} == {"barky-tochik-debt", "debt-forgiveness-2034"}
    assert all(r["match"] == "all" for r in json.loads(result.stdout)[:2])
