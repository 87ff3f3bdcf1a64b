// Keyboard and navigation: the skip link comes first and works, focus is
// always visible, the current page is marked, previous/next walk the whole
// reading order, and every page offers the printable report.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { projects, buildSite, htmlPages } from "../lib/sites.js";
import { launch, siteContext, open } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe("worked example", () => {
  let site;
  let out;
  before(async () => {
    out = buildSite("worked-example");
    site = await siteContext(browser, out);
  });
  after(async () => { await site?.context.close(); });

  test("the first Tab shows the skip link, and Enter moves focus to the main content", async () => {
    const page = await open(site, "domains/2/2-1.html");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      return { text: el.textContent, href: el.getAttribute("href"), visible: r.left >= 0 && r.top >= 0 && r.width > 0 };
    });
    assert.deepEqual(focused, { text: "Skip to main content", href: "#main", visible: true });
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "main");
    // The next Tab goes to the first link inside the main content.
    await page.keyboard.press("Tab");
    assert.ok(await page.evaluate(() => document.getElementById("main").contains(document.activeElement)));
    await page.close();
  });

  test("every focusable element shows a focus indicator when reached by keyboard", async () => {
    for (const path of ["index.html", "domains/2/2-1.html", "findings.html", "search.html", "cases/index.html"]) {
      const page = await open(site, path);
      const count = await page.evaluate(() => document.querySelectorAll("a[href], button, input, select, [tabindex='0']").length);
      const seen = new Set();
      for (let i = 0; i < count + 2; i++) {
        await page.keyboard.press("Tab");
        const r = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const s = getComputedStyle(el);
          const outlined = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
          return { key: el.outerHTML.slice(0, 80), indicated: outlined || s.boxShadow !== "none" };
        });
        if (!r) continue;
        seen.add(r.key);
        assert.ok(r.indicated, `${path}: no visible focus on ${r.key}`);
      }
      assert.ok(seen.size > 5, `${path}: Tab reached only ${seen.size} elements`);
      // No element jumps the natural order.
      assert.equal(await page.evaluate(() => document.querySelectorAll("[tabindex]:not([tabindex='0']):not([tabindex='-1'])").length), 0);
      await page.close();
    }
  });

  test("the header marks the current domain and the sidebar the current standard", async () => {
    const page = await open(site, "domains/3/3-2.html");
    assert.deepEqual(await page.$$eval(".site-nav [aria-current]", (els) => els.map((e) => e.textContent)), ["3. Out-of-court disposals"]);
    assert.deepEqual(await page.$$eval(".section-nav [aria-current=page]", (els) => els.map((e) => e.textContent)), ["3.2 Planning"]);
    assert.equal(await page.$eval(".breadcrumbs [aria-current=page]", (e) => e.textContent), "3.2 Planning");
    await page.close();
  });

  test("following Next from the home page visits every page in reading order, and Previous walks back", async () => {
    const page = await open(site, "index.html");
    const visited = [page.url().slice(site.url("").length)];
    for (;;) {
      const next = await page.$("a[rel=next]");
      if (!next) break;
      await next.click();
      await page.waitForLoadState();
      const here = page.url().slice(site.url("").length);
      assert.ok(!visited.includes(here), `reading order loops at ${here}`);
      visited.push(here);
      assert.ok(visited.length < 200);
    }
    assert.equal(visited[0], "index.html");
    // The action plan comes last, after all the findings.
    assert.equal(visited.at(-2), "findings.html");
    assert.equal(visited.at(-1), "actions.html");
    // Every page but the print version, search and 404 lies on the path.
    const expected = htmlPages(out).filter((p) => !["report.html", "search.html", "404.html"].includes(p));
    assert.deepEqual([...visited].sort(), expected.sort());
    // Domains come before their standards, focus areas after the domains.
    assert.ok(visited.indexOf("domains/2/index.html") < visited.indexOf("domains/2/2-1.html"));
    assert.ok(visited.indexOf("domains/3/3-4.html") < visited.indexOf("focus/exploitation.html"));
    assert.ok(visited.indexOf("focus/nrm-referrals.html") < visited.indexOf("cases/index.html"));
    const back = [visited.at(-1)];
    for (;;) {
      const prev = await page.$("a[rel=prev]");
      if (!prev) break;
      await prev.click();
      await page.waitForLoadState();
      back.push(page.url().slice(site.url("").length));
    }
    assert.deepEqual(back, [...visited].reverse());
    await page.close();
  });

  test("every page links to the whole printable report", async () => {
    for (const path of htmlPages(out).filter((p) => p !== "report.html")) {
      const page = await open(site, path);
      const link = page.getByRole("link", { name: "Print or save the whole report" });
      assert.equal(await link.count(), 1, path);
      if (path === "404.html") {
        // A server shows it at any address, so it links from the server's
        // root (the site's base_path), which a file:// URL does not have:
        // tests/not-found.test.js follows its links under a server.
        assert.equal(await link.getAttribute("href"), "/report.html");
        await page.close();
        continue;
      }
      await link.click();
      await page.waitForLoadState();
      assert.ok(page.url().endsWith("/report.html"), `${path} -> ${page.url()}`);
      await page.close();
    }
  });

  test("no page reacts to bare-letter keys", async () => {
    const page = await open(site, "domains/2/2-1.html");
    const before = page.url();
    for (const key of ["s", "n", "p", "/", "?", "ArrowRight", "ArrowLeft"]) await page.keyboard.press(key);
    assert.equal(page.url(), before);
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
    await page.close();
  });
});

for (const project of projects) {
  test(`${project.name}: every page opens without script errors or requests outside the site, with JavaScript on and off`, async () => {
    const out = buildSite(project);
    for (const javaScriptEnabled of [true, false]) {
      const site = await siteContext(browser, out, { javaScriptEnabled });
      for (const path of htmlPages(out)) {
        const page = await open(site, path);
        assert.deepEqual(page.errors, [], path);
        await page.close();
      }
      assert.deepEqual(site.escaped, []);
      await site.context.close();
    }
  });
}
