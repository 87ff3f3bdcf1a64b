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
    status.textContent = shown + (plural.select(shown) === "one" ? " finding" : " findings");
  }

  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
})();
