"""Words as search sees them: folded, spelt one way (labour and labor alike), stop and question words known.

Plain functions on text; the full-text index stems what they return (FTS5's porter
tokenizer), so 'guards' finds 'guard' and 'remittance' finds 'remittances'. The index holds
Latin letters only: a Russian word is reduced to its stem by the Snowball Russian stemmer, then
romanised ('таджиков' and 'таджики' both to 'tajik'), in the records' text and in questions alike.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from tajru.text import fold, latin

_WORD = re.compile(r"\w+")

# British spellings written the American way, so that either finds both. Whole words first,
# then endings; a rule only applies to words long enough that it cannot make a short word
# (hour, four, tour) into another.
_WHOLE = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "programme": "program", "programmes": "programs", "grey": "gray", "cheque": "check",
}  # fmt: skip
_ENDINGS = (
    (re.compile(r"(?<=\w{3})our(s|ed|ing|ers?|able)?$"), r"or\1"),  # labour, favourable, neighbours
    (re.compile(r"(?<=\w{4})is(e|es|ed|ing|ation|ations)$"), r"iz\1"),  # organise, organisation
    (re.compile(r"(?<=\w{3})ys(e|es|ed|ing)$"), r"yz\1"),  # analyse
    (re.compile(r"(?<=\w{3})tre(s?)$"), r"ter\1"),  # centre, metres
    (re.compile(r"(?<=\w{4})ogue(s?)$"), r"og\1"),  # dialogue, catalogue
)

# Words that carry no subject of their own: a question's grammar and the commonest words.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself me more most my no nor
    not of off on once only or other our out over same she should so some such than that the
    their them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours tell show give find
    list many much did does say said says""".split()
)
# What a question's first words ask for: a nudge to the ranking, never a filter.
_ASKS = (
    (re.compile(r"^(?:when|what year|what date|since when)\b"), "dated"),
    (
        re.compile(r"^(?:how (?:many|much|large|big|high)|what (?:share|percentage|number))\b"),
        "figure",
    ),
    (re.compile(r"\b(?:who said|what did \w+(?: \w+)? say|says?|said|quoted?|words of)\b"), "said"),
)


# Russian words that carry no subject of their own (Snowball's list, shortened) and question words.
RUSSIAN_STOP_WORDS = frozenset(
    """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее
    мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был
    него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней
    для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того
    потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем
    всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про
    всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том
    нельзя такой им более всегда конечно всю между сколько почему какие каков какова каково ли
    это эта также свой своих который которые которая""".split()
)
_CYRILLIC_WORD = re.compile(r"[а-яёғӣқӯҳҷ]", re.IGNORECASE)


def cyrillic(text: str) -> bool:
    """Whether a text holds a Cyrillic letter."""
    return _CYRILLIC_WORD.search(text) is not None


def words(text: str) -> list[str]:
    """The words of a text, folded (case and accents do not count); a Russian word as its romanised stem,
    a Russian stop word not at all."""
    if text.isascii():  # the common case, without the Unicode decomposition fold() needs
        return _WORD.findall(text.lower())
    if not cyrillic(text):  # fold the few words that need it, not every character of a long text
        found = []
        for word in _WORD.findall(text.lower()):
            found += [word] if word.isascii() else _WORD.findall(fold(word))
        return found
    found = []
    for word in _WORD.findall(text.lower()):
        if not cyrillic(word):
            found += _WORD.findall(fold(word))
        elif word not in RUSSIAN_STOP_WORDS:
            found += _WORD.findall(fold(latin(_stem(word))))
    return found


def romanised(word: str) -> str:
    """A Cyrillic word romanised whole, without stemming ('Душанбе' to 'dushanbe'), folded."""
    return " ".join(_WORD.findall(fold(latin(word.lower()))))


@functools.lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    return str(_russian().stemWord(word))


@functools.cache
def _russian() -> Any:
    """The Snowball Russian stemmer, loaded by the first text that holds Russian."""
    import snowballstemmer  # type: ignore[import-untyped]

    return snowballstemmer.stemmer("russian")


@functools.lru_cache(maxsize=1 << 16)
def canonical(word: str) -> str:
    """One spelling for British and American forms of a folded word ('labour' -> 'labor')."""
    if word in _WHOLE:
        return _WHOLE[word]
    for pattern, replacement in _ENDINGS:
        changed = pattern.sub(replacement, word)
        if changed != word:
            return changed
    return word


def variants(parts: Iterable[Sequence[str]]) -> list[str]:
    """Extra words to index beside a text's own (given as the words of its parts), found other ways.

    Each word spelt the other way where that differs, and each two neighbouring words written
    together ('air base' as 'airbase'), so that a compound found apart or together matches.
    """
    extra: list[str] = []
    for found in parts:
        extra += [c for w in found if (c := canonical(w)) != w]
        extra += [a + b for a, b in zip(found, found[1:], strict=False) if a.isalpha() and b.isalpha()]
    return list(dict.fromkeys(extra))


def content_words(found: Sequence[str]) -> list[str]:
    """The words that say what is asked about; all of them when every word is a stop word."""
    kept = [w for w in found if w not in STOP_WORDS]
    return kept or list(found)


# What a Russian question's words ask for.
_ASKS_RUSSIAN = (
    (re.compile(r"^(?:когда|в каком году|с какого)"), "dated"),
    (re.compile(r"^(?:сколько|какова доля|какой процент)"), "figure"),
    (re.compile(r"(?:сказал|заявил|говорил|слова)"), "said"),
)


def asks_for(text: str) -> str | None:
    """'dated', 'figure' or 'said' (words someone said: a quote or reported speech) when a question's
    words ask for one; None otherwise."""
    if cyrillic(text):
        lowered = " ".join(text.lower().split())
        return next((kind for pattern, kind in _ASKS_RUSSIAN if pattern.search(lowered)), None)
    folded = " ".join(words(text))
    for pattern, kind in _ASKS:
        if pattern.search(folded):
            return kind
    return None
