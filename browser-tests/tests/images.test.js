// Images, downloads and the logo as a reader meets them: every image of the
// project loads from the published site, keeps its room before it loads,
// prints, and the printable report shows its images without asking for
// anything beyond itself.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildSite, htmlPages } from "../lib/sites.js";
import { launch, siteContext, open } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Every image of the open page: whether it loaded, its size as drawn and
// its attributes.
async function images(page) {
  return page.$$eval("img", (imgs) => imgs.map((img) => ({
    src: img.getAttribute("src"),
    loaded: img.complete && img.naturalWidth > 0,
    width: img.getAttribute("width"),
    height: img.getAttribute("height"),
    alt: img.getAttribute("alt"),
    drawn: img.getBoundingClientRect().width,
  })));
}

test("edge-cases: a finding's chart, caption and download work from its standard's page", async () => {
  const out = buildSite("edge-cases");
  const site = await siteContext(browser, out);
  const page = await open(site, "domains/T/T3.html");
  // Lazy images load as they come into view.
  await page.locator("figure img").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll("main img")].every((i) => i.complete));
  const found = (await images(page)).filter((i) => !i.src.includes("fernbrook-logo"));
  assert.ok(found.length >= 2, JSON.stringify(found));
  for (const img of found) {
    assert.ok(img.loaded, `${img.src} did not load`);
    assert.ok(img.width && img.height, `${img.src} has no size`);
  }
  const caption = await page.locator("figure figcaption").first().textContent();
  assert.equal(caption, "Late transitions by quarter, January to December 2025");
  // The download is a link to the published file.
  const href = await page.locator("a", { hasText: "transition protocol" }).first().getAttribute("href");
  assert.ok(existsSync(join(out, "domains", "T", decodeURIComponent(href))), href);
  assert.deepEqual(site.escaped, []);
  assert.deepEqual(page.errors, []);
  await site.context.close();
});

test("edge-cases: the logo is on every page and loads", async () => {
  const out = buildSite("edge-cases");
  const site = await siteContext(browser, out);
  for (const path of htmlPages(out)) {
    const page = await open(site, path);
    const logo = await page.$eval("img.site-logo, .cover-logo img", (img) => ({
      loaded: img.complete && img.naturalWidth > 0,
      alt: img.getAttribute("alt"),
    }));
    assert.ok(logo.loaded, `${path}: the logo did not load`);
    assert.equal(logo.alt, "Fernbrook-upon-Lune and Greater Hallowmere Metropolitan Borough Council");
    await page.close();
  }
  assert.deepEqual(site.escaped, []);
  await site.context.close();
});

test("edge-cases: report.html shows its images carried in itself, on screen and in print", async () => {
  const out = buildSite("edge-cases");
  const site = await siteContext(browser, out, { javaScriptEnabled: false });
  const page = await open(site, "report.html");
  const requests = [];
  page.on("request", (r) => { if (!r.url().startsWith("data:")) requests.push(r.url()); });
  await page.reload();
  await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode().catch(() => {}))));
  const found = await images(page);
  assert.ok(found.length >= 3, JSON.stringify(found.map((i) => i.src.slice(0, 30))));
  for (const img of found) {
    assert.match(img.src, /^data:image\//);
    assert.ok(img.loaded, `an image of the report did not load: ${img.src.slice(0, 40)}`);
  }
  assert.deepEqual(requests.filter((u) => !u.endsWith("/report.html")), []);
  const attachments = await page.$$eval("#attachments li", (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(attachments, ["transition-protocol.pdf"]);
  // Printed, the chart is still drawn.
  await page.emulateMedia({ media: "print" });
  const chart = await page.$eval("figure img", (img) => img.getBoundingClientRect().width);
  assert.ok(chart > 100, `the chart is ${chart}px wide in print`);
  await site.context.close();
});
