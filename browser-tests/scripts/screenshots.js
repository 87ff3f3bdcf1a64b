// `npm run screenshots`: refresh the pictures in docs/images from the
// worked example.
import { join } from "node:path";
import { repoRoot } from "../lib/sites.js";
import { takeScreenshots } from "../lib/screenshots.js";

const written = await takeScreenshots(join(repoRoot, "docs", "images"));
for (const path of written) console.log(`wrote ${path}`);
