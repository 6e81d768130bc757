"""Command line: the only place that prints or exits (commands.py; its options in arguments.py)."""
