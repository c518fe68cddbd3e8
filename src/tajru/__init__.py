"""tajru: Tajikistan–Russia relations from a curated, sourced store of events, figures, quotes, assertions."""

__version__ = "0.1.0"
