"""A drafted title: a first line for the user to rewrite, taken from the sentence itself so that it
claims nothing the sentence does not."""

from __future__ import annotations

import re

_OPENING = re.compile(
    r"^(?:While|When|During|At|In|On|After|Following|Since|Beyond|Despite|Although|Though|As|Indeed|"
    r"Historically|Crucially|Perhaps|Thus|However|Again|Further|Moreover|So|Concluding|Unlike)\b[^,“”]{0,120},\s*"
)
_MOST_WORDS = 14
_WHOLE_UP_TO = 18


def _balanced(words: list[str]) -> list[str]:
    """The words cut before a quotation they would leave open."""
    text = " ".join(words)
    if text.count("“") > text.count("”"):
        text = text[: text.rindex("“")].rstrip()
    return text.split()


def drafted_title(sentence: str) -> str:
    """The sentence's main clause; past eighteen words, cut to fourteen where a clause ends when it can be."""
    text = _OPENING.sub("", sentence, count=1) or sentence
    words = text.rstrip(".").split()
    if len(words) > _WHOLE_UP_TO:  # a short sentence is its own best title; a long one is cut
        cut = [
            i for i, w in enumerate(words[:_MOST_WORDS], start=1) if w.endswith((",", ";", ":")) and i >= 5
        ]
        words = words[: cut[-1]] if cut else words[:_MOST_WORDS]
    words = _balanced(words) or text.split()[:_MOST_WORDS]
    title = " ".join(words).rstrip(",;:–- ")
    return title[:1].upper() + title[1:]


def figure_title(figure: str, sentence: str, short: bool) -> str:
    """'Over 170 Russian companies': the figure as printed and what it counts; followed by the sentence's
    clause when that alone says little ('nearly $2 billion', '75%')."""
    head = figure[:1].upper() + figure[1:]
    return head if short and len(figure.split()) > 2 else f"{head}: {drafted_title(sentence)}"
