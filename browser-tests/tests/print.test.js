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
import { printReport, pdfPageCount, pdfPageTexts } from "../lib/screenshots.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const project of projects) {
  test(`${project.name}: report.html refers to nothing outside itself`, async () => {
    const out = buildSite(project);
    const html = readFileSync(join(out, "report.html"), "utf8");
    // (Its one script, the Print button's, is carried in it; a link to
    // the report in another language loads nothing.)
    assert.doesNotMatch(html, /<script\b[^>]*\bsrc\b|<link\b(?![^>]*\brel="alternate")|<iframe|@import|url\(/i);
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
    if (!project.unmarked) assert.equal(classification, "OFFICIAL-SENSITIVE");
    const pageOf = project.pageOf || ((page, count) => `Page ${page} of ${count}`);
    sheets.forEach((sheet, i) => {
      if (classification) assert.ok(sheet.includes(classification), `page ${i + 1} has no marking`);
      assert.ok(sheet.includes(pageOf(i + 1, pages)), `page ${i + 1} has no number`);
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
  // Without scripts there is no Print button that would do nothing.
  assert.equal(await page.locator("#print-report").isVisible(), false, "a Print button shows without scripts");
  await back.click();
  await page.waitForURL(/\/index\.html$/);
  assert.equal(await page.locator("h1").count() > 0, true);
  await site.context.close();
});

test("report.html's Print button prints, and is not printed", async () => {
  const out = buildSite("worked-example");
  const site = await siteContext(browser, out);
  const page = await site.context.newPage();
  // Count the calls rather than open the browser's print dialog.
  await page.addInitScript(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.goto(site.url("report.html"));
  const button = page.getByRole("button", { name: "Print" });
  assert.ok(await button.isVisible());
  await button.click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: "print" });
  assert.equal(await button.isVisible(), false, "the button is printed");
  await site.context.close();
});

// Letters and digits only: the PDF's text is broken into lines and spaced
// differently from the page's.
// (NFKC: the PDF writes "fi" as one ligature.)
const squeeze = (t) => t.normalize("NFKC").replace(/[^\p{L}\p{N}]+/gu, "");

for (const name of ["worked-example", "edge-cases"]) {
  test(`${name}: a table's caption, and the heading right before it, are printed on the page of its first rows`, async () => {
    const out = buildSite(name);
    const site = await siteContext(browser, out);
    const page = await open(site, "report.html");
    await page.emulateMedia({ media: "print" });
    // Every table with a caption, and the heading right before it, if any
    // (with at most the figures note or the small-sample note between).
    const tables = await page.evaluate(() => [...document.querySelectorAll("main .table-wrap")].map((wrap) => {
      const table = wrap.querySelector("table");
      if (!table || !table.caption) return null;
      let before = wrap.previousElementSibling;
      while (before && before.matches(".figures-note, .small-sample")) before = before.previousElementSibling;
      const row = table.querySelector("tbody tr");
      return {
        heading: before && /^H[2-5]$/.test(before.tagName) ? before.textContent : null,
        caption: table.caption.textContent,
        row: row ? row.querySelector("th, td").textContent : "",
      };
    }).filter(Boolean));
    await page.close();
    if (name === "worked-example") assert.ok(tables.filter((t) => t.heading).length >= 2, "no table follows a heading");
    const pages = pdfPageTexts(await printReport(site)).map(squeeze);
    const apart = [];
    for (const t of tables) {
      const caption = squeeze(t.caption);
      const at = pages.findIndex((p) => p.includes(caption));
      if (at < 0) { apart.push(`caption not printed: ${t.caption}`); continue; }
      // The heading ends the text before the caption, on the same page, and
      // the first row's first cell follows it there.
      const text = pages[at];
      const before = text.slice(0, text.indexOf(caption));
      const after = text.slice(text.indexOf(caption) + caption.length);
      if (t.heading && !before.includes(squeeze(t.heading))) apart.push(`"${t.heading}" is not on the page of "${t.caption}" (page ${at + 1})`);
      // (Its first words: a cell's text may be laid out around the others'.)
      if (!after.includes(squeeze(t.row).slice(0, 20))) apart.push(`the first row of "${t.caption}" is not on its page (${at + 1})`);
    }
    await site.context.close();
    assert.deepEqual(apart, []);
  });
}

// Wherever the page ends, a table's heading and the note on its figures
// (where there are) and its caption go over to the next page with the
// table's first rows rather than end a page alone: the table is printed
// alone after a spacer of every height from nothing to a page, in steps,
// and each print is read back.
for (const [what, selector] of [["a matrix", "main .matrix-wrap"], ["a table of key questions", "main .table-wrap:has(> .questions)"]]) {
  test(`${what}: its heading, note and caption are never left at the foot of a printed page`, async () => {
    const out = buildSite("worked-example");
    const site = await siteContext(browser, out);
    const page = await open(site, "report.html");
    await page.emulateMedia({ media: "print" });
    const kept = await page.evaluate((selector) => {
      const wrap = document.querySelector(selector);
      const group = [wrap];
      for (let el = wrap.previousElementSibling; el; el = el.previousElementSibling) {
        if (el.matches(".figures-note, .small-sample")) { group.unshift(el); continue; }
        if (/^H[2-5]$/.test(el.tagName)) group.unshift(el);
        break;
      }
      const main = document.querySelector("main");
      main.replaceChildren(Object.assign(document.createElement("div"), { id: "spacer" }), ...group);
      for (const el of document.body.children) if (el !== main) el.hidden = true;
      return { first: group[0].textContent, caption: wrap.querySelector("caption").textContent, row: wrap.querySelector("tbody tr > *").textContent, group: group.length };
    }, selector);
    assert.ok(kept.group >= 2, "the table has nothing before it to keep with it");
    const first = squeeze(kept.first).slice(0, 30), caption = squeeze(kept.caption), row = squeeze(kept.row).slice(0, 20);
    const apart = [];
    // The A4 page's text area is 259 mm tall (style.css: @page margins).
    for (let mm = 0; mm < 259; mm += 3) {
      await page.evaluate((mm) => { document.getElementById("spacer").style.height = `${mm}mm`; }, mm);
      const pages = pdfPageTexts(await page.pdf({ format: "A4", preferCSSPageSize: true })).map(squeeze);
      const at = pages.findIndex((p) => p.includes(first));
      const text = pages[at] || "";
      if (!text.includes(caption) || !text.slice(text.indexOf(caption)).includes(row)) {
        apart.push(`after ${mm} mm, page ${at + 1} has "${kept.first.slice(0, 30)}" without the caption and first row`);
      }
    }
    await site.context.close();
    assert.deepEqual(apart, []);
  });
}
