// Tablets at a conference: every page (tests/e2e/pages.mjs) at 768×1024, 1024×768 and
// 1280×800 with touch, on the demo data. Each page is saved as a screenshot (test artifacts
// under test-results/) and must not scroll sideways.
import { test, expect } from "@playwright/test";
import { PAGES, loadDemo, visit } from "./pages.mjs";

const SIZES = [
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
];

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size, hasTouch: true });

    test(`every page fits ${size.width}×${size.height} with no sideways scroll`, async ({ page }, testInfo) => {
      test.setTimeout(180_000);
      await loadDemo(page);
      const overflow = [];
      for (const p of PAGES) {
        await visit(page, p);
        const file = testInfo.outputPath(`${size.width}x${size.height}-${p.name}.png`);
        await page.screenshot({ path: file, fullPage: false });
        await testInfo.attach(`${size.width}x${size.height}-${p.name}`, { path: file, contentType: "image/png" });
        const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth }));
        if (scroll > inner) overflow.push(`${p.name}: ${scroll} > ${inner}`);
      }
      expect(overflow).toEqual([]);
    });
  });
}

// The offline badge fills in a few seconds after the page opens, while the officer is already
// tapping: the menu bar must not change height then, or the page moves under her finger and
// the tap lands on the row above (a "+ Thêm" that added a position, not a membership).
test("nothing moves while the offline copy loads, at every width", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  for (const width of [768, 1024, 1280, 600]) {
    const context = await browser.newContext({ baseURL, viewport: { width, height: 900 }, hasTouch: true, locale: "vi-VN" });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.menuHeights = [];
      const watch = () => {
        const header = document.querySelector("header.topbar");
        const badge = document.querySelector(".offline-badge");
        if (header) {
          const height = Math.round(header.getBoundingClientRect().height);
          const shown = badge && !badge.hidden ? badge.textContent.replace(/\d+%/, "…%") : "(ẩn)";
          const last = window.menuHeights.at(-1);
          if (!last || last.height !== height || last.shown !== shown) window.menuHeights.push({ height, shown });
        }
        requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    await page.goto("./can-bo.html#/can-bo/moi");
    await expect(page.locator(".offline-badge")).toHaveText("Sẵn sàng dùng khi mất mạng", { timeout: 60_000 });
    const seen = await page.evaluate(() => window.menuHeights);
    // The badge was seen hidden, loading and ready, at one height.
    expect(seen.map((s) => s.shown)).toEqual(expect.arrayContaining(["(ẩn)", "Sẵn sàng dùng khi mất mạng"]));
    expect(new Set(seen.map((s) => s.height)), `${width} px: ${JSON.stringify(seen)}`).toEqual(new Set([seen[0].height]));
    await context.close();
  }
});
