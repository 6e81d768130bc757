"""The data folder's git history: published versions of disclosures and what changed."""
