// Builds the sites the browser tests look at, with the project's own
// `evident` binary, into fresh temporary folders.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, relative, sep, basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

// The projects every check runs over: the worked example and the fixtures.
export const projects = [
  { name: "worked-example", dir: repoRoot },
  { name: "other-framework", dir: join(repoRoot, "tests", "fixtures", "other-framework") },
  { name: "edge-cases", dir: join(repoRoot, "browser-tests", "fixtures", "edge-cases") },
  // A report in English and Welsh: a site per language, `cy/` beside the
  // English one, each page leading to its counterpart.
  { name: "bilingual", dir: join(repoRoot, "tests", "fixtures", "bilingual"), unmarked: true },
  // A report in Welsh: the theme's words come from its `cy` locale. It has
  // no protective marking, and numbers its printed pages in Welsh.
  {
    name: "welsh",
    dir: join(repoRoot, "tests", "fixtures", "welsh"),
    unmarked: true,
    pageOf: (page, pages) => `Tudalen ${page} o ${pages}`,
  },
];

let binary;

// The path of the `evident` binary, built once per test process. Set
// EVIDENT_BIN to test a binary built elsewhere.
export function evidentBinary() {
  if (process.env.EVIDENT_BIN) return process.env.EVIDENT_BIN;
  if (!binary) {
    execFileSync("cargo", ["build", "--quiet", "--bin", "evident"], { cwd: repoRoot, stdio: "inherit" });
    // Cargo builds into CARGO_TARGET_DIR when it is set (relative to the
    // folder cargo runs in).
    const targetDir = process.env.CARGO_TARGET_DIR
      ? resolve(repoRoot, process.env.CARGO_TARGET_DIR)
      : join(repoRoot, "target");
    binary = join(targetDir, "debug", "evident");
  }
  return binary;
}

const built = new Map();

// Builds `project` (one of `projects`, or its name) and returns the output
// folder. Each project is built once per test process.
export function buildSite(project) {
  const p = typeof project === "string" ? projects.find((x) => x.name === project) : project;
  if (!p) throw new Error(`no such project: ${project}`);
  if (built.has(p.name)) return built.get(p.name);
  const out = join(mkdtempSync(join(tmpdir(), `evident-browser-${p.name}-`)), "output");
  execFileSync(evidentBinary(), ["build", "--root", p.dir, "--output", out], { stdio: ["ignore", "ignore", "inherit"] });
  built.set(p.name, out);
  process.on("exit", () => rmSync(dirname(out), { recursive: true, force: true }));
  return out;
}

// Every HTML file of a built site, as paths relative to its root with `/`.
export function htmlPages(out) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".html")) found.push(relative(out, path).split(sep).join("/"));
    }
  };
  walk(out);
  return found;
}
