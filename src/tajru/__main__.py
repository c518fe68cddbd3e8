"""`python -m tajru`."""

from tajru.cli import main

main()
