"""The review of `tajru draft --to FILE`, as git's commit message is reviewed: the candidates open in the
user's editor as one YAML document; what is left on save is checked and added, or the document opens
again with its problems on top. The same guards as `tajru add`: an editor that returns at once, or a
document reopened and saved unchanged, ends the loop with the document kept and named."""

from __future__ import annotations

from tajru.adding import Context, keep
from tajru.cli.editing import WAIT_HINT, _rewrite, _run
from tajru.cli.output import out, say
from tajru.errors import TajruError
from tajru.text import shown_path


def review(context: Context, document: str) -> None:
    """Open, check, reopen with the problems; add what is kept once it passes."""
    from tajru.authoring import PROBLEM_MARK, strip_comments, with_problems
    from tajru.draft.accept import commit
    from tajru.settings import editor_command

    command, chosen = editor_command()
    if not chosen:
        say(f"reviewing the candidates in {command}; $VISUAL or $EDITOR chooses another editor")
    path = keep(context.target, document)
    reopened = False
    while True:
        before = path.read_text(encoding="utf-8")
        quick = _run(command, path)
        edited = path.read_text(encoding="utf-8")
        if quick and edited == before:
            raise TajruError(
                f"the editor {shown_path(command)} returned at once, before anything was reviewed; nothing "
                f"added, the candidates are kept in {path}",
                hint=WAIT_HINT,
            )
        if reopened and edited == before:
            raise TajruError(
                "nothing added: the candidates were not changed since they were reopened with their "
                f"problems; they are kept in {path}",
                hint="mend them, or delete the records that fail, and run 'tajru draft' again",
            )
        body = "".join(line for line in edited.splitlines(keepends=True) if not line.startswith(PROBLEM_MARK))
        if not strip_comments(body).strip() or "- id:" not in strip_comments(body):
            path.unlink()
            say("nothing added: no candidate was kept")
            return
        try:
            kept, written = commit(context, body, say)
        except OSError as err:
            raise TajruError(
                f"nothing added ({err.strerror or err}); {context.target} is as it was; the candidates are "
                f"kept in {path}"
            ) from None
        if written:
            path.unlink()
            count = len(kept.record_ids)
            say(f"added {count} record{'s' if count != 1 else ''} to {context.target}")
            out("".join(f"{record_id}\n" for record_id in kept.record_ids))
            return
        _rewrite(path, with_problems(body, kept.problems))
        if quick:
            raise TajruError(
                f"the editor {shown_path(command)} returned at once, and the candidates have "
                f"{len(kept.problems)} problem(s); nothing added, they are kept in {path}",
                hint=WAIT_HINT,
            )
        reopened = True
