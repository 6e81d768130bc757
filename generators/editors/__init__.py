"""What staff edit with: the form editor's configuration, JSON Schemas, new-record skeletons."""
