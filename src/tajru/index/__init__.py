"""Every SQL statement tajru runs, by the database it is for.

tables.py: the compiled store (layout, compile, select, tally, the cache's meta);
fts.py: the search index built on the first search (full text, vocabulary, vectors);
model.py: the embedding model's lookup tables, shared by every store.
"""
