"""Records as JSON for scripts: the data contract's fields, plus the speaker's resolved name."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tajru.model import Record
from tajru.store import Store


def record_json(store: Store, record: Record) -> dict[str, Any]:
    out = record.to_dict()
    if record.speaker is not None:
        out["speaker_name"] = store.actors[record.speaker].name
    return out


def records_json(store: Store, records: Sequence[Record]) -> str:
    return json.dumps([record_json(store, r) for r in records], ensure_ascii=False, indent=2)
