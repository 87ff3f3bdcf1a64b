// Runs `evident serve` on a copy of a project for the live-preview tests
// and the save-to-screen benchmark.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { evidentBinary, repoRoot } from "./sites.js";

// A fresh copy of the worked example's content/ (or of `from`).
export function copyProject(from = join(repoRoot, "content")) {
  const dir = mkdtempSync(join(tmpdir(), "evident-serve-"));
  cpSync(from, join(dir, "content"), { recursive: true });
  return dir;
}

// Starts the preview on a free port; resolves once it prints its address.
export async function startServe(root, args = []) {
  const child = spawn(evidentBinary(), ["serve", "--root", root, "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let log = "";
  child.stderr.on("data", (d) => { log += d; });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    lines.once("line", (line) => {
      const m = line.match(/(http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) resolve(m[1]); else reject(new Error(`unexpected output: ${line}`));
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${log}`)));
  });
  return {
    url,
    log: () => log,
    stop() {
      child.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

// Replaces `from` with `to` in a project file, as an editor's save would.
export function edit(root, path, from, to) {
  const file = join(root, path);
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${path} has no ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}
