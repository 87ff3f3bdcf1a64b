// Numbered paragraphs as a reader meets them: each number is a link to
// its paragraph, the address it leaves can be shared, the search finds a
// paragraph by its number, and on a phone the numbers stay inside the
// page; printed, they sit in the margin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildSite } from "../lib/sites.js";
import { launch, siteContext, open } from "../lib/browser.js";

let browser;
let out;
before(async () => {
  browser = await launch();
  out = buildSite("edge-cases");
});
after(async () => { await browser?.close(); });

test("a paragraph's number links to it, and the link can be shared", async () => {
  const site = await siteContext(browser, out);
  const page = await open(site, "index.html");
  const number = page.locator("main .paragraph-number").first();
  const label = (await number.textContent()).trim();
  await number.click();
  await page.waitForURL(new RegExp(`#p-${label.replace(/[.]/g, "\\.")}$`));
  // Opened from the address alone, the paragraph is in view.
  const again = await open(site, `index.html#p-${label}`);
  const inView = await again.evaluate((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.top > -2 && r.top < window.innerHeight;
  }, `p-${label}`);
  assert.ok(inView);
  assert.deepEqual(page.errors, []);
  await site.context.close();
});

test("the search finds a paragraph by its number", async () => {
  const site = await siteContext(browser, out);
  const first = await open(site, "index.html");
  const label = (await first.locator("main .paragraph-number").first().textContent()).trim();
  const page = await open(site, `search.html?q=${encodeURIComponent(label)}`);
  const hit = page.locator("#search-results li a", { hasText: label }).first();
  await hit.waitFor();
  await hit.click();
  await page.waitForURL(new RegExp(`#p-${label.replace(/[.]/g, "\\.")}$`));
  await site.context.close();
});

test("numbers hang in the margin on a wide screen and stay in the page on a phone", async () => {
  const site = await siteContext(browser, out);
  for (const width of [1280, 320]) {
    const page = await open(site, "index.html");
    await page.setViewportSize({ width, height: 900 });
    const boxes = await page.$$eval("main .paragraph-number", (els) => els.map((e) => {
      const n = e.getBoundingClientRect();
      const p = e.parentElement.getBoundingClientRect();
      return { left: n.left, right: n.right, parentLeft: p.left };
    }));
    assert.ok(boxes.length > 0);
    for (const b of boxes) {
      assert.ok(b.left >= 0, `a number starts off the page at ${width}px`);
      if (width >= 1280) assert.ok(b.right <= b.parentLeft, "a number is not in the margin");
    }
    await page.close();
  }
  await site.context.close();
});
