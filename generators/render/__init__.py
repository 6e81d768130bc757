"""Rendering: the model in, Markdown pages out (templates, escaping, formats, charts, QR codes)."""
