// No page runs a script the theme did not ship. Every page of every
// project, and of the hostile fixture (a review whose every text tries to
// run a script: raw HTML, Markdown links, YAML titles, case notes), is
// opened over file:// in Chromium with its script compiler watched through
// the DevTools protocol:
//
// - every script compiled in the page's own world must be one of the
//   site's script files (an event handler, an inline <script>, a
//   javascript: URL or srcdoc would each be compiled from the page), or
//   carry exactly the text of one of them (the printable report carries its
//   Print button's script, the theme's report.js, in itself);
// - no dialog opens and nothing sets `window.__pwned`;
// - no element carries an event-handler attribute, a script URL, or is an
//   element that can run or load a document (<script> with neither the
//   theme's src nor exactly a theme script's text, <iframe>, <object>, <embed>, <base>, <meta http-equiv>).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { projects, buildSite, htmlPages, repoRoot } from "../lib/sites.js";
import { launch, siteContext } from "../lib/browser.js";

export const hostile = { name: "hostile", dir: join(repoRoot, "browser-tests", "fixtures", "hostile") };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The text of each script file the site publishes (the theme's own).
function shippedTexts(out) {
  const dir = join(out, "assets");
  return readdirSync(dir).filter((f) => f.endsWith(".js"))
    .map((f) => readFileSync(join(dir, f), "utf8").trim());
}

// What a page ran or carries that the theme did not ship, as readable lines.
async function foreignScripts(site, out, path) {
  const page = await site.context.newPage();
  const found = [];
  const texts = shippedTexts(out);
  const compiled = [];
  page.on("dialog", async (d) => { found.push(`dialog: ${d.message()}`); await d.dismiss(); });
  const cdp = await site.context.newCDPSession(page);
  const root = pathToFileURL(out).href + "/";
  // The site's scripts, or those of a language's site in its folder (`cy/`).
  const shipped = (url) => url.startsWith(root) &&
    /^([a-z]{2,3}(-[A-Za-z0-9]+)*\/)?(assets\/[^/]+\.js|search-index\.js)$/.test(url.slice(root.length));
  cdp.on("Debugger.scriptParsed", (s) => {
    // Only the page's own world: the test's tools run in a world of their own.
    if (s.executionContextAuxData && s.executionContextAuxData.isDefault === false) return;
    if (!shipped(s.url)) compiled.push(s);
  });
  await cdp.send("Debugger.enable");
  await page.goto(site.url(path), { waitUntil: "load" });
  // Give broken images' error events and autofocus a moment to fire.
  await page.waitForTimeout(100);
  // A script compiled from the page itself passes only when its text is,
  // exactly, one the theme ships.
  for (const s of compiled) {
    const { scriptSource } = await cdp.send("Debugger.getScriptSource", { scriptId: s.scriptId });
    if (!texts.includes(scriptSource.trim())) {
      found.push(`compiled a script from ${s.url || "(no file)"}: ${scriptSource.slice(0, 60)}`);
    }
  }
  await cdp.send("Debugger.disable");
  await cdp.detach();
  const carried = await page.evaluate((texts) => {
    const bad = [];
    if (window.__pwned !== undefined) bad.push(`window.__pwned = ${window.__pwned}`);
    const squeezed = (v) => v.replace(/[\u0000-\u0020]/g, "");
    // An image carried in the page (the printable report's) runs nothing
    // in <img>, an SVG one included; any other data: URL could.
    const image = (name, attr, v) => name === "img" && attr === "src" &&
      /^data:image\/(png|jpeg|gif|webp|avif|svg\+xml);base64,[A-Za-z0-9+/=]*$/i.test(squeezed(v));
    const scriptish = (name, attr, v) => !image(name, attr, v) && /^(javascript|vbscript|data):/i.test(squeezed(v));
    for (const el of document.querySelectorAll("*")) {
      const name = el.localName;
      for (const a of el.attributes) {
        if (a.name.startsWith("on")) bad.push(`<${name} ${a.name}>`);
        if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"].includes(a.name) && scriptish(name, a.name, a.value)) {
          bad.push(`<${name} ${a.name}="${a.value}">`);
        }
        if (a.name === "srcdoc") bad.push(`<${name} srcdoc>`);
      }
      const theirs = el.hasAttribute("src")
        ? (el.getAttribute("src") || "").match(/(^|\/)(assets\/[^/]+\.js|search-index\.js)$/)
        : texts.includes(el.textContent.trim());
      if (name === "script" && !theirs) {
        bad.push(`<script>${el.textContent.slice(0, 60)}</script>`);
      }
      if (["iframe", "object", "embed", "base", "frame", "frameset"].includes(name)) bad.push(`<${name}>`);
      if (name === "meta" && el.hasAttribute("http-equiv")) bad.push(`<meta http-equiv>`);
    }
    return bad;
  }, texts);
  await page.close();
  return found.concat(carried);
}

for (const project of [...projects, hostile]) {
  test(`${project.name}: no page runs or carries a script the theme did not ship`, async () => {
    const out = buildSite(project);
    const site = await siteContext(browser, out);
    try {
      const problems = [];
      for (const path of htmlPages(out)) {
        for (const p of await foreignScripts(site, out, path)) problems.push(`${path}: ${p}`);
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(site.escaped, [], "no request left the site");
    } finally {
      await site.context.close();
    }
  });
}

test("hostile: searching the hostile words shows them as text and runs nothing", async () => {
  const out = buildSite(hostile);
  const site = await siteContext(browser, out);
  try {
    for (const q of ["img", "script", "pwned", "onerror"]) {
      const problems = await foreignScripts(site, out, `search.html?q=${q}`);
      assert.deepEqual(problems, [], q);
    }
    const page = await site.context.newPage();
    await page.goto(site.url("search.html?q=attack"), { waitUntil: "load" });
    const text = await page.locator("#search-results").innerText();
    assert.match(text, /<script>/, "the title is shown as text");
    await page.close();
  } finally {
    await site.context.close();
  }
});
