"""The tajru command line: each command parses, asks the store, and hands the result to a view or a format.

app.py holds the app and its exit policy; options.py the shared options and completion;
output.py where output goes (pipes, pager); listings.py, catalog.py, files.py and authoring.py the
commands, registered on the app in the order --help lists them.
"""

# isort: off
# Importing a module registers its commands; --help lists them in this order.
from tajru.cli import listings, catalog, files, authoring, drafting  # noqa: F401

# isort: on
from tajru.cli.app import app, app_for, main, run
from tajru.cli.output import BROKEN_PIPE_STATUS

__all__ = ["BROKEN_PIPE_STATUS", "app", "app_for", "main", "run"]
