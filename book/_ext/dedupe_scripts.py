"""Drop repeated inline scripts from every page.

Sphinx 7.4 lists an inline script that an extension registers after the HTML builder starts
(sphinx-thebe's `const THEBE_JS_URL = ...`, sphinx-togglebutton's settings) twice: once with filename
None and again, from the registry in prepare_writing, with filename "". Each page then declares the
same `const` twice and the browser reports "Identifier 'THEBE_JS_URL' has already been declared".
"""


def _dedupe(app, pagename, templatename, context, doctree):
    seen, unique = set(), []
    for script in context.get("script_files", []):
        key = (str(getattr(script, "filename", script) or ""), tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    app.connect("html-page-context", _dedupe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
