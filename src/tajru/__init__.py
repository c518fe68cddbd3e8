"""tajru: Tajikistan–Russia relations from a curated, sourced store of events, figures and quotes."""

__version__ = "0.1.0"
