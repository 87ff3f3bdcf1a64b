// findings.html: filters by kind, standard and focus area with JavaScript;
// without it, the full list grouped by kind.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildSite } from "../lib/sites.js";
import { launch, siteContext, open } from "../lib/browser.js";

let browser;
let out;
before(async () => {
  browser = await launch();
  out = buildSite("worked-example");
});
after(async () => { await browser?.close(); });

const visible = (page) => page.$$eval(".finding-item", (els) => els.filter((e) => e.offsetParent !== null).map((e) => ({
  kind: e.dataset.kind,
  criteria: e.dataset.criteria.trim().split(/\s+/).filter(Boolean),
  focus: e.dataset.focus.trim().split(/\s+/).filter(Boolean),
})));

test("filters narrow the list and say how many are shown", async () => {
  const site = await siteContext(browser, out);
  const page = await open(site, "findings.html");
  const all = await visible(page);
  assert.equal(all.length, 36);
  assert.equal(await page.textContent("#filter-status"), "36 findings");

  await page.getByLabel("Kind").selectOption("strength");
  let shown = await visible(page);
  assert.ok(shown.length > 0 && shown.length < all.length);
  assert.ok(shown.every((f) => f.kind === "strength"));
  assert.equal(await page.textContent("#filter-status"), `${shown.length} findings`);
  // The group of the other kind disappears with its findings.
  assert.equal(await page.isVisible("#kind-consideration"), false);

  await page.getByLabel("Standard").selectOption("2.1");
  shown = await visible(page);
  assert.ok(shown.length > 0);
  assert.ok(shown.every((f) => f.kind === "strength" && f.criteria.includes("2.1")));
  assert.equal(shown.length, all.filter((f) => f.kind === "strength" && f.criteria.includes("2.1")).length);

  await page.getByLabel("Kind").selectOption("");
  await page.getByLabel("Standard").selectOption("");
  await page.getByLabel("Focus area").selectOption("exploitation");
  shown = await visible(page);
  assert.equal(shown.length, all.filter((f) => f.focus.includes("exploitation")).length);
  assert.ok(shown.length > 0);
  await site.context.close();
});

test("filters work from the keyboard alone", async () => {
  const site = await siteContext(browser, out);
  const page = await open(site, "findings.html");
  await page.focus("#filter-kind");
  // Chromium on Linux changes a closed select's value with the arrow keys.
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.inputValue("#filter-kind"), "strength");
  const shown = await visible(page);
  assert.ok(shown.length > 0 && shown.every((f) => f.kind === "strength"));
  await site.context.close();
});

test("without JavaScript every finding is listed, grouped by kind, and the filters are hidden", async () => {
  const site = await siteContext(browser, out, { javaScriptEnabled: false });
  const page = await open(site, "findings.html");
  assert.equal((await visible(page)).length, 36);
  assert.equal(await page.isVisible("#finding-filters"), false);
  assert.deepEqual(await page.$$eval("main h2", (hs) => hs.map((h) => h.textContent)), ["Strengths", "Areas for consideration"]);
  await site.context.close();
});

test("a filtered view is in the address: it can be shared, survives reload, and back and forward step through it", async () => {
  const site = await siteContext(browser, out);
  const page = await open(site, "findings.html");
  await page.getByLabel("Kind").selectOption("strength");
  await page.getByLabel("Standard").selectOption("2.1");
  const address = page.url();
  assert.match(address, /#.*kind=strength/);
  assert.match(address, /criteria=2\.1/);
  const narrowed = await visible(page);
  assert.ok(narrowed.length > 0 && narrowed.every((f) => f.kind === "strength" && f.criteria.includes("2.1")));

  // Reloaded, the same view.
  await page.reload();
  assert.equal(await page.inputValue("#filter-kind"), "strength");
  assert.equal(await page.inputValue("#filter-standard"), "2.1");
  assert.deepEqual(await visible(page), narrowed);

  // Opened by someone else from the shared address.
  const other = await site.context.newPage();
  await other.goto(address);
  assert.deepEqual(await visible(other), narrowed);
  assert.equal(await other.textContent("#filter-status"), `${narrowed.length} findings`);

  // Back: only the kind; back again: everything; forward: the kind again.
  await page.goBack();
  assert.equal(await page.inputValue("#filter-standard"), "");
  assert.equal(await page.inputValue("#filter-kind"), "strength");
  await page.goBack();
  assert.equal(await page.inputValue("#filter-kind"), "");
  assert.equal((await visible(page)).length, 36);
  await page.goForward();
  assert.equal(await page.inputValue("#filter-kind"), "strength");
  assert.ok((await visible(page)).every((f) => f.kind === "strength"));

  // An address naming a value no filter offers shows every finding.
  await other.goto(site.url("findings.html#kind=nonsense"));
  assert.equal(await other.inputValue("#filter-kind"), "");
  assert.equal((await visible(other)).length, 36);
  // A link to a place on the page is not a filter.
  await other.goto(site.url("findings.html#kind-strength"));
  assert.equal((await visible(other)).length, 36);
  await site.context.close();
});
