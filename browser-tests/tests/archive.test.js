// The archive `evident publish --archive` writes, as its reader meets it:
// sent by e-mail or put in a document library, unpacked with an ordinary
// zip tool (Info-ZIP's unzip, which also checks every file's CRC), and its
// index.html opened from disk. Nothing in it may reach outside the folder
// it unpacks to.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evidentBinary, repoRoot } from "../lib/sites.js";
import { launch, siteContext, open } from "../lib/browser.js";

let browser;
let site;
let work;
let listing;
before(async () => {
  work = mkdtempSync(join(tmpdir(), "evident-archive-"));
  mkdirSync(join(work, "share"));
  // The worked example, published as a team would: it passes the strict
  // check and is version 1.0.
  execFileSync(evidentBinary(), ["publish", join(work, "share", "report"), "--root", repoRoot, "--archive"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const zip = join(work, "share", "report-1.0.zip");
  execFileSync("unzip", ["-tq", zip]);
  listing = execFileSync("unzip", ["-Z1", zip], { encoding: "utf8" }).trim().split("\n");
  execFileSync("unzip", ["-q", zip, "-d", join(work, "unpacked")]);
  browser = await launch();
  site = await siteContext(browser, join(work, "unpacked", "report-1.0"));
});
after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the published archive", () => {
  test("unpacks into one folder holding the site, without the publication's marker", () => {
    assert.deepEqual(readdirSync(join(work, "unpacked")), ["report-1.0"]);
    assert.ok(listing.every((name) => name.startsWith("report-1.0/")), listing.join("\n"));
    assert.ok(listing.includes("report-1.0/index.html"));
    assert.ok(listing.includes("report-1.0/report.html"));
    assert.ok(!listing.some((name) => name.endsWith(".evident-published")));
  });

  test("its home page opens from disk, styled, and leads to the rest", async () => {
    const page = await open(site, "index.html");
    assert.match(await page.title(), /Northbrook/);
    // The stylesheet loaded: the text is set in its fonts, not in the
    // browser's default serif.
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.doesNotMatch(font, /Times|^serif$/, font);
    assert.match(await page.textContent(".site-footer .version"), /^Version 1\.0, 1 April 2020$/);
    await page.getByRole("link", { name: "Print or save the whole report" }).click();
    await page.waitForURL(/report\.html$/);
    assert.ok((await page.textContent("h1")).length > 0);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("its search works from disk", async () => {
    const page = await open(site, "search.html?q=exploitation");
    await page.waitForFunction(() => document.getElementById("search-status").textContent !== "");
    assert.ok((await page.$$("#search-results li")).length > 0);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(site.escaped, []);
    await page.close();
  });
});
