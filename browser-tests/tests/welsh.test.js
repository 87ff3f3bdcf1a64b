// A report in Welsh (`language: cy`) as a reader meets it: the scripts'
// messages come in Welsh too, given to them by the page, with Welsh's
// plural forms; and the printable report's Print button is named in Welsh.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildSite } from "../lib/sites.js";
import { launch, siteContext, open } from "../lib/browser.js";

let browser;
let out;
before(async () => {
  browser = await launch();
  out = buildSite("welsh");
});
after(async () => { await browser?.close(); });

test("the findings filters count in Welsh", async () => {
  const site = await siteContext(browser, out);
  const page = await open(site, "findings.html");
  // Four findings: Welsh's `other` form.
  assert.equal(await page.textContent("#filter-status"), "4 o ganfyddiadau");
  await page.getByLabel("Math").selectOption("strength");
  // Three strengths: the `few` form, its noun changed after "tri".
  assert.equal(await page.textContent("#filter-status"), "3 chanfyddiad");
  await page.getByLabel("Math").selectOption("consideration");
  assert.equal(await page.textContent("#filter-status"), "1 canfyddiad");
  assert.deepEqual(page.errors, []);
  await site.context.close();
});

test("search from disk says what it found in Welsh", async () => {
  const site = await siteContext(browser, out);
  const page = await open(site, "search.html?q=plentyn");
  const status = page.locator("#search-status");
  await status.filter({ hasText: "ar gyfer" }).waitFor();
  assert.match(await status.textContent(), /^\d+ (o )?\S*anlyniad(au)? ar gyfer “plentyn”$/);
  // A typo in a long word: the nearest spelling, said in Welsh.
  await page.goto(site.url("search.html?q=plentin"));
  await status.filter({ hasText: "sillafiad" }).waitFor();
  assert.match(await status.textContent(), /ar gyfer “plentyn” \(nid oedd dim byd yn cyfateb i “plentin”, felly defnyddiwyd y sillafiad agosaf\)$/);
  assert.deepEqual(page.errors, []);
  await site.context.close();
});

test("the printable report's Print button is named in Welsh", async () => {
  const site = await siteContext(browser, out);
  const page = await open(site, "report.html");
  assert.ok(await page.getByRole("button", { name: "Argraffu" }).isVisible());
  assert.ok(await page.getByRole("link", { name: "Yn ôl i'r wefan" }).isVisible());
  await site.context.close();
});
