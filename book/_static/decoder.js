// The "Paste your error" page: the reader's message is explained by convshapes.decoder.explain_text, the
// Python function `convshapes explain` prints, run in the browser by Pyodide. Nothing here matches or
// explains anything: the build vendors Pyodide into _static/pyodide/ and zips the decoder's own Python
// source into _static/convshapes-decoder.zip (book/_ext/decoder_engine.py); this script loads both, passes
// the text to Python and shows what comes back, turning the website paths it names into links.
//
// For tests and curious readers: window.convshapesDecoder.ready (a promise, resolved once Python is
// ready), .explain(message) (a promise of the text explain_text returns) and .show(message) (the same, shown
// on the page; a promise of the text the page then shows).
(function () {
  "use strict";

  const script = document.currentScript;
  const scriptURL = new URL(script.src, document.baseURI);
  // The site's root, relative to this page: "../" for book/paste_your_error.html.
  const siteRoot = script.getAttribute("src").replace(/_static\/decoder\.js(\?.*)?$/, "");
  const WEBSITE_PATH = /notebooks\/[\w-]+\.html(?:#[\w-]+)?/g;
  const UNPACKED = "/home/pyodide/convshapes-decoder";

  async function start() {
    const bundle = fetch(new URL("convshapes-decoder.zip", scriptURL)).then(function (response) {
      if (!response.ok) throw new Error("convshapes-decoder.zip: HTTP " + response.status);
      return response.arrayBuffer();
    });
    const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", scriptURL).href);
    const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", scriptURL).href, packages: [] });
    performance.mark("convshapes-decoder:python-started");
    pyodide.unpackArchive(await bundle, "zip", { extractDir: UNPACKED });
    pyodide.runPython(
      "import sys\nsys.path.insert(0, " + JSON.stringify(UNPACKED) + ")\nimport convshapes.decoder\n"
    );
    const explainText = pyodide.pyimport("convshapes.decoder").explain_text;
    performance.mark("convshapes-decoder:ready");
    return explainText;
  }

  const engine = start();
  const ready = engine.then(function () { return true; });

  async function explain(message) {
    const explainText = await engine;
    return explainText(String(message));
  }

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  // The text as it is, with every website path it names (notebooks/<page>.html#<anchor>) made a link.
  function render(out, text) {
    const block = element("pre", "", { class: "decoder-text" });
    let last = 0;
    for (const found of text.matchAll(WEBSITE_PATH)) {
      block.append(document.createTextNode(text.slice(last, found.index)));
      block.append(element("a", found[0], { href: siteRoot + found[0], class: "decoder-link" }));
      last = found.index + found[0].length;
    }
    block.append(document.createTextNode(text.slice(last)));
    out.replaceChildren(block);
  }

  let root = null;
  let latest = 0;

  function setStatus(text, state) {
    const status = root && root.querySelector(".decoder-status");
    if (!status) return;
    status.textContent = text;
    status.dataset.state = state;
  }

  // Show the explanation of `message`; while Python loads, the latest message waits and is shown once it is
  // ready. Resolves to the text the page shows.
  async function show(message) {
    const out = root.querySelector(".decoder-result");
    const request = ++latest;
    if (!message.trim()) {
      out.replaceChildren();
      return "";
    }
    const text = await explain(message);
    if (request === latest) render(out, text);
    return out.textContent;
  }

  window.convshapesDecoder = { ready: ready, explain: explain, show: show };

  function wire() {
    root = document.getElementById("convshapes-decoder");
    if (!root) return;
    const input = root.querySelector("textarea");
    const explainInput = function () { show(input.value).catch(function () {}); };
    root.querySelector("button").addEventListener("click", explainInput);
    input.addEventListener("input", explainInput);
    engine.then(
      function () {
        setStatus("Ready: Python runs in your browser; nothing you paste leaves this page.", "ready");
      },
      function (error) {
        const fromDisk = location.protocol === "file:"
          ? " Browsers do not start it on a page opened from disk: serve the site's folder instead, for example" +
            " with python -m http.server --directory _build/html."
          : "";
        setStatus("The decoder could not start in this browser (" + error + ")." + fromDisk +
          " Or run convshapes explain on your machine (below).", "failed");
      }
    );
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
