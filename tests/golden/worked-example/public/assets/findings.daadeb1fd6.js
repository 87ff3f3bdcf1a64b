/* Filters for findings.html. Without JavaScript the page shows every
   finding grouped by kind; with it, the form appears and narrows the list. */
(function () {
  "use strict";
  var form = document.getElementById("finding-filters");
  if (!form) { return; }
  form.hidden = false;
  var selects = form.querySelectorAll("select[data-filter]");
  var items = document.querySelectorAll(".finding-item");
  var groups = document.querySelectorAll(".finding-group");
  var status = document.getElementById("filter-status");
  // The same CLDR rules the pages' own counts follow, for the page's
  // language (the report's `language`).
  var plural = new Intl.PluralRules(document.documentElement.lang || "en");

  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var ok = true;
      selects.forEach(function (s) {
        if (!s.value) { return; }
        var values = (item.getAttribute("data-" + s.getAttribute("data-filter")) || "").split(" ");
        if (values.indexOf(s.value) < 0) { ok = false; }
      });
      item.hidden = !ok;
      if (ok) { shown += 1; }
    });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector(".finding-item:not([hidden])");
    });
    // The page gives the count's forms, in its language, on the status
    // element (`data-one`, `data-other`…).
    var form = status.getAttribute("data-" + plural.select(shown)) || status.getAttribute("data-other");
    status.textContent = form.replace("{n}", String(shown));
  }

  // The filters live in the address's fragment (`#kind=strength&criteria=2.1`),
  // so a filtered view can be shared and bookmarked, survives a reload, and
  // each change is a step of the history. The fragment, not the query
  // string: changing it works on a site opened from disk as well as served,
  // and the page is the same file whatever the filters. A fragment with no
  // `=` is a place on the page (`#kind-strength`), not a filter.
  function fromAddress() {
    var hash = location.hash.slice(1);
    var params = new URLSearchParams(hash.indexOf("=") < 0 ? "" : hash);
    selects.forEach(function (s) {
      var wanted = params.get(s.getAttribute("data-filter")) || "";
      var offered = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; });
      s.value = offered ? wanted : "";
    });
    apply();
  }

  function toAddress() {
    var params = new URLSearchParams();
    selects.forEach(function (s) {
      if (s.value) { params.set(s.getAttribute("data-filter"), s.value); }
    });
    var hash = params.toString();
    if (hash) {
      location.hash = hash;
    } else {
      history.pushState(null, "", location.pathname + location.search);
    }
  }

  selects.forEach(function (s) {
    s.addEventListener("change", function () { apply(); toAddress(); });
  });
  window.addEventListener("hashchange", fromAddress);
  window.addEventListener("popstate", fromAddress);
  fromAddress();
  form.addEventListener("submit", function (e) { e.preventDefault(); });
})();
