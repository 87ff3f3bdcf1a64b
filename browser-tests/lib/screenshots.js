// The pictures in docs/images: the home page, a standard page and the first
// printed page of report.html, taken from the worked example.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSite } from "./sites.js";
import { launch, siteContext, open } from "./browser.js";

// The standard page shown: one with findings of every kind and a chart.
export const STANDARD_PAGE = "domains/2/2-1.html";

// Prints report.html of `out` to an A4 PDF and returns its bytes.
export async function printReport(site, path = "report.html") {
  const page = await open(site, path);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  await page.close();
  return pdf;
}

// The number of pages of a PDF Chromium wrote (its page tree's /Count).
export function pdfPageCount(pdf) {
  const text = Buffer.from(pdf).toString("latin1");
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  const reverse = [...text.matchAll(/\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1]));
  return Math.max(0, ...counts, ...reverse);
}

// Renders page `n` of a PDF to a PNG file with poppler's pdftoppm.
export function pdfPageToPng(pdf, n, pngPath, dpi = 60) {
  const dir = mkdtempSync(join(tmpdir(), "evident-pdf-"));
  try {
    writeFileSync(join(dir, "in.pdf"), pdf);
    execFileSync("pdftoppm", ["-png", "-r", String(dpi), "-f", String(n), "-l", String(n), "-singlefile", join(dir, "in.pdf"), join(dir, "page")]);
    renameSync(join(dir, "page.png"), pngPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Writes home.png, standard.png and report-print.png into `dir`.
export async function takeScreenshots(dir) {
  const out = buildSite("worked-example");
  const browser = await launch();
  try {
    const site = await siteContext(browser, out, { viewport: { width: 1280, height: 900 }, colorScheme: "light" });
    for (const [path, name] of [["index.html", "home.png"], [STANDARD_PAGE, "standard.png"]]) {
      const page = await open(site, path);
      await page.screenshot({ path: join(dir, name) });
      await page.close();
    }
    pdfPageToPng(await printReport(site), 1, join(dir, "report-print.png"));
    await site.context.close();
    if (site.escaped.length) throw new Error(`requests left the site: ${site.escaped.join(", ")}`);
  } finally {
    await browser.close();
  }
  return ["home.png", "standard.png", "report-print.png"].map((n) => join(dir, n));
}

// The text of each page of a PDF, with poppler's pdftotext.
export function pdfPageTexts(pdf) {
  const dir = mkdtempSync(join(tmpdir(), "evident-pdf-"));
  try {
    writeFileSync(join(dir, "in.pdf"), pdf);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", join(dir, "in.pdf"), "-"], { maxBuffer: 64 << 20 }).toString("utf8");
    // Pages end with a form feed; the last one is followed by nothing.
    return text.split("\f").slice(0, -1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
