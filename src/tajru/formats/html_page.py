"""Records as one self-contained HTML page, to open offline on a laptop or a phone, or to send on.

A timeline by year, the undated last; each record with its date at its precision, kind, title, text,
words said, caveat, and its citations with the evidence behind a <details>. Everything is in the
file: a Content-Security-Policy forbids any request outside it. Every string from the data is
escaped, so a title holding markup shows as text. A few lines of inline script add a filter box
and kind and topic toggles; without script, every record is there to read.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from tajru import __version__
from tajru.labels import (
    CHRONOLOGY_TITLE,
    actor_name,
    by_year,
    citation_label,
    cited_at,
    date_label,
    figure_value,
)
from tajru.model import Record, Registries
from tajru.text import literal

_STYLE = """
:root { color-scheme: light dark; --muted: #666; --line: #ccc; --accent: #8a4b00; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 48rem; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid var(--line); margin: 2rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: .1rem 0; }
ol.records { list-style: none; margin: 0; padding: 0; }
li.record { margin: 0 0 1.25rem; }
.meta { color: var(--muted); font-size: .9rem; margin: 0; }
.kind { font-variant: small-caps; }
.inferred { font-style: italic; }
.caveat { border-left: 3px solid var(--accent); padding-left: .5rem; }
blockquote { margin: .5rem 0; padding-left: .75rem; border-left: 3px solid var(--line); }
details { font-size: .9rem; margin: .25rem 0; }
summary { cursor: pointer; color: var(--muted); }
form { border: 1px solid var(--line); padding: .5rem .75rem; margin: 1rem 0; }
fieldset { border: 0; margin: .25rem 0; padding: 0; }
legend { font-weight: bold; }
label { margin-right: .75rem; white-space: nowrap; }
input[type=search] { font: inherit; width: 100%; max-width: 24rem; }
body > footer { border-top: 1px solid var(--line); margin-top: 2rem; font-size: .9rem; }
blockquote footer { color: var(--muted); }
@media print {
  form { display: none; }
  body { max-width: none; font-size: 11pt; }
  li.record { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

_SCRIPT = """
(function () {
  var form = document.getElementById("filters");
  var box = document.getElementById("q");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.record"));
  function checked(name) {
    return Array.prototype.map.call(form.querySelectorAll("input[name=" + name + "]:checked"),
      function (input) { return input.value; });
  }
  function apply() {
    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var kinds = checked("kind"), topics = checked("topic"), shown = 0;
    items.forEach(function (item) {
      var text = item.textContent.toLowerCase();
      var ok = kinds.indexOf(item.dataset.kind) >= 0 &&
        item.dataset.topics.split(" ").some(function (t) { return topics.indexOf(t) >= 0; }) &&
        words.every(function (w) { return text.indexOf(w) >= 0; });
      item.hidden = !ok;
      if (ok) { shown += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.period"), function (section) {
      section.hidden = !section.querySelector("li.record:not([hidden])");
    });
    document.getElementById("shown").textContent = shown + " of " + items.length + " records shown";
  }
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
"""

# No request leaves the file: no script, style, font, image or frame from anywhere else.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _e(value: str) -> str:
    """Data as HTML text: terminal controls shown as escapes, markup characters as entities."""
    return html.escape(literal(value), quote=True)


def _time(record: Record) -> str:
    assert record.date is not None
    label = _e(date_label(record))
    inferred = (
        ' class="inferred" title="inferred from the source, not stated in it"' if record.date_inferred else ""
    )
    return f'<time datetime="{record.date.iso()}"{inferred}>{label}</time>'


def _record(reg: Registries, record: Record) -> str:
    when = _time(record) if record.date is not None else "undated"
    parts = [
        f'<li class="record" id="{_e(record.id)}" data-kind="{_e(record.kind)}" '
        f'data-topics="{_e(" ".join(record.topics))}">',
        f'<article aria-labelledby="t-{_e(record.id)}">',
        f'<p class="meta">{when} · <span class="kind">{_e(record.kind)}</span> · '
        f'<a href="#{_e(record.id)}">{_e(record.id)}</a></p>',
        f'<h3 id="t-{_e(record.id)}">{_e(record.title)}</h3>',
        *(f'<span id="{_e(old)}" class="formerly" title="a former id"></span>' for old in record.formerly),
    ]
    if record.value is not None:
        parts.append(f'<p class="value"><strong>{_e(figure_value(record))}</strong></p>')
    speaker = _e(actor_name(reg, record.speaker)) if record.speaker else ""
    if record.quote is not None:
        parts.append(f"<blockquote><p>“{_e(record.quote)}”</p><footer>— {speaker}</footer></blockquote>")
        if record.context:
            parts.append(f'<p class="meta">{_e(record.context)}</p>')
    elif record.speaker:
        where = f" {_e(record.context)}." if record.context else ""
        parts.append(f'<p class="reported">Reported words of {speaker}, as the source tells them.{where}</p>')
    if record.text:
        parts.append(f"<p>{_e(record.text)}</p>")
    if record.caveat:
        parts.append(f'<p class="caveat"><strong>Caveat:</strong> {_e(record.caveat)}</p>')
    if record.date_note:
        parts.append(f'<p class="meta">Date: {_e(record.date_note)}</p>')
    for citation in record.citations:
        parts.append(
            f"<details><summary>{_e(citation_label(reg, citation))}</summary>"
            f'<blockquote class="evidence"><p>“{_e(citation.evidence)}”</p></blockquote>'
            f"<p>{_e(cited_at(reg, citation))}.</p></details>"
        )
    parts.append("</article></li>")
    return "\n".join(parts)


def _checkboxes(name: str, values: Sequence[tuple[str, str, int]]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="{name}" value="{_e(value)}" checked> {_e(label)} ({n})</label>'
        for value, label, n in values
    )
    return f"<fieldset><legend>{name.capitalize()}s</legend>{boxes}</fieldset>"


def to_html(reg: Registries, records: Sequence[Record], *, title: str = CHRONOLOGY_TITLE) -> str:
    """The page: a header with the filter form, a section a year (undated last), the sources at the foot."""
    periods = by_year(records)
    undated = [r for r in records if r.date is None]
    kinds = sorted({r.kind for r in records})
    used = [t for t in reg.topics.values() if any(t.id in r.topics for r in records)]
    kind_boxes = [(k, k, sum(r.kind == k for r in records)) for k in kinds]
    topic_boxes = [(t.id, t.label, sum(t.id in r.topics for r in records)) for t in used]
    sections = []
    for name, chosen in periods:
        anchor = f"p-{name.lower()}"
        items = "\n".join(_record(reg, r) for r in chosen)
        sections.append(
            f'<section class="period" aria-labelledby="{anchor}"><h2 id="{anchor}">{_e(name)}</h2>'
            f'<ol class="records">\n{items}\n</ol></section>'
        )
    cited = {c.source for r in records for c in r.citations}
    sources = "".join(f"<li>{_e(s.citation)}</li>" for s in reg.sources.values() if s.id in cited)
    legend = []
    if any(r.date_inferred for r in records):
        legend.append("Dates in [brackets] are inferred from the source, not stated in it.")
    if any(r.caveat for r in records):
        legend.append("A caveat says what is doubtful about a record, or that it is only its source's view.")
    legends = "".join(f"<p>{_e(line)}</p>" for line in legend)
    undated_note = f", {len(undated)} of them undated" if undated else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_POLICY}">
<meta name="generator" content="tajru {__version__}">
<title>{_e(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header>
<h1>{_e(title)}</h1>
<p>{len(records)} records{undated_note}, each traced to its source; open a citation to read the evidence.</p>
{legends}
<form id="filters" role="search" aria-label="Filter the records" hidden>
<label>Filter <input type="search" id="q" placeholder="words in a record" autocomplete="off"></label>
{_checkboxes("kind", kind_boxes)}
{_checkboxes("topic", topic_boxes)}
<p id="shown" aria-live="polite"></p>
</form>
</header>
<main>
{chr(10).join(sections)}
</main>
<footer>
<h2>Sources</h2>
<ul>{sources}</ul>
<p>Exported by tajru {__version__}.</p>
</footer>
<script>{_SCRIPT}</script>
</body>
</html>
"""
