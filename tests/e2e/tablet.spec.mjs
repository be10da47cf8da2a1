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
