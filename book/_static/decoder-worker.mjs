// The "Paste your error" page's engine, in a worker so that the page stays responsive while Python starts
// (seconds of work): Pyodide from _static/pyodide/ runs convshapes.decoder.explain_text from the decoder's
// own Python source, _static/convshapes-decoder.zip (both put there by book/_ext/decoder_engine.py).
// Messages in: {id, message}. Out: {ready: true} or {failed: reason} once, then {id, text} or {id, error}.
const UNPACKED = "/home/pyodide/convshapes-decoder";

async function start() {
  const bundle = fetch(new URL("convshapes-decoder.zip", import.meta.url)).then(function (response) {
    if (!response.ok) throw new Error("convshapes-decoder.zip: HTTP " + response.status);
    return response.arrayBuffer();
  });
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", import.meta.url).href);
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", import.meta.url).href, packages: [] });
  pyodide.unpackArchive(await bundle, "zip", { extractDir: UNPACKED });
  pyodide.runPython("import sys\nsys.path.insert(0, " + JSON.stringify(UNPACKED) + ")\nimport convshapes.decoder\n");
  return pyodide.pyimport("convshapes.decoder").explain_text;
}

const engine = start();
engine.then(
  function () { postMessage({ ready: true }); },
  function (error) { postMessage({ failed: String(error) }); }
);

onmessage = async function (event) {
  const { id, message } = event.data;
  try {
    const explainText = await engine;
    postMessage({ id: id, text: explainText(String(message)) });
  } catch (error) {
    postMessage({ id: id, error: String(error) });
  }
};
