/* Evident search: our own small script over window.EVIDENT_SEARCH, which
   search-index.js sets, so it works from file:// (where fetching a JSON file
   is refused) and from any sub-path (every URL in the index is relative to
   the site root, where search.html sits).

   A query matches an entry when every word of the query begins a word of
   the entry's title or text ("exploit" finds "exploitation"); title matches
   rank first. Results link to the exact finding, standard or case.

   One typo is forgiven: a query word of five letters or more that begins
   no word of the index is replaced by the nearest word that it is one
   letter added, dropped or changed away from (compared with the word's
   start, so a typo in a prefix counts too), and the status says so. */
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

  // Every distinct word of the index, sorted (to find whether any word
  // begins with a term by binary search), with how many times it occurs
  // (the commoner of two equally near spellings wins). Made on the first
  // query that needs it.
  var vocabulary = null;
  function vocabularyOf() {
    if (vocabulary) { return vocabulary; }
    var counts = new Map();
    index.forEach(function (entry) {
      [entry.title, entry.body].forEach(function (list) {
        for (var i = 0; i < list.length; i++) {
          counts.set(list[i], (counts.get(list[i]) || 0) + 1);
        }
      });
    });
    var sorted = Array.from(counts.keys()).sort();
    vocabulary = { sorted: sorted, counts: counts };
    return vocabulary;
  }

  function beginsAny(term) {
    var sorted = vocabularyOf().sorted;
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < term) { lo = mid + 1; } else { hi = mid; }
    }
    return lo < sorted.length && sorted[lo].lastIndexOf(term, 0) === 0;
  }

  // Whether `a` and `b` are at most one letter added, dropped or changed
  // apart.
  function withinOne(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) { return false; }
    var i = 0, j = 0, edits = 0;
    while (i < la && j < lb) {
      if (a.charCodeAt(i) === b.charCodeAt(j)) { i++; j++; continue; }
      if (++edits > 1) { return false; }
      if (la > lb) { i++; } else if (la < lb) { j++; } else { i++; j++; }
    }
    return edits + (la - i) + (lb - j) <= 1;
  }

  // The word of the index nearest to `term`, or null: a whole word one
  // edit away first, else a word whose start is one edit away; the commoner
  // first among equals.
  function nearest(term) {
    var v = vocabularyOf();
    var best = null, bestRank = -1;
    for (var i = 0; i < v.sorted.length; i++) {
      var w = v.sorted[i];
      if (w.length < term.length - 1) { continue; }
      var rank = -1;
      if (withinOne(term, w)) {
        rank = 2;
      } else if (w.length > term.length + 1 &&
        (withinOne(term, w.slice(0, term.length)) || withinOne(term, w.slice(0, term.length + 1)) ||
         withinOne(term, w.slice(0, term.length - 1)))) {
        rank = 1;
      }
      if (rank < 0) { continue; }
      if (rank > bestRank || (rank === bestRank && v.counts.get(w) > v.counts.get(best))) {
        best = w;
        bestRank = rank;
      }
    }
    return best;
  }

  // The terms to search for: each as typed, except a term of five letters
  // or more that begins no word of the index, which takes the nearest
  // word, if there is one.
  function corrected(terms) {
    var changed = false;
    var out = terms.map(function (t) {
      if (t.length < 5 || beginsAny(t)) { return t; }
      var near = nearest(t);
      if (near) { changed = true; return near; }
      return t;
    });
    return changed ? out : null;
  }

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

  // The page's words, in the report's language: the page gives them to
  // the script on the status element (`data-for`, `data-results-one`…),
  // with `{name}` places; counts take the form of their CLDR category.
  var plural = new Intl.PluralRules(document.documentElement.lang || "en");
  function count(n) {
    var key = "results" + plural.select(n).replace(/^./, function (c) { return c.toUpperCase(); });
    return status.dataset[key] !== undefined ? key : "resultsOther";
  }
  function message(key, values) {
    return (status.dataset[key] || "").replace(/\{(\w+)\}/g, function (all, name) {
      return values[name] !== undefined ? String(values[name]) : all;
    });
  }

  function run(query) {
    list.textContent = "";
    var typed = words(query);
    if (!typed.length) { status.textContent = ""; return; }
    var fixed = corrected(typed);
    var terms = fixed || typed;
    var re = pattern(terms);
    var hits = index.map(function (entry) { return { e: entry.e, s: score(entry, terms) }; })
      .filter(function (h) { return h.s > 0; })
      .sort(function (a, b) { return b.s - a.s; });
    var shown = hits.slice(0, 50);
    var results = message(count(hits.length), { n: hits.length });
    if (hits.length > shown.length) {
      results = message("firstShown", { results: results, shown: shown.length });
    }
    status.textContent = fixed
      ? message("forCorrected", { results: results, query: fixed.join(" "), typed: query.trim() })
      : message("for", { results: results, query: query.trim() });
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

  // The header's search box shows the query too, so a reader can change it
  // from there as from any other page.
  var header = document.getElementById("site-search-q");
  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  if (header) { header.value = q; }
  run(q);
  input.addEventListener("input", function () {
    if (header) { header.value = input.value; }
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
