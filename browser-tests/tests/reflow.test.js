// Reflow (WCAG 1.4.10): at 320 CSS pixels no page scrolls sideways; wide
// tables scroll inside their own box instead.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { projects, buildSite, htmlPages } from "../lib/sites.js";
import { launch, siteContext, open } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const project of projects) {
  test(`${project.name}: no page is wider than a 320 px window`, async () => {
    const out = buildSite(project);
    const site = await siteContext(browser, out, { viewport: { width: 320, height: 640 } });
    const wide = [];
    for (const path of htmlPages(out)) {
      const page = await open(site, path);
      const r = await page.evaluate(() => {
        const doc = document.documentElement;
        // Elements that stick out of the window, ignoring the skip link,
        // which sits off-screen until it is focused.
        const out = [...document.querySelectorAll("body *")]
          .filter((el) => !el.closest(".skip-link, .table-wrap, svg"))
          .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1)
          .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
        return { scroll: doc.scrollWidth, client: doc.clientWidth, out: out.slice(0, 5) };
      });
      if (r.scroll > r.client || r.out.length) wide.push(`${path}: ${r.scroll}px wide; sticking out: ${r.out.join(", ")}`);
      await page.close();
    }
    await site.context.close();
    assert.equal(wide.join("\n"), "");
  });
}

test("a wide table scrolls inside its own box, which the keyboard can reach", async () => {
  const out = buildSite("edge-cases");
  const site = await siteContext(browser, out, { viewport: { width: 320, height: 640 } });
  const page = await open(site, "domains/T/T2.html");
  const boxes = await page.$$eval(".finding-body .table-wrap", (els) => els.map((el) => ({
    scrolls: el.scrollWidth > el.clientWidth,
    tabindex: el.getAttribute("tabindex"),
    label: el.getAttribute("aria-label"),
  })));
  assert.deepEqual(boxes, [{ scrolls: true, tabindex: "0", label: "Table" }]);
  // Focused, the arrow keys scroll it.
  await page.focus(".finding-body .table-wrap");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  // Keyboard scrolling may be animated: wait for it to move.
  await page.waitForFunction(() => document.querySelector(".finding-body .table-wrap").scrollLeft > 0, null, { timeout: 5000 });
  await site.context.close();
});

test("on a wide screen the case matrices take the width of both columns, below the page's contents", async () => {
  const out = buildSite("worked-example");
  for (const width of [1000, 1400]) {
    const site = await siteContext(browser, out, { viewport: { width, height: 900 } });
    const page = await open(site, "cases/index.html");
    const r = await page.evaluate(() => {
      const box = (el) => el.getBoundingClientRect();
      const main = box(document.querySelector("main"));
      const layout = document.querySelector(".layout");
      const pad = parseFloat(getComputedStyle(layout).paddingRight);
      return {
        main: main.left,
        layoutRight: box(layout).right - pad,
        sidebarBottom: box(document.querySelector(".sidebar")).bottom,
        wraps: [...document.querySelectorAll(".matrix-wrap")].map((w) => ({ left: box(w).left, right: box(w).right, top: box(w).top })),
      };
    });
    assert.ok(r.wraps.length > 0);
    for (const w of r.wraps) {
      assert.ok(Math.abs(w.left - r.main) < 1, `${width}: the matrix starts at ${w.left}, the text at ${r.main}`);
      assert.ok(Math.abs(w.right - r.layoutRight) < 1, `${width}: the matrix ends at ${w.right}, the page at ${r.layoutRight}`);
      assert.ok(w.top > r.sidebarBottom, `${width}: the matrix starts under the contents beside it`);
    }
    // Still wider than that, it scrolls from the keyboard.
    await page.focus(".matrix-wrap");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.querySelector(".matrix-wrap").scrollLeft > 0, null, { timeout: 5000 });
    await site.context.close();
  }
});

test("on a phone the case matrix scrolls inside its own box, which the keyboard can reach", async () => {
  const out = buildSite("worked-example");
  const site = await siteContext(browser, out, { viewport: { width: 375, height: 740 } });
  const page = await open(site, "cases/index.html");
  const r = await page.$eval(".matrix-wrap", (w) => ({ right: w.getBoundingClientRect().right, scrolls: w.scrollWidth > w.clientWidth, tabindex: w.getAttribute("tabindex"), window: document.documentElement.clientWidth }));
  assert.ok(r.right <= r.window, "the matrix sticks out of the window");
  assert.ok(r.scrolls);
  assert.equal(r.tabindex, "0");
  await page.focus(".matrix-wrap");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector(".matrix-wrap").scrollLeft > 0, null, { timeout: 5000 });
  await site.context.close();
});
