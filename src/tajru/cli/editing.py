"""The editor loop of `tajru add`: a draft opened in the user's editor, checked on save, reopened with
its problems, until the record is added or given up; the draft kept whenever it is not added.

An editor that returns at once (a GUI editor started without its wait flag) would otherwise make a
loop that never waits for the user: the loop ends when the draft comes back unchanged since it was
shown, or when the editor returned in under a second with a draft that does not pass. So the user is
never shown the same problems twice without having changed the draft in between.
"""

from __future__ import annotations

import time
from pathlib import Path

from tajru.adding import Context, commit, keep
from tajru.cli.authoring import added, not_written
from tajru.cli.output import say
from tajru.errors import TajruError
from tajru.text import shown_path

# An editor a person types in stays open longer than this; one that returns sooner did not wait.
QUICK_SECONDS = 1.0
WAIT_HINT = (
    "$VISUAL or $EDITOR must name an editor that waits until the file is closed, "
    "like 'code --wait', 'subl -w' or 'gedit -s'"
)


def edit_and_add(context: Context, kind: str) -> None:
    """Open, check, reopen with the problems; add the record once it passes."""
    from tajru.authoring import PROBLEM_MARK, template, untouched, with_problems
    from tajru.settings import editor_command

    command, chosen = editor_command()
    if not chosen:
        say(f"writing the record in {command}; $VISUAL or $EDITOR chooses another editor")
    blank = template(kind, context.target.name, context.registries)  # type: ignore[arg-type]
    draft_path = keep(context.target, blank)
    reopened = False
    written = ""  # the last draft that held something, kept if the user gives up
    while True:
        before = draft_path.read_text(encoding="utf-8")
        quick = _run(command, draft_path)
        draft = draft_path.read_text(encoding="utf-8")
        if untouched(draft, blank):
            _nothing_added(draft_path, written, quick and not reopened, command)
            return
        if reopened and draft == before:
            raise TajruError(
                f"nothing added: the draft was not changed since it was reopened with its problems; "
                f"it is kept in {draft_path}",
                hint=WAIT_HINT if quick else "mend it and run 'tajru add' with it on stdin",
            )
        body = "".join(line for line in draft.splitlines(keepends=True) if not line.startswith(PROBLEM_MARK))
        written = body
        try:
            done = commit(context, body, say)
        except OSError as err:
            raise not_written(context, err, body, draft_path) from None
        if done.file is not None:
            draft_path.unlink()
            added(context, done.attempt.record_id or "")
            return
        _rewrite(draft_path, with_problems(body, done.attempt.problems))
        if quick:
            raise TajruError(
                f"the editor {shown_path(command)} returned at once, and the draft has "
                f"{len(done.attempt.problems)} problem(s); nothing added, the draft is kept in {draft_path}",
                hint=WAIT_HINT,
            )
        reopened = True


def _run(command: str, draft_path: Path) -> bool:
    """Run the editor on the draft; whether it returned at once. Its failure is the run's."""
    import shlex
    import subprocess

    started = time.monotonic()
    try:
        status = subprocess.run([*shlex.split(command), str(draft_path)], check=False).returncode
    except (OSError, ValueError) as err:
        raise TajruError(
            f"cannot run the editor {shown_path(command)} ({err}); the draft is kept in {draft_path}",
            hint="set $VISUAL or $EDITOR",
        ) from None
    if status != 0:
        raise TajruError(
            f"the editor exited with status {status}; nothing added, the draft is kept in {draft_path}"
        )
    return time.monotonic() - started < QUICK_SECONDS


def _nothing_added(draft_path: Path, written: str, at_once: bool, command: str) -> None:
    """The draft came back empty or as the template: keep what was written, or say why it came back."""
    if at_once:
        raise TajruError(
            f"the editor {shown_path(command)} returned at once, before anything was written; "
            f"nothing added, the template is kept in {draft_path}",
            hint=WAIT_HINT,
        )
    if written:
        _rewrite(draft_path, written)
        say(f"nothing added; the draft you wrote is kept in {draft_path}")
    else:
        draft_path.unlink()
        say("nothing added")


def _rewrite(draft_path: Path, text: str) -> None:
    """The draft replaced whole, so that a crash leaves the old draft or the new one, never half of one."""
    from tajru.user_files import replace

    replace(draft_path, lambda temp: temp.write_text(text, encoding="utf-8"))
