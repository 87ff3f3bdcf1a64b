// actions.html, as a service manager uses it: the plan narrowed to one
// owner or status, grouped, the view shared by its address and kept on
// reload; without JavaScript, the whole plan in the plan's order.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildSite } from "../lib/sites.js";
import { launch, siteContext, open, axe } from "../lib/browser.js";
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
  // Grouped by standard, each action sits under the first standard it
  // names, and the groups follow the framework's order.
  await page.getByLabel("Owner").selectOption("");
  await page.getByLabel("Group by").selectOption("criteria");
  const byStandard = await page.evaluate(() => {
    const options = [...document.querySelectorAll("#filter-action-standard option")];
    const valueOf = (label) => options.find((o) => label.startsWith(`${o.textContent} (`))?.value;
    const seen = [];
    let current;
    for (const tr of document.querySelectorAll("table.action-plan tbody tr")) {
      if (tr.classList.contains("group-row")) {
        current = valueOf(tr.textContent);
        seen.push({ group: current, rows: [] });
      } else {
        seen.at(-1).rows.push(tr.dataset.criteria.trim().split(/\s+/)[0]);
      }
    }
    return { seen, order: options.map((o) => o.value).filter(Boolean) };
  });
  assert.ok(byStandard.seen.length > 1, "more than one standard has actions");
  // Actions on a focus area or the whole service name no standard: they
  // come last, under a heading of their own.
  assert.equal(byStandard.seen.at(-1).group, "-");
  assert.match((await groups(page)).at(-1), /^No standard \(\d+\)$/);
  for (const { group, rows } of byStandard.seen) {
    assert.ok(group, "every group heading names a standard of the filter");
    assert.deepEqual([...new Set(rows)], [group]);
  }
  const groupsInOrder = byStandard.seen.map((g) => byStandard.order.indexOf(g.group));
  assert.deepEqual(groupsInOrder, [...groupsInOrder].sort((a, b) => a - b));
  assert.match(page.url(), /group=criteria/);
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

// The whole-site accessibility test sees the plan as it opens; these are the
// states the script makes: grouped (with heading rows inside the table) and
// narrowed to nothing (the "no actions" line), in both colour schemes.
for (const colorScheme of ["light", "dark"]) {
  test(`the plan grouped and filtered has no axe violations (${colorScheme})`, async () => {
    const site = await siteContext(browser, out, { colorScheme });
    for (const view of ["group=owner", "group=status&owner=Northbrook+Youth+Justice+Service", "status=superseded"]) {
      const page = await open(site, `actions.html#${view}`);
      const violations = await axe(page);
      assert.deepEqual(violations.map((v) => `${view}: ${v.id} ${v.help}`), []);
      assert.deepEqual(page.errors, []);
      await page.close();
    }
    await site.context.close();
  });
}
