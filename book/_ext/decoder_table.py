"""Write the error decoder's pattern table into the site's _static at build time (never committed).

The "Paste your error" page (book/paste_your_error.md) loads it, as a script holding the JSON, next to book/_static/decoder.js; the table
comes from convshapes.decoder, the same one `convshapes explain` uses.
"""

from pathlib import Path

from convshapes.decoder.export import write_table

TABLE = "decoder-table.js"


def _write(app, exception):
    if exception is None and app.builder.format == "html":
        write_table(Path(app.outdir) / "_static" / TABLE)


def setup(app):
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
