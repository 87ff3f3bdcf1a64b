// Starts Debian's Chromium through playwright-core and opens built pages
// over file://, recording every request that would leave the site.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
export const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// Chromium as the machine has it. The background-networking flags keep it
// from calling home, which a closed network answers with refusals;
// Playwright gives each launch a fresh, empty profile.
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

// A browser context confined to one built site: any request for something
// that is not a file inside `out` is refused and recorded in `escaped`.
export async function siteContext(browser, out, options = {}) {
  const context = await browser.newContext(options);
  const root = pathToFileURL(out).href + "/";
  const escaped = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(root) || url.startsWith("data:") || url === "about:blank") return route.continue();
    escaped.push(url);
    return route.abort();
  });
  return { context, escaped, url: (page) => root + page };
}

// Opens `page` of the site and returns the Playwright page, with console
// errors and uncaught exceptions collected in `errors`.
export async function open(site, path) {
  const page = await site.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.errors = errors;
  await page.goto(site.url(path));
  return page;
}

// Runs axe-core on the open page against WCAG 2.0, 2.1 and 2.2 A and AA.
export async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      // Without preload axe fetches every stylesheet again by XHR, which
      // Chromium refuses over file:// (and the sheets are already parsed).
      preload: false,
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
    }));
  });
}
