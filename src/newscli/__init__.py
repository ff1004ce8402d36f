"""newscli: turn news web pages into clean, summarized, exportable articles."""

__version__ = "0.1.0"
