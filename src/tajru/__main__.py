"""`python -m tajru`, the same as the console script."""

from tajru.launch import main

main()
