"""Where a drafted record is filed: the actors of the store whose names it holds, and the topics whose
words it holds or, failing that, the one nearest in meaning.

Names are matched whole, the longer first: "Rustam Emomali" is his, so its "Emomali" does not also name
his father. A single word of a name ("Putin") names its actor only when no other actor shares it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from tajru.model import Actor, Record, Topic
from tajru.text import fold

_SMALL = frozenset(
    "a an and the of in on at to for by with from as its their high level state cooperation relations "
    "policy".split()
)


class Named(NamedTuple):
    actor: str
    at: int  # where in the sentence the name starts


class Filing:
    """The store's actors and topics, prepared once for every sentence of a document."""

    def __init__(
        self, actors: Sequence[Actor], topics: Sequence[Topic], records: Sequence[Record] = ()
    ) -> None:
        self.actors = {a.id: a for a in actors}
        self.persons = {a.id for a in actors if a.kind == "person"}
        forms: list[tuple[str, str]] = [(name, a.id) for a in actors for name in a.names if name.strip()]
        owners: dict[str, set[str]] = {}
        for a in actors:
            for word in a.words:
                if len(word) > 3:
                    owners.setdefault(word, set()).add(a.id)
        forms += [(word, next(iter(ids))) for word, ids in owners.items() if len(ids) == 1]
        forms.sort(key=lambda f: -len(f[0]))
        self._forms = [(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)"), actor) for name, actor in forms]
        self.topics = list(topics)
        actor_stems = {_stem(w) for a in actors for n in a.names for w in fold(n).split()}
        self._topic_stems = {
            t.id: {_stem(w) for w in fold(f"{t.label} {t.description or ''} {' '.join(_terms(t))}").split()
                   if w not in _SMALL and _stem(w) not in actor_stems}
            for t in topics
        }  # fmt: skip
        self._topic_vectors: list[Any] | None = None  # numpy rows, one a topic
        # What the store files under each topic says more of what the topic is than its label alone.
        self._filed_titles = {t.id: [r.title for r in records if t.id in r.topics][:200] for t in topics}

    def named(self, sentence: str) -> list[Named]:
        """The actors a sentence names, in order, each once."""
        taken: list[tuple[int, int]] = []
        found: dict[str, int] = {}
        for pattern, actor in self._forms:
            for match in pattern.finditer(sentence):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue
                taken.append(match.span())
                found.setdefault(actor, match.start())
        return [Named(actor, at) for actor, at in sorted(found.items(), key=lambda item: item[1])]

    def topics_by_words(self, sentence: str) -> list[str]:
        """Topics whose words the sentence holds, the most first, at most two."""
        stems = {_stem(w) for w in fold(sentence).split()}
        scores = [(len(stems & self._topic_stems[t.id]), i, t.id) for i, t in enumerate(self.topics)]
        return [t for score, _, t in sorted(scores, key=lambda s: (-s[0], s[1])) if score][:2]

    def nearest_topics(self, sentences: Sequence[str]) -> list[str | None]:
        """For each sentence, the topic nearest in meaning (None when the model is not installed). What
        every topic of this store shares (Russia, Tajikistan) is taken out first, so that it is what sets
        a topic apart that decides."""
        import numpy as np

        from tajru.meaning import rows_of, vectors

        if self._topic_vectors is None:
            self._topic_vectors = self._centroids() if self.topics else []
        found = vectors(list(sentences)) if self._topic_vectors else None
        if not found or not self._topic_vectors:
            return [None] * len(sentences)
        topics = np.asarray(self._topic_vectors, dtype=np.float32)
        rows = rows_of(found)
        shared = topics.mean(axis=0)
        scores = (rows - shared) @ (topics - shared).T
        return [self.topics[int(i)].id for i in scores.argmax(axis=1)]

    def _centroids(self) -> list[Any]:
        """Each topic's vector: its label, description and terms, with the titles filed under it."""
        import numpy as np

        from tajru.meaning import rows_of, vectors

        texts = [f"{t.label}. {t.description or ''} {' '.join(_terms(t))}" for t in self.topics]
        titled = [title for t in self.topics for title in self._filed_titles[t.id]]
        found = vectors(texts + titled)
        if not found:
            return []
        rows = rows_of(found)
        out, at = [], len(texts)
        for i, t in enumerate(self.topics):
            count = len(self._filed_titles[t.id])
            mean = rows[i] + (rows[at : at + count].mean(axis=0) if count else 0)
            at += count
            norm = float(np.linalg.norm(mean))
            out.append(mean / norm if norm else mean)
        return out


def _terms(topic: Topic) -> tuple[str, ...]:
    return tuple(getattr(topic, "terms", ()) or ())  # entry terms, where the store's topics have them


def _stem(word: str) -> str:
    """A word's first six letters: 'military' and 'militarily', 'economy' and 'economic' meet."""
    return word[:6] if len(word) > 6 else word
