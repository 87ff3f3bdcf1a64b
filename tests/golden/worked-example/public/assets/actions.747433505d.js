/* Filters and grouping for actions.html. Without JavaScript the page shows
   every action in the plan's order; with it, the form appears, narrows the
   table by owner, status and standard, and groups its rows. */
(function () {
  "use strict";
  var form = document.getElementById("action-filters");
  if (!form) { return; }
  form.hidden = false;
  var selects = form.querySelectorAll("select[data-filter]");
  var group = form.querySelector("select[data-group]");
  var body = document.querySelector("table.action-plan tbody");
  var rows = Array.prototype.slice.call(body.querySelectorAll("tr.action-row"));
  var columns = body.closest("table").querySelectorAll("thead th").length;
  var status = document.getElementById("action-status");
  // The same CLDR rules the pages' own counts follow, for the page's
  // language.
  var plural = new Intl.PluralRules(document.documentElement.lang || "en");

  function values(row, key) {
    return (row.getAttribute("data-" + key) || "").split(" ").filter(Boolean);
  }

  // The value a row is grouped under: its owner or status, or the first
  // standard it names (rows keep the plan's order inside each group).
  function groupOf(row, key) {
    if (key === "owner") { return row.getAttribute("data-owner"); }
    return values(row, key)[0] || "";
  }

  // The label of a group: the text of the matching choice in the filter
  // of the same key, so it is in the page's language.
  function labelOf(key, value) {
    var select = form.querySelector('select[data-filter="' + key + '"]');
    var option = select && Array.prototype.find.call(select.options, function (o) { return o.value === value; });
    return option ? option.textContent : value;
  }

  function apply() {
    var shown = 0;
    body.querySelectorAll("tr.group-row").forEach(function (r) { r.remove(); });
    rows.forEach(function (row) {
      var ok = true;
      selects.forEach(function (s) {
        if (!s.value) { return; }
        var key = s.getAttribute("data-filter");
        var have = key === "owner" ? [row.getAttribute("data-owner")] : values(row, key);
        if (have.indexOf(s.value) < 0) { ok = false; }
      });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var key = group.value;
    if (!key) {
      rows.forEach(function (row) { body.appendChild(row); });
    } else {
      // Groups in the order their filter offers them.
      var select = form.querySelector('select[data-filter="' + key + '"]');
      var order = Array.prototype.map.call(select.options, function (o) { return o.value; });
      var groups = {};
      rows.forEach(function (row) {
        var g = groupOf(row, key);
        (groups[g] = groups[g] || []).push(row);
      });
      Object.keys(groups).sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); }).forEach(function (g) {
        var visible = groups[g].filter(function (r) { return !r.hidden; }).length;
        var head = document.createElement("tr");
        head.className = "group-row";
        head.hidden = visible === 0;
        var th = document.createElement("th");
        th.setAttribute("scope", "colgroup");
        th.setAttribute("colspan", String(columns));
        th.textContent = labelOf(key, g) + " (" + visible + ")";
        head.appendChild(th);
        body.appendChild(head);
        groups[g].forEach(function (row) { body.appendChild(row); });
      });
    }
    var form_ = status.getAttribute("data-" + plural.select(shown)) || status.getAttribute("data-other");
    status.textContent = form_.replace("{n}", String(shown));
  }

  // The filters and the grouping live in the address's fragment
  // (`#owner=Police&group=status`), as on findings.html: a view can be
  // shared and bookmarked, survives a reload, and works from disk.
  var controls = Array.prototype.slice.call(selects).concat([group]);
  function keyOf(s) { return s.getAttribute("data-filter") || s.getAttribute("data-group"); }

  function fromAddress() {
    var hash = location.hash.slice(1);
    var params = new URLSearchParams(hash.indexOf("=") < 0 ? "" : hash);
    controls.forEach(function (s) {
      var wanted = params.get(keyOf(s)) || "";
      var offered = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; });
      s.value = offered ? wanted : "";
    });
    apply();
  }

  function toAddress() {
    var params = new URLSearchParams();
    controls.forEach(function (s) {
      if (s.value) { params.set(keyOf(s), s.value); }
    });
    var hash = params.toString();
    if (hash) {
      location.hash = hash;
    } else {
      history.pushState(null, "", location.pathname + location.search);
    }
  }

  controls.forEach(function (s) {
    s.addEventListener("change", function () { apply(); toAddress(); });
  });
  window.addEventListener("hashchange", fromAddress);
  window.addEventListener("popstate", fromAddress);
  fromAddress();
  form.addEventListener("submit", function (e) { e.preventDefault(); });
})();
