"""Command line: the only place that prints or exits."""

from generators.cli.commands import main

__all__ = ["main"]
