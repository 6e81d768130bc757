"""Records in and out as tables: Excel templates and workbooks, CSV, JSON, data packages, feeds.

layout.py lays a record type out as tables from its field tree (each field's
type says where its values go); workbook.py writes workbooks (templates,
exports, downloads) and reading.py reads what clerks send back (.xlsx, .csv);
importing.py turns rows into records, checked as `validate` checks them,
and yamltext.py writes them in the form staff write by hand. downloads.py,
datapackage.py, summary.py and feeds.py make the site's /data/ and feeds.
"""
