"""The site's downloads (/data/): each record type's tables as CSV, XLSX and JSON."""

from __future__ import annotations

from generators.model.records import Plan, Record, Site


def township_of(site: Site, record: Record) -> str | None:
    """The township a record belongs to: its own id for a township, else through the first
    record it names that belongs to one (a village, a branch, a unit, a subject), and for a plan
    the township of the units leading its tasks."""
    if record.id in site.townships and site.townships[record.id] is record:
        return record.id
    schema = _schema(record)
    for _, kind, value in schema.root.references(record.doc) if schema else ():
        found = site.township_of(value) or (value if kind == "township" else None)
        if found is None and value in site.plans:
            found = site.township_of_plan(site.plans[value])
        if found is not None:
            return found
    if isinstance(record, Plan):
        return site.township_of_plan(record)
    return None


def _schema(record: Record):
    from generators.spec.registry import REGISTRY

    record_type = REGISTRY.by_name.get(record.type_name)
    return record_type.schema if record_type else None
