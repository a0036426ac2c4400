// The "Paste your error" page: recognise an error family with the pattern table that convshapes.decoder
// exports at build time (window.convshapesDecoderTable), show the numbers read, the family's cause and a
// link to the section that explains it. The same matching rules as convshapes/decoder/explain.py.
(function () {
  "use strict";

  function normalise(table, message) {
    return message.replace(new RegExp(table.ansi, "g"), "").split(/\s+/).filter(Boolean).join(" ");
  }

  function shapeRank(table, value) {
    if (!value || "([".indexOf(value[0]) < 0) return null;
    return (value.match(new RegExp(table.shape_item, "g")) || []).length;
  }

  function factsOf(table, wording, groups) {
    const facts = {};
    Object.keys(groups || {}).forEach(function (name) {
      if (groups[name] !== undefined) facts[name] = groups[name];
    });
    Object.keys(facts).forEach(function (name) {
      const rank = shapeRank(table, facts[name]);
      if (rank !== null) facts[name + "_rank"] = String(rank);
    });
    facts.source = wording.source;
    return facts;
  }

  function holds(when, facts) {
    return Object.keys(when).every(function (template) {
      const filled = template.replace(/\{(\w+)\}/g, function (_, name) {
        return facts[name] === undefined ? "" : facts[name];
      });
      return new RegExp("^(?:" + when[template] + ")$", "i").test(filled);
    });
  }

  function recognise(table, message) {
    const text = normalise(table, message);
    for (const family of table.families) {
      for (const wording of family.wordings) {
        const found = new RegExp(wording.pattern, "i").exec(text);
        if (!found) continue;
        const facts = factsOf(table, wording, found.groups);
        const route = family.routes.find(function (candidate) { return holds(candidate.when, facts); });
        if (route.anchor) {
          return { family: family, wording: wording, facts: facts, anchor: route.anchor, page: table.pages[route.anchor] };
        }
      }
    }
    return null;
  }

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function show(table, root, message) {
    const out = root.querySelector(".decoder-result");
    out.replaceChildren();
    if (!message.trim()) return;
    const match = recognise(table, message);
    if (!match) {
      out.dataset.family = "";
      out.append(element("p", "Not recognised: this message is not one of the shape errors the decoder knows. " +
        "Look for it in the error gallery:"));
      out.append(element("a", "Error gallery", { href: "../notebooks/06_error_gallery.html", class: "decoder-link" }));
      return;
    }
    out.dataset.family = match.family.id;
    out.append(element("p", "Recognised: " + match.family.title + " (" + match.wording.label + ")", { class: "decoder-family" }));
    const numbers = Object.keys(match.facts).filter(function (name) {
      return name !== "source" && !/_rank$/.test(name);
    }).map(function (name) { return name + "=" + match.facts[name]; });
    out.append(element("p", "Read from the message: " + (numbers.join(", ") || "no numbers"), { class: "decoder-numbers" }));
    out.append(element("p", "Cause: " + match.family.cause, { class: "decoder-cause" }));
    const href = "../" + match.page + ".html#" + match.anchor;
    out.append(element("a", "Read the explanation and the fix (section " + match.anchor + ")", { href: href, class: "decoder-link" }));
  }

  window.convshapesDecoder = { normalise: normalise, recognise: recognise };

  document.addEventListener("DOMContentLoaded", function () {
    const root = document.getElementById("convshapes-decoder");
    const table = window.convshapesDecoderTable;
    if (!root || !table) return;
    const input = root.querySelector("textarea");
    root.querySelector("button").addEventListener("click", function () { show(table, root, input.value); });
    input.addEventListener("input", function () { show(table, root, input.value); });
  });
})();
