// Every page of every project passes axe-core's WCAG 2.0, 2.1 and 2.2 A and
// AA rules, in the light and the dark colour scheme, and asks for nothing
// outside the site.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { projects, buildSite, htmlPages } from "../lib/sites.js";
import { launch, siteContext, open, axe } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function report(path, violations) {
  return `${path}: ${violations.length} axe violation(s)\n` +
    violations.map((v) => `  ${v.id} (${v.help})\n${v.nodes.map((n) => `    - ${n}`).join("\n")}`).join("\n");
}

for (const project of projects) {
  for (const scheme of ["light", "dark"]) {
    describe(`${project.name}, ${scheme} scheme`, () => {
      let out;
      let site;
      before(async () => {
        out = buildSite(project);
        site = await siteContext(browser, out, { colorScheme: scheme });
      });
      after(async () => { await site?.context.close(); });

      test("every page has no axe violations and stays inside the site", async () => {
        const pages = htmlPages(out);
        assert.ok(pages.length > 10, `only ${pages.length} pages built`);
        const failures = [];
        for (const path of pages) {
          const page = await open(site, path);
          if (page.errors.length) failures.push(`${path}: script errors: ${page.errors.join("; ")}`);
          const violations = await axe(page);
          if (violations.length) failures.push(report(path, violations));
          await page.close();
        }
        assert.deepEqual(site.escaped, [], "requests left the site");
        assert.equal(failures.join("\n"), "");
      });
    });
  }
}
