"""Building the site: stages, writing, workers, caches, and the incremental MkDocs build."""
