"""Leave the form editor (/admin/) out of a site whose configuration cannot work.

The generator always writes docs/generated/admin/config.yml; without a repository to save to
(cms.yml's repo blank) and without a local backend, the editor could only show an error, so its
files (docs/admin/ and the configuration) are not published and the build prints a notice saying
why (generators/editors/cms.py). A build with no generated configuration leaves it out too.
"""

from __future__ import annotations

from pathlib import Path

import yaml

CONFIG = "generated/admin/config.yml"
# libyaml's safe loader where PyYAML has it (a county's configuration is large), else PyYAML's
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FOLDER = "admin/"


def published(settings: dict) -> bool:
    """A repository to save to (cms.yml's repo), or a local backend for editing on a computer."""
    if not isinstance(settings, dict):
        return False
    backend = settings.get("backend")
    repo = backend.get("repo") if isinstance(backend, dict) else None
    return bool(settings.get("local_backend")) or bool(repo)


def on_files(files, config):
    path = Path(config["docs_dir"]) / CONFIG
    settings = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) if path.is_file() else {}
    if published(settings or {}):
        return files
    for file in [f for f in files if f.dest_uri.startswith(FOLDER)]:
        files.remove(file)
    return files
