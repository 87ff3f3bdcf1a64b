// Benchmark: save-to-screen latency of `evident serve`. Writes a finding
// with a new word, and times from the write until Chromium shows the word
// on the open page (the next frame after the page's content changes; the
// first paint when the page had to reload). Also reports the server's own
// rebuild time for each save. Prints the median and the 90th
// percentile over the runs.
//
//   EVIDENT_BIN=../target/release/evident node scripts/save-to-screen.js [project-dir] [runs]
//
// The project defaults to the worked example; it is copied first, never
// edited in place.
import { join } from "node:path";
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { launch } from "../lib/browser.js";
import { copyProject, startServe } from "../lib/serve.js";
import { repoRoot } from "../lib/sites.js";

const from = process.argv[2] ? join(process.argv[2], "content") : join(repoRoot, "content");
const runs = Number(process.argv[3] || 20);

function firstFinding(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const found = firstFinding(path);
      if (found) return found;
    } else if (name.endsWith(".md")) {
      return path;
    }
  }
  return null;
}

const root = copyProject(from);
const serve = await startServe(root);
const browser = await launch();
try {
  const file = firstFinding(join(root, "content", "findings"));
  const original = readFileSync(file, "utf8");
  // Find the page showing it: the first save follows to it.
  const page = await browser.newPage();
  await page.goto(serve.url + "index.html");
  writeFileSync(file, original.replace(/\n---\n/, "\n---\nwarmup0 "));
  await page.waitForFunction(() => document.body.textContent.includes("warmup0"), null, { timeout: 30000 });
  const times = [];
  const phases = [];
  for (let i = 1; i <= runs; i++) {
    const word = `saved${i}x${Date.now() % 100000}`;
    // Saves some way apart, as a writer makes them: the rest of the site
    // is rendered after the open page, and a save that comes first stops it.
    await new Promise((r) => setTimeout(r, 700));
    // Note, in the page, when the word first appears: the next animation
    // frame after the DOM changes is when it is drawn. A real reload makes
    // a new document; then its first paint is the time.
    await page.evaluate((w) => {
      window.evidentSeen = null;
      new MutationObserver((_, observer) => {
        if (document.body.textContent.includes(w)) {
          observer.disconnect();
          requestAnimationFrame(() => { window.evidentSeen = performance.timeOrigin + performance.now(); });
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    }, word);
    const started = performance.timeOrigin + performance.now();
    writeFileSync(file, original.replace(/\n---\n/, `\n---\n${word} `));
    await page.waitForFunction((w) => document.body.textContent.includes(w) && window.evidentSeen !== null, word, { timeout: 30000 });
    const painted = await page.evaluate(() => {
      if (window.evidentSeen) return window.evidentSeen;
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      return performance.timeOrigin + (paint ? paint.startTime : performance.now());
    });
    times.push(painted - started);
    // Where the time went: the client's fetch of the new page starts when
    // the event arrives, and ends when the page has been received.
    const fetched = await page.evaluate(() => {
      const entries = performance.getEntriesByType("resource").filter((e) => e.initiatorType === "fetch");
      const last = entries.at(-1);
      performance.clearResourceTimings();
      return last ? { start: performance.timeOrigin + last.startTime, end: performance.timeOrigin + last.responseEnd } : null;
    });
    if (fetched && fetched.start >= started) {
      phases.push([fetched.start - started, fetched.end - fetched.start, painted - fetched.end]);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(`page: ${page.url().slice(serve.url.length)}`);
  console.log(`runs: ${runs}, median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms`);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  if (phases.length) {
    const m = (i) => median(phases.map((p) => p[i])).toFixed(1);
    console.log(`medians: save to event ${m(0)} ms, fetching the page ${m(1)} ms, page received to drawn ${m(2)} ms (${phases.length} runs)`);
  }
  // The server's own figures for each rebuild ("rebuilt N pages in X ms",
  // and "open pages shown after Y ms" when the open pages came first),
  // skipping the first build and the warm-up save.
  const report = (label, pattern) => {
    const xs = [...serve.log().matchAll(pattern)].map((m) => Number(m[1]));
    const counted = xs.slice(xs.length - runs);
    counted.sort((a, b) => a - b);
    if (counted.length) {
      const r = (q) => counted[Math.min(counted.length - 1, Math.floor(q * counted.length))];
      console.log(`${label}: median ${r(0.5)} ms, p90 ${r(0.9)} ms, min ${counted[0]} ms, max ${counted.at(-1)} ms`);
    }
  };
  report("open page rebuilt (server)", /rebuilt \d+ pages? in (?:\d+) ms \(open pages shown after (\d+) ms\)/g);
  report("whole site rebuilt (server)", /rebuilt \d+ pages? in (\d+) ms/g);
} finally {
  await browser.close();
  serve.stop();
}
