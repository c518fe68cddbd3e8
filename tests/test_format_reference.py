"""docs/format.md is the store format's table as the loader and the schema read it, never a hand-kept copy."""

from __future__ import annotations

from pathlib import Path

from tajru.fields import TABLES, reference

FORMAT_DOC = Path(__file__).resolve().parents[1] / "docs" / "format.md"


def test_the_format_reference_is_generated_from_the_field_table() -> None:
    assert FORMAT_DOC.read_text(encoding="utf-8") == reference(), (
        "docs/format.md is out of date: run `python -m tajru.fields > docs/format.md`"
    )


def test_the_format_reference_names_every_field_of_every_list() -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    for fields in TABLES.values():
        for field in fields:
            assert f"| `{field.name}` |" in text, field.name


def test_every_type_a_field_may_have_is_explained() -> None:
    import typing

    from tajru.fields import TYPE_HELP, Type

    assert set(TYPE_HELP) == set(typing.get_args(Type))
    assert {f.type for fields in TABLES.values() for f in fields} <= set(TYPE_HELP)
