"""Hostile input, hostile data, hostile terminals: a clear message or a correct answer, never a crash.

The corpus runs through CliRunner, and through the installed command in a subprocess
where a pipe, a terminal, an encoding or a crash of the whole process is the point.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile import HOSTILE, UNSAFE, hostile_store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from places import MINI
from rich.console import Console
from terminal import installed_tajru, on_a_terminal
from typer.testing import Result

from tajru.dates import PartialDate
from tajru.model import Actor, Citation, Dataset, Record, Source, Topic
from tajru.store import Store
from tajru.views import detail, listings

Run = Callable[..., Result]


def tajru(
    *args: str, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "TAJRU_DATA": str(MINI), "COLUMNS": "100", "NO_COLOR": "1", **(env or {})}
    options: dict[str, object] = {"text": True, **kwargs}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [*installed_tajru(), *args], env=full_env, capture_output=True, timeout=120, **options
    )


@pytest.fixture
def mini(run: Run) -> Run:
    return lambda *args, env=None: run(*args, env={"TAJRU_DATA": str(MINI), **(env or {})})


# 1. Arguments: exit 2, one line on stderr saying what was wrong, nothing on stdout.
# (test_cli.py checks the exact lines of the common cases: bad dates, a reversed range,
# a misspelt topic, kind or command, an ambiguous name.)
BAD_ARGUMENTS = [
    (["timeline", "--to", "2023-02-29"], "'2023-02-29' is not a date: Feb 2023 has 28 days"),
    (["timeline", "--year", "98"], "'98' is not a date: write the year with four digits"),
    (["facts", "--year", "2003-04"], "--year takes a year like 2003, not '2003-04'"),
    (["facts", "--topic", "langauge"], "unknown topic 'langauge'; did you mean 'language'?"),
    (["facts", "--kind", "rumour"], "unknown kind 'rumour'; kinds are: event, figure, quote"),
    (["quote", "poutin"], "no one called 'poutin' in the store; did you mean 'Putin'?"),
    (["quote", "Путин"], "no one called 'Путин' in the store; did you mean 'Putin'?"),
    (["facts", "--actor", "Рахмон"], "did you mean 'Rahmon'"),
    (["facts", "--actor", ""], "an empty name matches no one"),
    (["facts", "--search", ""], "'' has no words to look for"),
    (["facts", "--search", " \t\n "], "' \\t\\n ' has no words to look for"),
    (["search", "! ; ()"], "'! ; ()' has no words to look for"),
    (["facts", "--actor", "x" * 5000], "'" + "x" * 59 + "…' (5000 characters)"),
    (["facts", "--actor", "\x1b]52;c;ZXZpbA==\x07"], "no one called '\\x1b]52;c;ZXZpbA==\\x07'"),
    (["show", "no-such-record"], "no record with id 'no-such-record'"),
    (["facts", "--colour"], "No such option: --colour"),
    (["facts", "--year"], "Option '--year' requires an argument"),
]


@pytest.mark.parametrize(
    ("args", "expected"), BAD_ARGUMENTS, ids=[" ".join(a)[:40] for a, _ in BAD_ARGUMENTS]
)
def test_bad_arguments_exit_2_with_one_clear_line(mini: Run, args: list[str], expected: str) -> None:
    result = mini(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("tajru: error: ") and expected in result.stderr
    assert result.stderr.count("\n") == 1 and not UNSAFE.search(result.stderr)


def test_cyrillic_is_romanised_for_suggestions_and_other_characters_kept() -> None:
    from tajru.text import latin

    assert [latin(n) for n in ("Душанбе", "Рахмонь", "Путин_2", "Qurghonteppa")] == [
        "dushanbe", "rakhmon", "putin_2", "qurghonteppa"
    ]  # fmt: skip


def test_names_with_combining_marks_and_other_cases_find_the_person(mini: Run) -> None:
    plain = mini("quote", "putin", "--json").stdout
    assert json.loads(plain)
    for name in ["PUTIN", "Pu\u0301tin", "Putin\u0301", "vladimir-putin", "Vladimir  Putin"]:
        result = mini("quote", name, "--json")
        assert (result.exit_code, result.stdout) == (0, plain), name
    composed = mini("facts", "--actor", "Rahm\u00f3n", "--json")  # precomposed ó
    decomposed = mini("facts", "--actor", "Rahmo\u0301n", "--json")
    assert composed.exit_code == 0 and composed.stdout == decomposed.stdout


# 2 and 3. Data files: exit 1, every problem with its file, line and record; nothing runs.
def _store(tmp_path: Path, text: str | bytes, name: str = "store.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


MINI_TEXT = MINI.read_text(encoding="utf-8")
BAD_STORES: list[tuple[str, str | bytes, list[str]]] = [
    ("empty", "", ["the file is empty"]),
    ("only-a-comment", "# nothing here\n", ["the file is empty"]),
    ("not-utf8", MINI_TEXT.replace("Language Law", "Language Law \udcff").encode("utf-8", "surrogateescape"),
     [":42: is not UTF-8 text"]),
    ("syntax", MINI_TEXT.replace("kind: event\n", "kind: [event\n", 1), [":41: YAML syntax error"]),
    ("top-level-list", "- a\n- b\n", ["the store must be a mapping of fields, not a list"]),
    ("python-tag", "sources: !!python/object/apply:os.system ['touch PWNED']\n", [":1: YAML tags such as !!python/object/apply:os.system are not allowed"]),
    ("duplicate-key", MINI_TEXT.replace("    kind: event\n", "    kind: event\n    kind: figure\n", 1),
     [":41 (language-law-1989): field 'kind' appears twice (first on line 40)"]),
    ("duplicate-id", MINI_TEXT.replace("id: anti-taliban", "id: language-law-1989"),
     [":49 (language-law-1989): ", "first on line 39"]),
    ("wrong-types", MINI_TEXT.replace("value: 10", "value: ten").replace("title: Tajikistan adopts the Language Law", "title: [a]"),
     [":64 (russians-10): 'value' must be", ":42 (language-law-1989): 'title' must be text"]),
    ("impossible-date", MINI_TEXT.replace('"2003-04-26"', '"2003-02-30"'),
     [":28 (putin-201st-presence-2003): 'date': '2003-02-30' is not a date: Feb 2003 has 28 days"]),
    ("dangling", MINI_TEXT.replace("topics: [language]", "topics: [langauge]").replace(
        "speaker: vladimir-putin", "speaker: vladimir-poutine"),
     ["(putin-201st-presence-2003): ", "vladimir-poutine", "(language-law-1989): ", "langauge"]),
    ("missing-field", MINI_TEXT.replace("    title: Russians share\n", ""), ["(russians-10): ", "title"]),
    ("alias", MINI_TEXT.replace("topics: [language]\n    actors: []",
                                "topics: &t [language]\n    actors: *t", 1), ["anchors and aliases"]),
    ("merge-key", MINI_TEXT + "  - <<: {id: x}\n", ["merge keys"]),
    ("scalar-alias", MINI_TEXT.replace("title: Anti-Taliban campaign", "title: &t Anti-Taliban campaign")
     .replace("title: Russians share", "title: *t"), [":55: YAML anchors and aliases", ":68: YAML anchors"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "expected"), BAD_STORES, ids=[n for n, _, _ in BAD_STORES])
def test_a_bad_store_exits_1_naming_file_line_and_record(
    run: Run, tmp_path: Path, name: str, text: str | bytes, expected: list[str]
) -> None:
    path = _store(tmp_path, text)
    result = run("timeline", "--data", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("tajru: error: ")
    for part in expected:
        assert part in result.stderr, result.stderr
    assert str(path) in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "PWNED").exists()


def test_every_problem_in_a_file_gets_a_line_of_its_own(run: Run, tmp_path: Path) -> None:
    text = MINI_TEXT.replace('"2003-04-26"', '"2003-02-30"').replace("value: 10", "value: ten")
    text = text.replace("topics: [language]", "topics: [langauge]", 1)
    result = run("facts", "--data", str(_store(tmp_path, text)))
    lines = result.stderr.splitlines()
    assert (result.exit_code, lines[0]) == (1, "tajru: error: 3 problems in the data:")
    found = [
        re.fullmatch(rf"{re.escape(str(tmp_path))}/store\.yaml:(\d+) \(([a-z0-9-]+)\): .+", line)
        for line in lines[1:]
    ]
    assert all(found), lines
    # In file order, each naming the record it is in.
    assert [int(m[1]) for m in found if m] == sorted(int(m[1]) for m in found if m)
    assert [m[2] for m in found if m] == ["putin-201st-presence-2003", "language-law-1989", "russians-10"]


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("missing", lambda p: None),
        ("directory", lambda p: p.mkdir()),
    ],
)
def test_a_path_that_is_not_a_readable_file_exits_1(
    run: Run, tmp_path: Path, name: str, make: Callable[[Path], None]
) -> None:
    path = tmp_path / "store.yaml"
    make(path)
    result = run("facts", "--data", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"tajru: error: {path}: ")


def test_an_unreadable_file_exits_1_with_the_reason(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _store(tmp_path, MINI_TEXT)
    real = Path.open

    def denied(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)  # root reads any file, so chmod cannot test this
    result = run("facts", "--data", str(path))
    assert (result.exit_code, result.stderr) == (
        1,
        f"tajru: error: {path}: cannot be read: Permission denied\n",
    )


def test_a_byte_order_mark_and_crlf_line_endings_just_work(run: Run, tmp_path: Path) -> None:
    path = _store(tmp_path, b"\xef\xbb\xbf" + MINI_TEXT.replace("\n", "\r\n").encode("utf-8"))
    plain = run("facts", "--json", "--data", str(MINI))
    result = run("facts", "--json", "--data", str(path))
    assert result.exit_code == 0 and result.stdout == plain.stdout


def test_yaml_implicit_typing_never_changes_a_value(run: Run, tmp_path: Path) -> None:
    # The event comes first in the file, then the figure.
    dates = MINI_TEXT.replace('date: "1989"', "date: 1989", 1).replace('date: "1989"', "date: 1989-01-01", 1)
    result = run("facts", "--json", "--data", str(_store(tmp_path, dates)))
    assert result.exit_code == 0, result.stderr
    by_id = {r["id"]: r for r in json.loads(result.stdout)}
    assert by_id["russians-10"]["date"] == "1989-01-01" and by_id["language-law-1989"]["date"] == "1989"

    typed = MINI_TEXT.replace("title: Russians share", "title: no").replace(
        "title: Tajikistan adopts the Language Law", "title: 010"
    )
    refused = run("facts", "--data", str(_store(tmp_path, typed, "typed.yaml")))
    assert refused.exit_code == 1
    assert (
        "(language-law-1989): 'title' must be text: YAML reads the unquoted '010' as a number"
        in refused.stderr
    )
    assert (
        "(russians-10): 'title' must be text: YAML reads the unquoted 'no' as a true/false value"
        in refused.stderr
    )


def _deep_flow(depth: int) -> str:
    return "sources: " + "[" * depth + "]" * depth + "\nactors: []\ntopics: []\nrecords: []\n"


def _deep_block(depth: int) -> str:
    return "sources:\n" + "".join(" " * (i + 1) + "k:\n" for i in range(depth)) + " " * (depth + 1) + "x\n"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_deep_flow(100_000), id="flow-100k"),
        pytest.param("sources:\n" + "- " * 100_000 + "x\n", id="compact-block-100k"),
        pytest.param(_deep_block(2_000), id="indented-block-2k"),
    ],
)
def test_deep_nesting_is_refused_before_it_can_crash_the_process(tmp_path: Path, text: str) -> None:
    """PyYAML's C composer segfaults at some tens of thousands of levels: run it in a process of its own."""
    path = _store(tmp_path, text)
    result = tajru("facts", "--data", str(path), env={"TAJRU_CACHE_DIR": str(tmp_path / "cache")})
    # Whether tajru's own depth check or libyaml's (PyYAML >= 6.0.4) refuses it, the user sees the
    # same thing: status 1, nothing on stdout, one line naming the file and the line.
    assert (result.returncode, result.stdout) == (1, ""), (result.returncode, result.stderr[-300:])
    assert re.fullmatch(rf"tajru: error: {re.escape(str(path))}:\d+: [^\n]+\n", result.stderr), result.stderr


def test_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 12)]
    text = "\n".join(lines) + "\nsources: *a11\nactors: []\ntopics: []\nrecords: []\n"
    result = tajru(
        "facts", "--data", str(_store(tmp_path, text)), env={"TAJRU_CACHE_DIR": str(tmp_path / "c")}
    )
    assert result.returncode == 1
    assert ":1: YAML anchors and aliases (&name, *name) are not allowed" in result.stderr


# 4. Display: every string from a file is shown literally and can never act on the terminal
# (HOSTILE, and UNSAFE, what must never reach it, are in tests/support/hostile.py).


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_strings_in_data_are_shown_literally_and_kept_exactly_in_json(
    run: Run, tmp_path: Path, kind: str
) -> None:
    value = HOSTILE[kind]
    path = hostile_store(tmp_path, value)
    shown = UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", value)
    for args in (["timeline"], ["facts"], ["quote", "vladimir-putin"], ["show", "anti-taliban"],
                 ["show", "russians-10"], ["sources"], ["facts", "--actor", "nobody"]):  # fmt: skip
        result = run(*args, "--data", str(path), env={"COLUMNS": "400"})
        assert not UNSAFE.search(result.stdout) and not UNSAFE.search(result.stderr), args
        assert "\x1b" not in result.stdout + result.stderr
    assert shown in run("show", "anti-taliban", "--data", str(path), env={"COLUMNS": "400"}).stdout
    records = json.loads(run("facts", "--json", "--data", str(path)).stdout)
    assert value in [r["title"] for r in records]
    assert value in [r.get("speaker_name") for r in records]


def _escape_free(value: str) -> str:
    return UNSAFE.sub("", value)


texts = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=texts, width=st.integers(min_value=10, max_value=120))
def test_rendering_any_string_never_raises_nor_emits_a_control_character(value: str, width: int) -> None:
    actor = Actor(id="a", name=value, kind="person", aliases=(value,))
    record = Record(
        id="r", kind="quote", title=value, topics=("t",), actors=("a",),
        citations=(Citation("s", value, value),), date=PartialDate(2003, 4, 26), text=value,
        caveat=value, speaker="a", quote=value, context=value, date_note=value,
    )  # fmt: skip
    figure = Record(
        id="f", kind="figure", title=value, topics=("t",), actors=(), citations=(Citation("s", "l", value),),
        date=PartialDate(1989), value=10, unit=value, qualifier=value, date_inferred=True,
    )  # fmt: skip
    store = Store.from_dataset(
        Dataset(
            (Source("s", value, title=value, note=value),), (actor,), (Topic("t", value),), (record, figure)
        )
    )
    console = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)
    views = [
        listings.timeline(store, store.records),
        listings.facts_table(store, store.records),
        listings.quote_cards(store, [record]),
        detail.detail(store, record),
        detail.detail(store, figure),
        detail.sources_view(store, store.count_by_source()),
    ]
    for view in views:
        console.print(view)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert not UNSAFE.search(out.replace("\n", ""))


# 5. Terminals and pipes.
PIPED = [["timeline", "--undated"], ["facts", "--json"], ["show", "anti-taliban", "--json"], ["sources"]]


@pytest.mark.parametrize("args", PIPED, ids=[" ".join(a) for a in PIPED])
def test_a_reader_that_has_gone_ends_the_run_quietly_with_status_141(args: list[str]) -> None:
    """`tajru ... | head -0`: the reader is gone before tajru writes, so every write fails with EPIPE.

    The status read is tajru's own, not a shell's or head's.
    """
    env = {**os.environ, "TAJRU_DATA": str(MINI)}
    command = [*installed_tajru(), *args]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()
        status = child.wait(timeout=120)
        assert (status, child.stderr.read()) == (141, b"")


def test_a_reader_that_takes_one_line_gets_the_first_line_whole() -> None:
    """`tajru timeline | head -1`: the line read is the listing's first, and tajru ends quietly."""
    env = {**os.environ, "TAJRU_DATA": ""}
    command = [*installed_tajru(), "timeline"]
    whole = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        first = child.stdout.readline()
        child.stdout.close()
        # All of it may already be in the pipe's buffer when the reader goes (0), or not yet (141).
        assert child.wait(timeout=120) in (0, 141)
        # stderr holds what the whole run says (the undated records it leaves out), and no more.
        assert (first, child.stderr.read()) == (whole.stdout.splitlines(keepends=True)[0], whole.stderr)


def _colour_codes(text: str) -> list[str]:
    params = [p for seq in re.findall(r"\x1b\[([0-9;]*)m", text) for p in seq.split(";")]
    return [
        p
        for p in params
        if p in ("38", "48") or (p.isdigit() and (30 <= int(p) <= 47 or 90 <= int(p) <= 107))
    ]


def test_colour_only_on_a_terminal_and_never_with_no_color_or_a_dumb_terminal() -> None:
    assert _colour_codes(on_a_terminal(["timeline"], {}))  # the kinds are coloured
    assert not _colour_codes(on_a_terminal(["timeline"], {"NO_COLOR": "1"}))
    assert "\x1b" not in on_a_terminal(["timeline"], {"TERM": "dumb"})
    piped = tajru("timeline", env={"NO_COLOR": "", "TERM": "xterm-256color"})
    assert piped.returncode == 0 and "\x1b" not in piped.stdout


@pytest.mark.parametrize("columns", ["20", "30", "59", "61"])
def test_narrow_wrapped_output_never_cuts_text(columns: str) -> None:
    title = "Putin calls the Russian military presence a [bold]factor[/] of regional security"
    journal = "Scholarly Research Journal for Interdisciplinary Studies"
    for args, whole in (
        (["timeline"], title),
        (["facts"], title),
        (["quote"], "positive factor of regional security provision"),
        (["show", "putin-201st-presence-2003"], title),
        (["sources"], journal),
    ):
        result = tajru(*args, env={"COLUMNS": columns, "TAJRU_LAYOUT": "wrapped"})
        assert result.returncode == 0 and "…" not in result.stdout, (args, columns)
        assert max(map(len, result.stdout.splitlines())) <= int(columns)
        # Wrapped or folded, every character is still there, in order.
        assert re.sub(r"\s|│", "", whole) in re.sub(r"\s|│", "", result.stdout), (args, columns)


@pytest.mark.parametrize(
    "env", [{"LANG": "C", "LC_ALL": "C"}, {"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"}]
)
def test_a_poor_encoding_still_prints_replacing_what_it_cannot(env: dict[str, str]) -> None:
    for args in (["quote", "putin"], ["facts", "--json"], ["show", "putin-201st-presence-2003"]):
        result = tajru(*args, env=env, text=False)
        assert result.returncode == 0 and result.stdout and b"Traceback" not in result.stderr, args
    refused = tajru("quote", "Путин", env=env, text=False)
    assert refused.returncode == 2 and b"Traceback" not in refused.stderr
    # Under LANG=C Python itself switches to UTF-8 (PEP 538); ascii and latin-1 show '?'.
    assert refused.stderr.startswith(b"tajru: error: no one called '")
    assert b"did you mean 'Putin'?" in refused.stderr


# 6. Unexpected failures keep Typer's pretty traceback from printing local variables.
def test_tracebacks_never_show_local_variables() -> None:
    from tajru.cli import app

    assert app.pretty_exceptions_show_locals is False
