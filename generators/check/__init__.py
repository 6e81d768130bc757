"""Validation: files, strict YAML, each record against its schema, the rules across records."""
