// Accessibility: axe-core (pinned devDependency, injected from node_modules, nothing fetched)
// on every page of tests/e2e/pages.mjs with the demo loaded: no serious or critical
// violation. And the keyboard: the roster is reachable with Tab, focus is visible.
import { test, expect } from "@playwright/test";
import { createRequire } from "node:module";
import { PAGES, loadDemo, visit } from "./pages.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

// axe is injected as an inline script, which the app's Content-Security-Policy rightly
// refuses; the checker, not the app, needs the exception. security.spec.mjs checks the policy.
test.use({ bypassCSP: true });

test("axe finds no serious or critical violation on any page", async ({ page }) => {
  test.setTimeout(180_000);
  await loadDemo(page);
  const found = [];
  for (const p of PAGES) {
    await visit(page, p);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    });
    for (const v of violations) found.push(`${p.name}: ${v}`);
  }
  expect(found).toEqual([]);
});

test("the keyboard reaches the search, the list and a cadre, with a visible focus ring", async ({ page }) => {
  await loadDemo(page);
  await page.goto("./index.html#/");
  await expect(page.locator(".cadre-row").first()).toBeVisible();
  const search = page.getByLabel("Tìm kiếm");
  await search.focus();
  await page.keyboard.type("nguyen");
  await expect(page.locator(".count")).toContainText("Tìm thấy");
  // Tab onwards until a cadre row has the focus.
  let onRow = false;
  for (let i = 0; i < 10 && !onRow; i++) {
    await page.keyboard.press("Tab");
    onRow = await page.evaluate(() => document.activeElement?.classList.contains("cadre-row") ?? false);
  }
  expect(onRow).toBe(true);
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2, shadow: s.boxShadow !== "none" };
  });
  expect(ring.outline || ring.shadow).toBe(true);
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Họ và tên")).toBeVisible();
});
