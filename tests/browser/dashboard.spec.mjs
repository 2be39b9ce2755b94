// Loads the dashboard from a running all-in-one host, submits feedback through its webhook, watches the pain point
// appear without a reload (SSE), opens it, finds the verbatim, and saves a screenshot.
// Usage: BASE_URL=http://127.0.0.1:PORT ARTIFACT_DIR=dir node tests/browser/dashboard.spec.mjs
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = process.env.BASE_URL ?? "http://127.0.0.1:5080";
const artifacts = process.env.ARTIFACT_DIR ?? "TestResults";
const timeout = 60_000;
mkdirSync(artifacts, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "jf-chromium-"));

const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
  viewport: { width: 1400, height: 900 },
});
let failed = false;
const page = browser.pages()[0] ?? await browser.newPage();
try {
  page.setDefaultTimeout(timeout);
  await page.goto(base + "/");
  await page.locator('section.stage[data-stage="purchase"]').waitFor();

  const marker = "zq" + Date.now().toString(36);
  const text = `The checkout rejected my card three times, order ${marker}`;
  const res = await fetch(base + "/webhooks/browser-test", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ channel: "ticket", externalId: marker, stage: "purchase", priority: "high", text }),
  });
  if (res.status !== 202) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);

  // No reload: the page must pick the pain point up from its event stream.
  const pain = page.locator('section.stage[data-stage="purchase"] button.pain', { hasText: marker });
  await pain.waitFor();
  await pain.click();
  const verbatim = page.locator("#verbatims li", { hasText: marker });
  await verbatim.waitFor();

  // Without a stage from the source, the stage model chooses, and the pain point says how sure it was.
  const modelMarker = "zq" + (Date.now() + 1).toString(36) + "m";
  const modelled = await fetch(base + "/webhooks/browser-test", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ channel: "ticket", externalId: modelMarker, text: `Parcel marked as delivered but nothing arrived, order ${modelMarker}` }),
  });
  if (modelled.status !== 202) throw new Error(`webhook answered ${modelled.status}: ${await modelled.text()}`);
  const modelPain = page.locator("section.stage button.pain", { hasText: modelMarker });
  await modelPain.waitFor();
  const stageBy = await modelPain.locator('span[title="why this stage"]').textContent();
  if (!/^model (0\.\d\d|1\.00)$/.test(stageBy)) throw new Error(`stage shown as "${stageBy}", expected "model" and its confidence`);

  await page.screenshot({ path: join(artifacts, "dashboard.png"), fullPage: true });
  console.log(`ok: pain point with ${marker} appeared live and its verbatim opened, a model-chosen stage shows its confidence; screenshot in ${join(artifacts, "dashboard.png")}`);
} catch (e) {
  failed = true;
  console.error(`FAILED: ${e.message}`);
  await page.screenshot({ path: join(artifacts, "dashboard-failure.png"), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
