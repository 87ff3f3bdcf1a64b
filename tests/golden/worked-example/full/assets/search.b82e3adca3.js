/* Evident search: our own small script over window.EVIDENT_SEARCH, which
   search-index.js sets, so it works from file:// (where fetching a JSON file
   is refused) and from any sub-path (every URL in the index is relative to
   the site root, where search.html sits).

   A query matches an entry when every word of the query begins a word of
   the entry's title or text ("exploit" finds "exploitation"); title matches
   rank first. Results link to the exact finding, standard or case. */
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list || !status) { return; }

  var WORD = /[\p{L}\p{N}]+/gu;
  function words(text) { return (text.toLowerCase().match(WORD) || []); }

  // Split each entry into words once, not on every keystroke.
  var index = (window.EVIDENT_SEARCH || []).map(function (e) {
    return { e: e, title: words(e.t), body: words(e.x || "") };
  });

  function begins(list, term) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].lastIndexOf(term, 0) === 0) { return true; }
    }
    return false;
  }

  function score(entry, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var inTitle = begins(entry.title, terms[i]);
      var inBody = begins(entry.body, terms[i]);
      if (!inTitle && !inBody) { return 0; }
      total += (inTitle ? 10 : 0) + (inBody ? 1 : 0);
    }
    return total;
  }

  // Matches any term at the start of a word, case-insensitively.
  function pattern(terms) {
    var alternatives = terms.map(function (t) {
      return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|");
    return new RegExp("(?<![\\p{L}\\p{N}])(" + alternatives + ")", "giu");
  }

  // About 200 characters of `text` around the first match.
  function excerpt(text, re) {
    re.lastIndex = 0;
    var m = re.exec(text);
    var at = m ? m.index : 0;
    var start = Math.max(0, at - 60);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < at) { start = space + 1; }
    }
    var end = Math.min(text.length, start + 200);
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function highlight(node, text, re) {
    var parts = text.split(re);
    for (var i = 0; i < parts.length; i++) {
      if (i % 2 === 1) {
        var mark = document.createElement("mark");
        mark.textContent = parts[i];
        node.appendChild(mark);
      } else if (parts[i]) {
        node.appendChild(document.createTextNode(parts[i]));
      }
    }
  }

  function run(query) {
    list.textContent = "";
    var terms = words(query);
    if (!terms.length) { status.textContent = ""; return; }
    var re = pattern(terms);
    var hits = index.map(function (entry) { return { e: entry.e, s: score(entry, terms) }; })
      .filter(function (h) { return h.s > 0; })
      .sort(function (a, b) { return b.s - a.s; });
    var shown = hits.slice(0, 50);
    status.textContent = (hits.length === 1 ? "1 result" : hits.length + " results") +
      (hits.length > shown.length ? ", the first " + shown.length + " shown" : "") +
      " for \u201c" + query.trim() + "\u201d";
    shown.forEach(function (h) {
      var li = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "result-kind";
      kind.textContent = h.e.k;
      var a = document.createElement("a");
      a.href = h.e.u;
      highlight(a, h.e.t, re);
      li.appendChild(kind);
      li.appendChild(a);
      if (h.e.x) {
        var p = document.createElement("p");
        highlight(p, excerpt(h.e.x, re), re);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  run(q);
  input.addEventListener("input", function () {
    run(input.value);
    // Keep the query in the address, so Back from a result returns to it.
    try {
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url.href);
    } catch (e) {
      // Some browsers refuse history changes for file:// pages; search
      // works the same without it.
    }
  });
})();
