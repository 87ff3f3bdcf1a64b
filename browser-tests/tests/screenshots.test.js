// The pictures for docs/images are taken by the same code `npm run
// screenshots` uses; here they go to a temporary folder and are checked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, basename } from "node:path";
import { takeScreenshots } from "../lib/screenshots.js";

function pngSize(path) {
  const png = readFileSync(path);
  assert.equal(png.subarray(1, 4).toString("latin1"), "PNG", `${path} is not a PNG`);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bytes: png.length };
}

test("screenshots of the home page, a standard page and the first printed page", async () => {
  const dir = mkdtempSync(join(tmpdir(), "evident-shots-"));
  const files = await takeScreenshots(dir);
  const sizes = Object.fromEntries(files.map((f) => [basename(f), pngSize(f)]));
  assert.deepEqual(Object.keys(sizes), ["home.png", "standard.png", "report-print.png"]);
  assert.equal(sizes["home.png"].width, 1280);
  assert.equal(sizes["standard.png"].height, 900);
  // The printed page keeps A4's proportions (210 x 297 mm).
  const ratio = sizes["report-print.png"].height / sizes["report-print.png"].width;
  assert.ok(Math.abs(ratio - 297 / 210) < 0.01, `ratio ${ratio}`);
  // Not blank: a page of text compresses far less than an empty one.
  for (const [name, s] of Object.entries(sizes)) assert.ok(s.bytes > 10000, `${name}: ${s.bytes} bytes`);
});
