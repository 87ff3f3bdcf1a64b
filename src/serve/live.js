/* Evident live preview. Injected by `evident serve` only; never part of a
   built site. Listens to the server's events and does what each says:
   reload in place (keeping the scroll position), swap the stylesheets, go
   to the page showing the edit, or show the build's errors. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.EventSource) { return; }
  var root = me.getAttribute("data-root") || "";
  var page = me.getAttribute("data-page") || "";
  var generation = Number(me.getAttribute("data-generation") || 0);
  // The overlay's own words, in the report's language (the server gives
  // them with the script); the diagnostics it shows stay English.
  var words = {};
  try { words = JSON.parse(me.getAttribute("data-words") || "{}"); } catch (e) { words = {}; }
  var scrollKey = "evident-scroll:" + page;
  var source = null;

  // Back where the reader was before a reload.
  try {
    var saved = sessionStorage.getItem(scrollKey);
    if (saved !== null) {
      sessionStorage.removeItem(scrollKey);
      var xy = saved.split(",");
      window.scrollTo(Number(xy[0]), Number(xy[1]));
      // Late layout (fonts, images) can move things; once more when loaded.
      window.addEventListener("load", function () { window.scrollTo(Number(xy[0]), Number(xy[1])); });
    }
  } catch (e) { /* storage may be off; the reload still works */ }

  function fullReload() {
    try { sessionStorage.setItem(scrollKey, window.scrollX + "," + window.scrollY); } catch (e) { /* ignore */ }
    window.location.reload();
  }

  var ownScript = /__evident\/live\.js$/;
  var stylesheets = function (doc) {
    return Array.prototype.map.call(doc.querySelectorAll("head link[rel=stylesheet], head style"),
      function (n) { return n.outerHTML; }).join("");
  };

  // Reload in place: fetch the page again and change the page into it,
  // which keeps the scroll position and skips a navigation (a full reload
  // costs a hundred milliseconds more). Anything unusual (a new head, an
  // error) falls back to a real reload.
  // Counts reloads begun and error panels shown, so that a page fetched
  // late neither replaces a newer one nor hides errors that came after it.
  var reloads = 0;
  var errorPanels = 0;

  function reload() {
    var url = window.location.href.split("#")[0];
    var mine = ++reloads;
    var panelsBefore = errorPanels;
    fetch(url, { cache: "no-store" }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      if (mine !== reloads) { return; }
      var next = new DOMParser().parseFromString(html, "text/html");
      if (stylesheets(next) !== stylesheets(document)) { throw new Error("head changed"); }
      var x = window.scrollX;
      var y = window.scrollY;
      document.title = next.title;
      if (pageScripts(document).length || pageScripts(next).length) {
        replaceBody(next);
      } else {
        morph(document.body, next.body);
      }
      window.scrollTo(x, y);
      if (errorPanels !== panelsBefore && overlay) {
        // A build failed while this page was on its way: keep its errors.
        document.body.appendChild(overlay);
      } else {
        clearErrors();
      }
    }).catch(fullReload);
  }

  function pageScripts(doc) {
    return Array.prototype.filter.call(doc.body.querySelectorAll("script"), function (s) {
      return !ownScript.test(s.getAttribute("src") || "");
    });
  }

  // A page without scripts of its own: change only the nodes that differ.
  // An edit to one finding then touches only its nodes, and the browser
  // lays out only them; putting in a whole new body makes it lay out the
  // whole page, hundreds of milliseconds on a page of a hundred findings.
  // Nodes are matched by position, which is exact for an edited text and
  // still right, if slower, after an insertion.
  function morph(from, to) {
    if (from.nodeType === 1) { sameAttributes(from, to); }
    var a = from.firstChild;
    var b = to.firstChild;
    while (b) {
      var nextB = b.nextSibling;
      if (!a) {
        from.appendChild(b);
      } else {
        var nextA = a.nextSibling;
        if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) {
          from.replaceChild(b, a);
        } else if (a.nodeType === 1) {
          if (!a.isEqualNode(b)) { morph(a, b); }
        } else if (a.nodeValue !== b.nodeValue) {
          a.nodeValue = b.nodeValue;
        }
        a = nextA;
      }
      b = nextB;
    }
    while (a) {
      var after = a.nextSibling;
      from.removeChild(a);
      a = after;
    }
  }

  function sameAttributes(from, to) {
    Array.prototype.slice.call(from.attributes).forEach(function (attr) {
      if (!to.hasAttribute(attr.name) && !readersChoice(from, attr.name)) { from.removeAttribute(attr.name); }
    });
    Array.prototype.forEach.call(to.attributes, function (attr) {
      if (from.getAttribute(attr.name) !== attr.value && !readersChoice(from, attr.name)) {
        from.setAttribute(attr.name, attr.value);
      }
    });
  }

  // Whether a section is open is the reader's choice: it stays as they
  // left it, opened or closed.
  function readersChoice(element, name) {
    return name === "open" && element.nodeName === "DETAILS";
  }

  // A page with scripts of its own (search, filters): put the new body in
  // place and run its scripts again, as a reload would, since they may
  // have changed the old body and hold on to its nodes.
  function replaceBody(next) {
    document.body.className = next.body.className;
    document.body.replaceChildren.apply(document.body, Array.prototype.slice.call(next.body.childNodes));
    // Scripts parsed by DOMParser do not run: make fresh ones that do, in
    // order, except this client, which is already running.
    var scripts = pageScripts(document);
    document.body.querySelectorAll("script").forEach(function (old) {
      if (ownScript.test(old.getAttribute("src") || "")) { old.remove(); }
    });
    (function runNext(i) {
      if (i >= scripts.length) { return; }
      var old = scripts[i];
      var fresh = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (a) { fresh.setAttribute(a.name, a.value); });
      fresh.textContent = old.textContent;
      if (old.src) {
        fresh.onload = fresh.onerror = function () { runNext(i + 1); };
        old.replaceWith(fresh);
      } else {
        old.replaceWith(fresh);
        runNext(i + 1);
      }
    })(0);
  }

  function swapStylesheets(list) {
    var links = document.querySelectorAll("link[rel=stylesheet]");
    if (!links.length) { reload(); return; }
    links.forEach(function (link) {
      var name = (link.getAttribute("href") || "").split("/").pop();
      // style.0123456789.css → style
      var stem = name.replace(/\.[0-9a-f]{10}\.css$/, "");
      var next = list.filter(function (p) {
        return p.split("/").pop().replace(/\.[0-9a-f]{10}\.css$/, "") === stem;
      })[0];
      if (!next) { return; }
      // Load the new sheet before removing the old, so nothing flashes.
      var fresh = link.cloneNode();
      fresh.href = root + next;
      fresh.addEventListener("load", function () { link.remove(); });
      link.after(fresh);
    });
  }

  var overlay = null;
  function clearErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  // The overlay's heading for `n` errors, in the form of `n`'s plural
  // category in the report's language.
  function failedTitle(n) {
    var forms = {};
    (words.failed || []).forEach(function (f) { forms[f[0]] = f[1]; });
    var category = "other";
    try { category = new Intl.PluralRules(words.lang || "en").select(n); } catch (e) { /* an unknown tag */ }
    var form = forms[category] || forms.other || "The site could not be rebuilt: {n} errors.";
    return form.replace("{n}", String(n));
  }

  function showErrors(errors) {
    clearErrors();
    errorPanels += 1;
    overlay = el("section", "evident-overlay");
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", "evident-overlay-title");
    var style = el("style");
    style.textContent =
      ".evident-overlay{position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
      "background:#fff;color:#0b0c0c;border-top:6px solid #d4351c;box-shadow:0 -4px 16px rgba(0,0,0,.35);" +
      "font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;padding:1rem 1.25rem}" +
      ".evident-overlay h2{font-size:1.25rem;margin:0 0 .5rem}" +
      ".evident-overlay ol{margin:0;padding-left:1.5rem}.evident-overlay li{margin:.75rem 0}" +
      ".evident-overlay .where{font-weight:700;font-family:ui-monospace,Menlo,Consolas,monospace}" +
      ".evident-overlay pre{background:#f3f2f1;padding:.4rem .6rem;margin:.25rem 0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.95em}" +
      ".evident-overlay .help{color:#383f43}" +
      ".evident-overlay button{font:inherit;padding:.3rem .9rem;background:#0b0c0c;color:#fff;border:2px solid #0b0c0c;cursor:pointer;float:right}" +
      ".evident-overlay button:focus-visible{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}";
    overlay.appendChild(style);
    var close = el("button", null, words.dismiss || "Dismiss");
    close.type = "button";
    close.addEventListener("click", clearErrors);
    overlay.appendChild(close);
    var errorCount = errors.filter(function (d) { return d.severity === "error"; }).length;
    var title = el("h2", null, failedTitle(errorCount));
    title.id = "evident-overlay-title";
    overlay.appendChild(title);
    var list = el("ol");
    errors.forEach(function (d) {
      var li = el("li");
      var where = d.file ? d.file + (d.line ? ":" + d.line + (d.column ? ":" + d.column : "") : "") : "";
      li.appendChild(el("span", "where", (where ? where + " " : "") + d.severity + "[" + d.code + "]"));
      li.appendChild(el("div", "message", d.message));
      if (d.source !== null && d.source !== undefined) { li.appendChild(el("pre", null, d.source)); }
      if (d.help) { li.appendChild(el("div", "help", (words.help || "Help:") + " " + d.help)); }
      list.appendChild(li);
    });
    overlay.appendChild(list);
    document.body.appendChild(overlay);
  }

  function act(message) {
    if (message.generation) { generation = message.generation; }
    switch (message.action) {
      case "reload": reload(); break;
      case "css": clearErrors(); swapStylesheets(message.stylesheets || []); break;
      case "go": window.location.href = root + message.url; break;
      case "errors": showErrors(message.errors || []); break;
      default: clearErrors();
    }
  }

  function connect() {
    if (source) { return; }
    source = new EventSource(root + "__evident/events?page=" + encodeURIComponent(page) + "&since=" + generation);
    source.onmessage = function (e) {
      try { act(JSON.parse(e.data)); } catch (err) { /* a malformed event is ignored */ }
    };
  }

  function disconnect() {
    if (source) { source.close(); source = null; }
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { clearErrors(); }
  });
  // Browsers allow few connections per host over HTTP/1.1: a hidden tab
  // gives its stream back and catches up when shown again.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { disconnect(); } else { connect(); }
  });
  window.addEventListener("pagehide", disconnect);
  if (!document.hidden) { connect(); }
})();
