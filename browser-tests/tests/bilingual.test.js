// A report in English and Welsh, opened from disk as a reader would: the
// language switcher of a page leads to the same page in the other language
// and back, and search in the Welsh site finds the Welsh text and says so
// in Welsh.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildSite } from "../lib/sites.js";
import { launch, siteContext, open } from "../lib/browser.js";
import { printReport, pdfPageCount } from "../lib/screenshots.js";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

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

test("the Welsh printable report prints in Welsh, numbered in Welsh on every page", async () => {
  const site = await siteContext(browser, out);
  const pdf = await printReport(site, "cy/report.html");
  await site.context.close();
  const pages = pdfPageCount(pdf);
  assert.ok(pages >= 2, `${pages} pages`);
  const file = join(mkdtempSync(join(tmpdir(), "evident-print-")), "adroddiad.pdf");
  writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  const sheets = text.split("\f").filter((s) => s.trim());
  assert.equal(sheets.length, pages);
  sheets.forEach((sheet, i) => {
    assert.ok(sheet.includes(`Tudalen ${i + 1} o ${pages}`), `page ${i + 1} is not numbered in Welsh`);
  });
  assert.ok(text.includes("Mae'r asesiadau'n drylwyr") || text.includes("Mae’r asesiadau’n drylwyr"));
  // The chapter left in English is printed as it is, said so in Welsh.
  assert.ok(text.includes("How we worked"));
  assert.ok(text.includes("Nid yw'r rhan hon wedi'i chyfieithu eto.") || text.includes("Nid yw’r rhan hon wedi’i chyfieithu eto."));
});

test("an untranslated chapter is read out in English inside the Welsh site", async () => {
  const site = await siteContext(browser, out);
  const page = await open(site, "cy/pages/method.html");
  // What a screen reader is told: the chapter's language, not the page's.
  const langs = await page.evaluate(() => ({
    page: document.documentElement.lang,
    heading: document.querySelector("main h1").closest("[lang]").lang,
    text: document.querySelector("main .prose p").closest("[lang]").lang,
    note: document.querySelector("main .untranslated").closest("[lang]").lang,
  }));
  assert.deepEqual(langs, { page: "cy", heading: "en-GB", text: "en-GB", note: "cy" });
  assert.deepEqual(page.errors, []);
  await site.context.close();
});
