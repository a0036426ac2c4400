// The "Paste your error" page: the reader's message is explained by convshapes.decoder.explain_text, the
// Python function `convshapes explain` prints, run in the browser by Pyodide in a worker
// (decoder-worker.mjs). Nothing here matches or explains anything: this script passes the text to Python
// and shows what comes back, turning the website paths it names into links.
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

  const pending = new Map();
  let nextId = 0;
  let started, failed;
  const ready = new Promise(function (resolve, reject) { started = resolve; failed = reject; });
  ready.then(function () { performance.mark("convshapes-decoder:ready"); }, function () {});

  function startWorker() {
    let worker;
    try {
      worker = new Worker(new URL("decoder-worker.mjs", scriptURL), { type: "module" });
    } catch (error) {
      failed(error);
      return null;
    }
    worker.onmessage = function (event) {
      const data = event.data;
      if (data.ready) started(true);
      else if ("failed" in data) failed(new Error(data.failed));
      else {
        const waiting = pending.get(data.id);
        pending.delete(data.id);
        if ("error" in data) waiting.reject(new Error(data.error));
        else waiting.resolve(data.text);
      }
    };
    worker.onerror = function (event) {
      event.preventDefault();
      failed(new Error(event.message || "the decoder's worker did not start"));
    };
    return worker;
  }

  const worker = startWorker();

  async function explain(message) {
    await ready;
    return new Promise(function (resolve, reject) {
      const id = nextId++;
      pending.set(id, { resolve: resolve, reject: reject });
      worker.postMessage({ id: id, message: String(message) });
    });
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

  // Show the explanation of `message`; while Python starts, the latest message waits and is shown once it is
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
    ready.then(
      function () {
        setStatus("Ready: Python runs in your browser; nothing you paste leaves this page.", "ready");
      },
      function (error) {
        const fromDisk = location.protocol === "file:"
          ? " Browsers do not start it on a page opened from disk: serve the site's folder instead, for example" +
            " with python -m http.server --directory _build/html."
          : "";
        setStatus("The decoder could not start in this browser (" + error.message + ")." + fromDisk +
          " Or run convshapes explain on your machine (below).", "failed");
      }
    );
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
