// actions.html, as a service manager uses it: the plan narrowed to one
// owner or status, grouped, the view shared by its address and kept on
// reload; without JavaScript, the whole plan in the plan's order.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildSite } from "../lib/sites.js";
import { launch, siteContext, open } from "../lib/browser.js";
import { printReport, pdfPageTexts } from "../lib/screenshots.js";

let browser;
let out;
before(async () => {
  browser = await launch();
  out = buildSite("worked-example");
});
after(async () => { await browser?.close(); });

const rows = (page) => page.$$eval("tr.action-row", (els) => els.filter((e) => !e.hidden).map((e) => ({
  title: e.querySelector("th a").textContent,
  owner: e.dataset.owner,
  status: e.dataset.status,
  criteria: e.dataset.criteria.trim().split(/\s+/).filter(Boolean),
})));

const groups = (page) => page.$$eval("tr.group-row", (els) => els.filter((e) => !e.hidden).map((e) => e.textContent));

test("the home page leads to the plan, which filters by owner, status and standard", async () => {
  const site = await siteContext(browser, out);
  const home = await open(site, "index.html");
  await home.getByRole("link", { name: "Action plan" }).click();
  await home.waitForURL(/actions\.html$/);
  const page = home;
  const all = await rows(page);
  assert.equal(all.length, 21);
  assert.equal(await page.textContent("#action-status"), "21 actions");

  await page.getByLabel("Owner").selectOption("Northbrook Youth Justice Service");
  let shown = await rows(page);
  assert.deepEqual(shown.map((r) => r.title), [
    "Draw routinely on partners' information and records",
    "Reflective supervision could strengthen practice",
  ]);
  assert.equal(await page.textContent("#action-status"), "2 actions");
  await page.getByLabel("Status").selectOption("in-progress");
  shown = await rows(page);
  assert.deepEqual(shown.map((r) => r.title), ["Reflective supervision could strengthen practice"]);
  assert.equal(await page.textContent("#action-status"), "1 action");
  // The view is in the address: shared, it opens the same way.
  assert.match(page.url(), /#owner=Northbrook\+Youth\+Justice\+Service&status=in-progress$/);
  const shared = await open(site, "actions.html#owner=Northbrook+Youth+Justice+Service&status=in-progress");
  assert.deepEqual((await rows(shared)).map((r) => r.title), ["Reflective supervision could strengthen practice"]);
  assert.equal(await shared.inputValue("#filter-action-status"), "in-progress");

  // Those without an owner have a choice of their own.
  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Owner").selectOption("-");
  shown = await rows(page);
  assert.equal(shown.length, 19);
  assert.ok(shown.every((r) => r.owner === "-"));
  await page.getByLabel("Owner").selectOption("");
  await page.getByLabel("Standard").selectOption("2.1");
  shown = await rows(page);
  assert.ok(shown.length > 0 && shown.every((r) => r.criteria.includes("2.1")));
  assert.deepEqual(page.errors, []);
});

test("grouping by owner puts each owner's actions under a heading, kept on reload", async () => {
  const site = await siteContext(browser, out);
  const page = await open(site, "actions.html#group=owner");
  assert.deepEqual(await groups(page), ["Northbrook Youth Justice Service (2)", "No owner yet (19)"]);
  // Each group's rows follow its heading.
  const order = await page.$$eval("table.action-plan tbody tr", (trs) => trs.map((tr) => (tr.classList.contains("group-row") ? "group" : tr.dataset.owner)));
  assert.deepEqual(order.slice(0, 4), ["group", "Northbrook Youth Justice Service", "Northbrook Youth Justice Service", "group"]);
  await page.reload();
  assert.equal(await page.inputValue("#filter-group"), "owner");
  // Grouped by status, a filter still narrows, and a group left empty is
  // hidden.
  await page.getByLabel("Group by").selectOption("status");
  await page.getByLabel("Owner").selectOption("Northbrook Youth Justice Service");
  assert.deepEqual(await groups(page), ["Not started (1)", "In progress (1)"]);
  await page.getByLabel("Group by").selectOption("");
  assert.equal(await page.$$eval("tr.group-row", (els) => els.length), 0);
  assert.deepEqual(page.errors, []);
});

test("without JavaScript the whole plan is there, and the filters are not offered", async () => {
  const site = await siteContext(browser, out, { javaScriptEnabled: false });
  const page = await open(site, "actions.html");
  assert.equal(await page.isVisible("#action-filters"), false);
  assert.equal(await page.$$eval("tr.action-row", (els) => els.length), 21);
});

test("the printed report carries the whole plan, every action on paper", async () => {
  const site = await siteContext(browser, out);
  const page = await open(site, "actions.html");
  const titles = await page.$$eval("tr.action-row th a", (as) => as.map((a) => a.textContent));
  await page.close();
  const squeeze = (t) => t.replace(/\s+/g, "");
  const printed = squeeze(pdfPageTexts(await printReport(site)).join(" "));
  assert.ok(printed.includes(squeeze("Action plan")));
  const missing = titles.filter((t) => !printed.includes(squeeze(t)));
  assert.deepEqual(missing, []);
  await site.context.close();
});
