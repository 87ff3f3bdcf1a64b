// The live preview in a real browser: a save reloads the open page in
// place and keeps its scroll position, a page that does not show the edit
// goes to the one that does, a stylesheet is swapped without a reload, and
// a failed build shows an accessible, dismissable overlay over the last
// good site until the next good build.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, axeSource } from "../lib/browser.js";
import { copyProject, startServe, edit } from "../lib/serve.js";
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../lib/sites.js";

const FINDING = "content/findings/assessment/diverse-needs.md";
const STANDARD = "domains/2/2-1.html";

let browser;
let root;
let serve;
let context;
before(async () => {
  browser = await launch();
  root = copyProject();
  serve = await startServe(root);
  context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
});
after(async () => {
  await browser?.close();
  serve?.stop();
});

const text = (page) => page.evaluate(() => document.body.textContent);

describe("evident serve in Chromium", () => {
  test("a save reloads the open page in place and keeps the scroll position", async () => {
    const page = await context.newPage();
    await page.goto(serve.url + STANDARD);
    await page.evaluate(() => window.scrollTo(0, 1200));
    await page.waitForFunction(() => window.scrollY === 1200);
    // Same length, so nothing above moves.
    edit(root, FINDING, "was a clear strength", "was a clear STRENGTH");
    await page.waitForFunction(() => document.body.textContent.includes("clear STRENGTH"), null, { timeout: 15000 });
    await page.waitForLoadState("load");
    assert.equal(page.url(), serve.url + STANDARD);
    const y = await page.evaluate(() => window.scrollY);
    assert.ok(Math.abs(y - 1200) <= 2, `scrolled to ${y}`);
    await page.close();
  });

  test("an update in place changes only what differs: other nodes, focus and scroll stay", async () => {
    const page = await context.newPage();
    await page.goto(serve.url + STANDARD);
    // Marks that only the very same nodes can carry across an update.
    await page.evaluate(() => {
      document.querySelector("header").evidentKept = true;
      const link = document.querySelector(".section-nav a");
      link.evidentKept = true;
      link.focus();
    });
    edit(root, FINDING, "was a clear STRENGTH", "was a clear STRENGTH indeed");
    await page.waitForFunction(() => document.body.textContent.includes("STRENGTH indeed"), null, { timeout: 15000 });
    assert.equal(await page.evaluate(() => document.querySelector("header").evidentKept), true);
    assert.equal(await page.evaluate(() => document.activeElement.evidentKept), true);
    // The page is exactly the new version, as a reload would show it.
    const served = await page.evaluate(async () => {
      const html = await (await fetch(location.href, { cache: "no-store" })).text();
      const fresh = new DOMParser().parseFromString(html, "text/html").body;
      return fresh.isEqualNode(document.body);
    });
    assert.equal(served, true);
    edit(root, FINDING, "was a clear STRENGTH indeed", "was a clear STRENGTH");
    await page.waitForFunction(() => !document.body.textContent.includes("STRENGTH indeed"), null, { timeout: 15000 });
    await page.close();
  });

  test("a section the reader opened stays open through an update", async () => {
    const page = await context.newPage();
    await page.goto(serve.url + STANDARD);
    edit(root, FINDING, "was a clear STRENGTH", "was a clear STRENGTH\n\n<details><summary>Reviewer notes</summary>\n\nNotes kept folded.\n\n</details>\n\nAnd");
    const summary = page.locator("summary", { hasText: "Reviewer notes" });
    await summary.waitFor({ timeout: 15000 });
    const details = page.locator("details", { has: summary });
    await summary.click();
    assert.equal(await details.evaluate((d) => d.open), true);
    edit(root, FINDING, "Notes kept folded.", "Notes kept folded, edited.");
    await page.waitForFunction(() => document.body.textContent.includes("folded, edited"), null, { timeout: 15000 });
    assert.equal(await details.evaluate((d) => d.open), true);
    edit(root, FINDING, "was a clear STRENGTH\n\n<details><summary>Reviewer notes</summary>\n\nNotes kept folded, edited.\n\n</details>\n\nAnd", "was a clear STRENGTH");
    await page.waitForFunction(() => !document.body.textContent.includes("Reviewer notes"), null, { timeout: 15000 });
    await page.close();
  });

  test("a page with scripts of its own runs them again after an update", async () => {
    const page = await context.newPage();
    await page.goto(serve.url + "findings.html");
    const status = page.locator("#filter-status");
    const all = await status.textContent();
    edit(root, FINDING, "was a clear STRENGTH", "was a clear STRENGTH, filtered");
    await page.waitForFunction(() => document.body.textContent.includes("STRENGTH, filtered"), null, { timeout: 15000 });
    // The filters work on the new body: choosing a kind narrows the list.
    await page.selectOption("#filter-kind", "strength");
    await page.waitForFunction((before) => document.getElementById("filter-status").textContent !== before, all);
    const narrowed = await status.textContent();
    assert.ok(Number.parseInt(narrowed) < Number.parseInt(all), `${narrowed} of ${all}`);
    assert.ok(await page.locator(".finding-item[hidden]").count() > 0);
    edit(root, FINDING, "was a clear STRENGTH, filtered", "was a clear STRENGTH");
    await page.waitForFunction(() => !document.body.textContent.includes("STRENGTH, filtered"), null, { timeout: 15000 });
    await page.close();
  });

  test("a page that does not show the edit goes to the page and anchor that does", async () => {
    const page = await context.newPage();
    await page.goto(serve.url + "pages/background.html");
    edit(root, FINDING, "clear STRENGTH", "clear strength, after another save");
    await page.waitForURL(serve.url + STANDARD + "#finding-diverse-needs", { timeout: 15000 });
    assert.ok((await text(page)).includes("after another save"));
    assert.equal(await page.$eval(":target", (el) => el.id), "finding-diverse-needs");
    await page.close();
  });

  test("a stylesheet edit is swapped in without reloading", async () => {
    // First the project gets a theme folder of its own.
    const css = readFileSync(join(repoRoot, "themes/default/static/style.css"), "utf8");
    const rebuilds = () => serve.log().split("rebuilt").length;
    const before = rebuilds();
    mkdirSync(join(root, "themes/default/static"), { recursive: true });
    writeFileSync(join(root, "themes/default/static/style.css"), css + "\n/* ours */\n");
    for (let i = 0; i < 300 && rebuilds() === before; i++) await new Promise((r) => setTimeout(r, 50));
    const page = await context.newPage();
    await page.goto(serve.url + STANDARD);
    await page.waitForFunction(() => [...document.styleSheets].some((s) => s.href && s.cssRules.length > 0));
    await page.evaluate(() => { window.notReloaded = true; });
    writeFileSync(join(root, "themes/default/static/style.css"), css + "\nh1 { color: rgb(128, 0, 128); }\n");
    await page.waitForFunction(() => getComputedStyle(document.querySelector("h1")).color === "rgb(128, 0, 128)", null, { timeout: 15000 });
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    assert.equal(await page.locator("link[rel=stylesheet]").count(), 1);
    await page.close();
  });

  test("a failed build shows every error over the last good page until it is fixed", async () => {
    const page = await context.newPage();
    await page.goto(serve.url + STANDARD);
    edit(root, FINDING, "kind: strength", "kind: strenght");
    const overlay = page.locator(".evident-overlay");
    await overlay.waitFor({ timeout: 15000 });
    assert.equal(await overlay.getAttribute("role"), "alert");
    const shown = await overlay.textContent();
    assert.ok(shown.includes(`${FINDING}:3:7`), shown);
    assert.ok(shown.includes("unknown finding kind `strenght`"), shown);
    assert.ok(shown.includes("kind: strenght"), shown);
    assert.ok(shown.includes("did you mean `strength`?"), shown);
    // The last good page is still there beneath it.
    assert.ok((await text(page)).includes("Diverse needs are identified"));
    // Readable and operable: axe finds nothing, the button is reachable.
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => (await window.axe.run(".evident-overlay", {
      preload: false,
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    })).violations.map((v) => v.id));
    assert.deepEqual(violations, []);
    // Escape dismisses it; a page opened now shows it again.
    await page.keyboard.press("Escape");
    assert.equal(await overlay.count(), 0);
    const other = await context.newPage();
    await other.goto(serve.url + "index.html");
    await other.locator(".evident-overlay").waitFor({ timeout: 15000 });
    await other.getByRole("button", { name: "Dismiss" }).click();
    assert.equal(await other.locator(".evident-overlay").count(), 0);
    await other.close();
    // Fixed: the overlay goes by itself.
    await page.reload();
    await overlay.waitFor({ timeout: 15000 });
    edit(root, FINDING, "kind: strenght", "kind: strength");
    await overlay.waitFor({ state: "detached", timeout: 15000 });
    await page.close();
  });
});

describe("evident serve for a report in Welsh", () => {
  test("the overlay's own words are Welsh; the errors it lists stay English", async () => {
    const welsh = copyProject();
    edit(welsh, "content/report.yaml", "language: en-GB", "language: cy");
    const server = await startServe(welsh);
    const page = await browser.newPage();
    try {
      await page.goto(server.url + STANDARD);
      edit(welsh, FINDING, "kind: strength", "kind: strenght");
      const overlay = page.locator(".evident-overlay");
      await overlay.waitFor({ timeout: 15000 });
      assert.equal(await overlay.locator("h2").textContent(),
        "Nid oedd modd ailadeiladu'r wefan: 1 gwall. Dangosir y fersiwn dda ddiwethaf.");
      assert.ok((await overlay.textContent()).includes("unknown finding kind `strenght`"));
      await page.getByRole("button", { name: "Cau" }).click();
      assert.equal(await overlay.count(), 0);
    } finally {
      await page.close();
      server.stop();
    }
  });
});
