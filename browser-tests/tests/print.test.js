// report.html: one self-contained file that needs no script and prints to a
// multi-page A4 PDF with the classification on every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { projects, buildSite } from "../lib/sites.js";
import { launch, siteContext, open } from "../lib/browser.js";
import { printReport, pdfPageCount } from "../lib/screenshots.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const project of projects) {
  test(`${project.name}: report.html refers to nothing outside itself`, async () => {
    const out = buildSite(project);
    const html = readFileSync(join(out, "report.html"), "utf8");
    assert.doesNotMatch(html, /<script|<link\b|<iframe|@import|url\(/i);
    // Images it shows are carried in it.
    for (const [, src] of html.matchAll(/<img\b[^>]*\bsrc="([^"]*)"/gi)) {
      assert.match(src, /^data:image\//, src.slice(0, 60));
    }
    // Opened alone, with scripts off, it asks for nothing at all.
    const site = await siteContext(browser, out, { javaScriptEnabled: false });
    const page = await open(site, "report.html");
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.reload();
    assert.deepEqual(requests.filter((u) => !u.endsWith("/report.html")), []);
    // Every in-page link lands on an element of the page.
    const broken = await page.$$eval("a[href^='#']", (as) => as.map((a) => a.getAttribute("href").slice(1))
      .filter((id) => !document.getElementById(decodeURIComponent(id))));
    assert.deepEqual(broken, []);
    const ids = await page.$$eval("[id]", (els) => els.map((e) => e.id));
    assert.equal(new Set(ids).size, ids.length, "an id is repeated");
    await site.context.close();
  });

  test(`${project.name}: report.html prints to a multi-page A4 PDF marked on every page`, async () => {
    const out = buildSite(project);
    const site = await siteContext(browser, out);
    const pdf = await printReport(site);
    await site.context.close();
    const pages = pdfPageCount(pdf);
    assert.ok(pages > 3, `${pages} pages`);
    const dir = mkdtempSync(join(tmpdir(), "evident-print-"));
    const file = join(dir, "report.pdf");
    (await import("node:fs")).writeFileSync(file, pdf);
    // A4 is 595 x 842 points.
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    assert.match(info, /Page size:.*\(A4\)/);
    assert.match(info, new RegExp(`Pages:\\s+${pages}\\b`));
    // The running marking and page number are on every page.
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    const sheets = text.split("\f").filter((s) => s.trim());
    assert.equal(sheets.length, pages);
    const { classification } = JSON.parse(readFileSync(join(out, "data", "report.json"), "utf8")).report;
    if (!project.own) assert.equal(classification, "OFFICIAL-SENSITIVE");
    sheets.forEach((sheet, i) => {
      if (classification) assert.ok(sheet.includes(classification), `page ${i + 1} has no marking`);
      assert.ok(sheet.includes(`Page ${i + 1} of ${pages}`), `page ${i + 1} has no number`);
    });
  });
}

test("printing keeps headings with their text, starts each domain on a new page and prints link addresses", async () => {
  const out = buildSite("edge-cases");
  const site = await siteContext(browser, out);
  const page = await open(site, "report.html");
  await page.emulateMedia({ media: "print" });
  const styles = await page.evaluate(() => {
    const domain = document.querySelector(".report-domain");
    const h2 = document.querySelector("main h2");
    const row = document.querySelector("tbody tr");
    const external = [...document.querySelectorAll("a[href^='http']")][0];
    return {
      domainBreak: getComputedStyle(domain).breakBefore,
      headingBreak: getComputedStyle(h2).breakAfter,
      rowBreak: getComputedStyle(row).breakInside,
      after: getComputedStyle(external, "::after").content,
      href: external.getAttribute("href"),
      nav: getComputedStyle(document.querySelector("body")).fontSize,
    };
  });
  assert.equal(styles.domainBreak, "page");
  assert.equal(styles.headingBreak, "avoid");
  assert.equal(styles.rowBreak, "avoid");
  assert.ok(styles.after.includes(styles.href), styles.after);
  await site.context.close();
});

test("report.html leads back to the site and says how to print, on screen only", async () => {
  const out = buildSite("worked-example");
  const site = await siteContext(browser, out, { javaScriptEnabled: false });
  const page = await open(site, "report.html");
  const back = page.getByRole("link", { name: "Back to the site" });
  assert.ok(await back.isVisible());
  const how = page.getByText("Print this page or save it as a PDF from your browser's menu");
  assert.ok(await how.isVisible());
  // It comes before the cover, so a reader meets it first.
  const first = await page.evaluate(() => {
    const link = [...document.querySelectorAll("a")].find((a) => a.textContent === "Back to the site");
    const cover = document.querySelector(".cover");
    return Boolean(link.compareDocumentPosition(cover) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(first, "the link comes after the cover");
  await page.emulateMedia({ media: "print" });
  assert.equal(await back.isVisible(), false, "the link is printed");
  assert.equal(await how.isVisible(), false, "the printing hint is printed");
  await page.emulateMedia({ media: "screen" });
  await back.click();
  await page.waitForURL(/\/index\.html$/);
  assert.equal(await page.locator("h1").count() > 0, true);
  await site.context.close();
});
