"""Correcting misspellings, and only them, as Norvig's and SymSpell's correctors do.

A typed word that no record holds is replaced by a word of the index only when all of these hold:
- it is not a word of the language: not in the English word list (tajru.index.lexicon), and not Russian
  (a Cyrillic word is never replaced);
- the replacement is within a Damerau-Levenshtein distance of 1 (a word of up to four letters) or 2;
- the replacement is no stop word.
Among the nearest, the word more records hold wins, then the more common English word. So 'water' and
'gas' are searched as typed (and said to be in no record), while 'Puttin' and 'Dushambe', which are no
English words, become the names the store holds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from tajru.query import Term
from tajru.words import STOP_WORDS, cyrillic


def distance(a: str, b: str, limit: int) -> int:
    """The Damerau-Levenshtein distance (optimal string alignment) of a and b, or limit + 1 when it is
    more than limit: a swap of two neighbouring letters costs one, as a typist's slip does."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


def allowed(word: str) -> int:
    """How many edits a word of this length may be away from its correction."""
    return 1 if len(word) <= 4 else 2


def corrections(db: sqlite3.Connection, terms: Sequence[Term]) -> list[str | None]:
    """For each term no record holds, the index word it is a misspelling of, or None to search as typed."""
    from tajru.index import fts
    from tajru.index.lexicon import open_lexicon

    single = [
        t.forms[0][0] if len(t.forms[0]) == 1 and not t.prefix and not cyrillic(t.typed) else None
        for t in terms
    ]
    if not any(single):
        return [None] * len(terms)
    english = open_lexicon().counts(w for w in single if w)
    found: list[str | None] = []
    for word in single:
        if word is None or word in english or len(word) < 3:
            found.append(None)
            continue
        limit = allowed(word)
        candidates = fts.spelled_near(db, word, limit)
        scored = [
            (d, -records, w)
            for w, records in candidates
            if w not in STOP_WORDS and w != word and (d := distance(word, w, limit)) <= limit
        ]
        if not scored:
            found.append(None)
            continue
        best = min(scored)
        tied = [w for d, r, w in scored if (d, r) == best[:2]]
        if len(tied) > 1:  # at a tie, the more common English word
            common = open_lexicon().counts(tied)
            tied.sort(key=lambda w: (-common.get(w, 0), w))
        found.append(tied[0])
    return found
