"""Show no path of the build machine in notebook outputs, also when the build itself executed them.

Committed notebooks already store outputs without machine paths (convshapes.authoring.execute); a cold
build executes them afresh, and their tracebacks name the build machine's site-packages. This rewrites
every output block the same way, with the same function.
"""

from docutils import nodes

from convshapes.notebook.machine_paths import without_machine_paths


def _rewrite_outputs(app, doctree):
    for block in doctree.findall(nodes.literal_block):
        text = block.astext()
        clean = without_machine_paths(text)
        if clean != text:
            block.rawsource = clean
            block.children = [nodes.Text(clean)]


def setup(app):
    app.connect("doctree-read", _rewrite_outputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
