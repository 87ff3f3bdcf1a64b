// The 404 page as a web server shows it: a site published under a
// sub-path (`base_path: /reports/2026/`), a missing page asked for at some
// depth below it, and a plain static server that answers with 404.html, as
// most servers are set up to. The page must look like the site and lead
// back into it.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { launch } from "../lib/browser.js";
import { evidentBinary, repoRoot } from "../lib/sites.js";

const BASE = "/reports/2026/";
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json" };

// Serves `out` under BASE; anything it does not have is 404.html, with
// status 404, whatever the address.
function staticServer(out) {
  const notFound = readFileSync(join(out, "404.html"));
  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = null;
    if (path.startsWith(BASE)) {
      const rel = normalize(path.slice(BASE.length) || "index.html");
      if (!rel.startsWith("..") && !rel.includes(`${sep}..`)) {
        const candidate = join(out, rel);
        try {
          const s = statSync(candidate);
          file = s.isDirectory() ? join(candidate, "index.html") : candidate;
          statSync(file);
        } catch {
          file = null;
        }
      }
    }
    if (!file) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(notFound);
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
}

let browser;
let server;
let origin;
let project;
before(async () => {
  project = mkdtempSync(join(tmpdir(), "evident-not-found-"));
  cpSync(join(repoRoot, "content"), join(project, "content"), { recursive: true });
  appendFileSync(join(project, "content", "report.yaml"), `base_path: ${BASE}\n`);
  const out = join(project, "output");
  execFileSync(evidentBinary(), ["build", "--root", project, "--output", out], { stdio: ["ignore", "ignore", "inherit"] });
  server = staticServer(out);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (project) rmSync(project, { recursive: true, force: true });
});

describe("the 404 page under a sub-path", () => {
  test("a missing page at depth is answered by a styled 404 page whose links lead back into the site", async () => {
    const context = await browser.newContext({ colorScheme: "light" });
    // Every request the page makes, and those that leave the server.
    const requested = [];
    const escaped = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin + "/") || url.startsWith("data:")) {
        requested.push(url);
        return route.continue();
      }
      escaped.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const response = await page.goto(`${origin}${BASE}a/b/missing.html`);
    assert.equal(response.status(), 404);
    assert.equal(await page.textContent("h1"), "Page not found");
    // style.css applies: its colour for text, and its header rules.
    const styled = await page.evaluate(() => ({
      text: getComputedStyle(document.documentElement).getPropertyValue("--text").trim(),
      skipLink: getComputedStyle(document.querySelector(".skip-link")).position,
    }));
    assert.deepEqual(styled, { text: "#0b0c0c", skipLink: "absolute" });
    // The logo shows, from the page itself.
    const logo = await page.evaluate(() => {
      const img = document.querySelector("header img.site-logo");
      return { loaded: img.complete && img.naturalWidth > 0, data: img.src.startsWith("data:") };
    });
    assert.deepEqual(logo, { loaded: true, data: true });
    // Nothing else was fetched: no stylesheet from a folder that is not there.
    assert.deepEqual(requested.filter((u) => !u.startsWith("data:")), [`${origin}${BASE}a/b/missing.html`]);
    assert.deepEqual(escaped, []);

    // Its home link leads to the home page.
    await Promise.all([page.waitForURL(`${origin}${BASE}index.html`), page.click("main >> text=home page")]);
    assert.match(await page.textContent("h1"), /Peer review of Northbrook/);
    // And the search form searches the site.
    await page.goto(`${origin}${BASE}x/y/z/gone.html`);
    await page.fill("#site-search-q", "assessment");
    await Promise.all([page.waitForURL(`${origin}${BASE}search.html?q=assessment`), page.press("#site-search-q", "Enter")]);
    await context.close();
  });
});
