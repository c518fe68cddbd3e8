"""The generated references match what they are generated from: docs/cli.md the real --help of every
command, docs/format.md the store format's table."""

from __future__ import annotations

import importlib.util
import typing
from pathlib import Path
from types import ModuleType

from tajru.fields import TABLES, TYPE_HELP, Type, reference

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_cli", DOCS / "generate_cli.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cli_reference_is_the_real_help_of_every_command() -> None:
    generated = _generator().cli_reference()
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == generated, (
        "docs/cli.md is out of date: run `python docs/generate_cli.py`"
    )


def test_the_cli_reference_has_a_section_for_every_command_with_its_examples() -> None:
    generator = _generator()
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name in generator.command_names():
        section = text.split(f"\n## tajru {name}\n", 1)[1]
        assert f"Usage: tajru {name}" in section.split("\n## ", 1)[0], name
        assert "Examples:" in section.split("\n## ", 1)[0], name


def test_the_format_reference_is_generated_from_the_field_table() -> None:
    assert (DOCS / "format.md").read_text(encoding="utf-8") == reference(), (
        "docs/format.md is out of date: run `python -m tajru.fields > docs/format.md`"
    )


def test_the_format_reference_names_every_field_of_every_list() -> None:
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    for fields in TABLES.values():
        for field in fields:
            assert f"| `{field.name}` |" in text, field.name


def test_the_format_reference_says_a_date_is_when_a_record_happened_not_what_it_speaks_of() -> None:
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    meaning = text.split("## What `date` and `end` mean", 1)[1].split("\n## ", 1)[0]
    assert "when it happened or was said" in meaning and "is its content, not its date" in meaning


def test_every_type_a_field_may_have_is_explained() -> None:
    assert set(TYPE_HELP) == set(typing.get_args(Type))
    assert {f.type for fields in TABLES.values() for f in fields} <= set(TYPE_HELP)


def test_the_coverage_table_is_generated_from_the_store() -> None:
    spec = importlib.util.spec_from_file_location("generate_coverage", DOCS / "generate_coverage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (DOCS / "coverage.md").read_text(encoding="utf-8")
    assert module.document(current) == current, (
        "docs/coverage.md is out of date: run `python docs/generate_coverage.py`"
    )
