/* Evident search: our own small script over window.EVIDENT_SEARCH, which
   search-index.js sets, so it works from file:// and from any sub-path. */
(function () {
  "use strict";
  var index = window.EVIDENT_SEARCH || [];
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list || !status) { return; }

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function score(entry, terms) {
    var title = words(entry.t);
    var body = words(entry.x || "");
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      var inTitle = title.some(function (w) { return w.indexOf(t) === 0; });
      var inBody = body.some(function (w) { return w.indexOf(t) === 0; });
      if (!inTitle && !inBody) { return 0; }
      total += (inTitle ? 10 : 0) + (inBody ? 1 : 0);
    }
    return total;
  }

  function excerpt(text, terms) {
    var lower = text.toLowerCase();
    var at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) { at = lower.indexOf(terms[i]); }
    var start = Math.max(0, at - 60);
    var slice = text.slice(start, start + 200);
    return (start > 0 ? "… " : "") + slice + (start + 200 < text.length ? " …" : "");
  }

  function highlight(node, text, terms) {
    var pattern = new RegExp("(" + terms.map(function (t) {
      return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")", "gi");
    var parts = text.split(pattern);
    for (var i = 0; i < parts.length; i++) {
      if (i % 2 === 1) {
        var mark = document.createElement("mark");
        mark.textContent = parts[i];
        node.appendChild(mark);
      } else {
        node.appendChild(document.createTextNode(parts[i]));
      }
    }
  }

  function run(query) {
    list.textContent = "";
    var terms = words(query);
    if (!terms.length) { status.textContent = ""; return; }
    var hits = index.map(function (e) { return { e: e, s: score(e, terms) }; })
      .filter(function (h) { return h.s > 0; })
      .sort(function (a, b) { return b.s - a.s; });
    status.textContent = hits.length === 1 ? "1 result" : hits.length + " results";
    hits.slice(0, 50).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.e.u;
      highlight(a, h.e.t, terms);
      var kind = document.createElement("span");
      kind.className = "result-kind";
      kind.textContent = h.e.k;
      var p = document.createElement("p");
      highlight(p, excerpt(h.e.x || "", terms), terms);
      li.appendChild(kind);
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  var q = params.get("q") || "";
  input.value = q;
  run(q);
  input.addEventListener("input", function () { run(input.value); });
})();
