// Every page of every project is valid HTML by the W3C Nu HTML Checker
// (the vnu-jar package, run with the machine's Java).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { projects, buildSite, htmlPages } from "../lib/sites.js";

const require = createRequire(import.meta.url);
const vnu = require("vnu-jar");

test("every page of every project validates with zero errors", () => {
  const outs = projects.map((p) => buildSite(p));
  const files = outs.flatMap((out) => htmlPages(out).map((p) => `${out}/${p}`));
  let stdout;
  try {
    // The checker prints JSON on stderr and exits 1 when it finds errors.
    stdout = execFileSync("java", ["-jar", vnu, "--errors-only", "--format", "json", ...files], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    if (!e.stderr) throw e;
    stdout = e.stderr;
  }
  const messages = stdout.trim() ? JSON.parse(stdout).messages : [];
  const errors = messages.filter((m) => m.type === "error" || m.subType === "fatal");
  assert.equal(
    errors.map((m) => `${m.url.replace(/^file:/, "")}:${m.lastLine}:${m.firstColumn ?? ""} ${m.message}`).join("\n"),
    "",
  );
  assert.ok(files.length > 40, `only ${files.length} pages checked`);
  // The pages whose markup a script or a late feature adds to are among them.
  for (const page of ["actions.html", "report.html"]) {
    assert.ok(files.some((f) => f.endsWith(`/${page}`)), `${page} not checked`);
  }
});
