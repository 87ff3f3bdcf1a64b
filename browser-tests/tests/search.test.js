// Search from file://: the header box on every page leads to search.html,
// which matches word prefixes in titles, findings, standards, pages and case
// ids, highlights them, and links to the exact anchor.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildSite } from "../lib/sites.js";
import { launch, siteContext, open } from "../lib/browser.js";

let browser;
let site;
before(async () => {
  browser = await launch();
  site = await siteContext(browser, buildSite("worked-example"));
});
after(async () => { await browser?.close(); });

async function results(page) {
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "");
  return page.$$eval("#search-results li", (lis) => lis.map((li) => ({
    kind: li.querySelector(".result-kind").textContent,
    title: li.querySelector("a").textContent,
    href: li.querySelector("a").getAttribute("href"),
    marks: [...li.querySelectorAll("mark")].map((m) => m.textContent.toLowerCase()),
  })));
}

describe("search", () => {
  test("typing in the header box of a standard page and pressing Enter lists results", async () => {
    const page = await open(site, "domains/3/3-1.html");
    await page.getByRole("searchbox", { name: "Search this report" }).fill("exploit");
    await page.keyboard.press("Enter");
    await page.waitForURL(/search\.html\?q=exploit$/);
    const hits = await results(page);
    assert.ok(hits.length >= 2, JSON.stringify(hits));
    // Prefix matching: "exploit" finds "exploitation", highlighted.
    assert.ok(hits.some((h) => h.title === "Exploitation" && h.kind === "Focus area"), JSON.stringify(hits));
    assert.ok(hits.every((h) => h.marks.length > 0 && h.marks.every((m) => m === "exploit")), JSON.stringify(hits));
    assert.match(await page.textContent("#search-status"), /^\d+ results for “exploit”$/);
    assert.equal(await page.inputValue("#search-q"), "exploit");
    await page.close();
  });

  test("a finding result leads to its own anchor on its standard page", async () => {
    const page = await open(site, "search.html?q=diverse%20needs");
    const hits = await results(page);
    assert.equal(hits[0].title, "Diverse needs are identified and followed through");
    assert.equal(hits[0].kind, "Strength");
    assert.equal(hits[0].href, "domains/2/2-1.html#finding-diverse-needs");
    // Reach it by keyboard: from the search box, Tab to the first result.
    await page.focus("#search-q");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), hits[0].href);
    await page.keyboard.press("Enter");
    await page.waitForURL(/2-1\.html#finding-diverse-needs$/);
    assert.equal(await page.$eval(":target", (el) => el.id), "finding-diverse-needs");
    await page.close();
  });

  test("case ids, standards and chapters are found too, and a miss says so", async () => {
    const page = await open(site, "search.html");
    const box = page.locator("#search-q");
    await box.fill("C04");
    let hits = await results(page);
    assert.deepEqual(hits.filter((h) => h.kind === "Case").map((h) => [h.title, h.href]), [["Case C04", "cases/index.html#case-C04"]]);
    await box.fill("planning");
    hits = await results(page);
    assert.ok(hits.some((h) => h.kind === "Standard" && h.title === "2.2 Planning" && h.href === "domains/2/2-2.html"), JSON.stringify(hits));
    await box.fill("approach");
    hits = await results(page);
    assert.ok(hits.some((h) => h.kind === "Page"), JSON.stringify(hits));
    // Every word must match: a word found nowhere empties the list.
    await box.fill("planning zzzzqx");
    await page.waitForFunction(() => document.getElementById("search-status").textContent.startsWith("0 results"));
    assert.equal(await page.locator("#search-results li").count(), 0);
    await page.close();
  });

  test("one typo in a word of five letters or more is forgiven, and the results say so", async () => {
    const page = await open(site, "search.html?q=exploitaton");
    const hits = await results(page);
    assert.ok(hits.some((h) => h.title === "Exploitation" && h.kind === "Focus area"), JSON.stringify(hits));
    assert.match(await page.textContent("#search-status"),
      /^\d+ results for “exploitation” \(nothing matched “exploitaton”, so the nearest spelling was used\)$/);
    // The query as typed stays in both boxes.
    assert.equal(await page.inputValue("#search-q"), "exploitaton");
    assert.equal(await page.inputValue("#site-search-q"), "exploitaton");
    // A word that is spelled right is never changed, and short words
    // (under five letters) must be exact.
    const box = page.locator("#search-q");
    await box.fill("plannin");
    await page.waitForFunction(() => !document.getElementById("search-status").textContent.includes("nearest"));
    assert.match(await page.textContent("#search-status"), /^\d+ results? for “plannin”$/);
    await box.fill("plam");
    await page.waitForFunction(() => document.getElementById("search-status").textContent.startsWith("0 results"));
    // Two typos are too many.
    await box.fill("exploytaton");
    await page.waitForFunction(() => document.getElementById("search-status").textContent.startsWith("0 results"));
    await page.close();
  });

  test("the header box on the results page keeps the query", async () => {
    const page = await open(site, "domains/3/3-1.html");
    await page.getByRole("searchbox", { name: "Search this report" }).fill("diverse needs");
    await page.keyboard.press("Enter");
    await page.waitForURL(/search\.html\?q=diverse/);
    await results(page);
    assert.equal(await page.inputValue("#site-search-q"), "diverse needs");
    await page.locator("#search-q").fill("reparation");
    assert.equal(await page.inputValue("#site-search-q"), "reparation");
    await page.close();
  });

  test("a typo is forgiven quickly in a 10,000-finding index", async () => {
    // A made-up index of 10,000 findings of 60 words each, drawn from
    // 20,000 distinct made-up words, served in place of the site's.
    let seed = 7;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const vocabulary = Array.from({ length: 20000 }, () =>
      Array.from({ length: 5 + Math.floor(random() * 8) }, () => letters[Math.floor(random() * 26)]).join(""));
    vocabulary[0] = "exploitation";
    const entries = Array.from({ length: 10000 }, (_, i) => ({
      k: "Strength",
      t: `Finding ${i} ${vocabulary[Math.floor(random() * 20000)]}`,
      u: `index.html#finding-${i}`,
      x: Array.from({ length: 60 }, () => vocabulary[Math.floor(random() * 20000)]).join(" ") + (i % 100 === 0 ? " exploitation" : ""),
    }));
    const page = await site.context.newPage();
    await page.route("**/search-index.js", (route) => route.fulfill({
      contentType: "text/javascript",
      body: `window.EVIDENT_SEARCH = ${JSON.stringify(entries)};`,
    }));
    await page.goto(site.url("search.html"));
    const took = await page.evaluate(() => {
      const box = document.getElementById("search-q");
      const times = [];
      const said = [];
      for (const q of ["exploitaton", "exploitation", "zzzzqxw"]) {
        box.value = q;
        const start = performance.now();
        box.dispatchEvent(new Event("input"));
        times.push(performance.now() - start);
        said.push(document.getElementById("search-status").textContent);
      }
      return { times, said };
    }).then(({ times, said }) => {
      // The typo finds what the right spelling finds.
      assert.match(said[1], /^\d+ results, the first 50 shown for “exploitation”$/);
      assert.equal(said[0], `${said[1]} (nothing matched “exploitaton”, so the nearest spelling was used)`);
      assert.match(said[2], /^0 results for “zzzzqxw”$/);
      return times;
    });
    console.log(`search over 10,000 findings: typo ${took[0].toFixed(1)} ms, exact ${took[1].toFixed(1)} ms, miss ${took[2].toFixed(1)} ms`);
    assert.ok(Math.max(...took) < 400, `took ${took.map((t) => t.toFixed(1)).join(", ")} ms`);
    await page.close();
  });

  test("search works from a copy of the site in another folder", async () => {
    const { cpSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const copy = join(mkdtempSync(join(tmpdir(), "evident-copy-")), "deep", "sub path");
    cpSync(buildSite("worked-example"), copy, { recursive: true });
    const other = await siteContext(browser, copy);
    const page = await open(other, "focus/exploitation.html");
    await page.getByRole("searchbox", { name: "Search this report" }).fill("gangs");
    await page.keyboard.press("Enter");
    const hits = await results(page);
    assert.ok(hits.length > 0);
    await page.click("#search-results a");
    await page.waitForLoadState();
    assert.ok(page.url().startsWith(other.url("")), page.url());
    assert.deepEqual(page.errors, []);
    assert.deepEqual(other.escaped, []);
    await other.context.close();
  });

  test("without JavaScript the search page points to the findings list and the report", async () => {
    const noScript = await siteContext(browser, buildSite("worked-example"), { javaScriptEnabled: false });
    const page = await open(noScript, "search.html?q=exploit");
    assert.ok(await page.getByRole("link", { name: "list of all findings" }).isVisible());
    await noScript.context.close();
  });
});
