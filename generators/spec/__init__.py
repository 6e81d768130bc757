"""What the records are: the registry of record types, their fields, and the problem catalogue."""
