// A report in English and Welsh, opened from disk as a reader would: the
// language switcher of a page leads to the same page in the other language
// and back, and search in the Welsh site finds the Welsh text and says so
// in Welsh.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildSite } from "../lib/sites.js";
import { launch, siteContext, open } from "../lib/browser.js";

let browser;
let out;
before(async () => {
  browser = await launch();
  out = buildSite("bilingual");
});
after(async () => { await browser?.close(); });

test("the switcher leads to the same page in Welsh and back", async () => {
  const site = await siteContext(browser, out);
  const page = await open(site, "domains/2/2-1.html");
  await page.getByRole("link", { name: "Cymraeg" }).click();
  await page.waitForURL(/\/cy\/domains\/2\/2-1\.html$/);
  assert.equal(await page.getAttribute("html", "lang"), "cy");
  assert.ok((await page.textContent("main")).includes("Mae'r asesiadau'n drylwyr"));
  await page.getByRole("link", { name: "English" }).click();
  await page.waitForURL(/\/domains\/2\/2-1\.html$/);
  assert.ok(!page.url().includes("/cy/"));
  assert.equal(await page.getAttribute("html", "lang"), "en-GB");
  assert.deepEqual(page.errors, []);
  await site.context.close();
});

test("search in the Welsh site finds the Welsh text, from disk", async () => {
  const site = await siteContext(browser, out);
  const page = await open(site, "cy/search.html?q=asesiadau");
  const status = page.locator("#search-status");
  await status.filter({ hasText: "ar gyfer" }).waitFor();
  const first = page.locator("#search-results li a").first();
  assert.match(await first.textContent(), /asesiadau/);
  await first.click();
  await page.waitForURL(/\/cy\/domains\/2\/2-1\.html#finding-thorough$/);
  await site.context.close();
});
