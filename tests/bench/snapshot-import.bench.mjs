// The browser half of the snapshot bench (a measurement, not part of `make test`):
//   make bench-browser   (writes the files with `cargo bench --bench snapshot`, then runs this)
// A receiver holding 29.000 cadres (every 10th one version older) imports the sender's
// 30.000: 1.000 new, 2.900 changed. Prints the time to read+check+preview and to apply
// (merge + backup of the 29.000 + one IndexedDB transaction).
import { test, expect } from "@playwright/test";

const dir = process.env.DTBD_SNAPSHOT_DIR;

test("a 30.000-cadre import applies in Chromium", async ({ page }) => {
  if (!dir) throw new Error("DTBD_SNAPSHOT_DIR must name the folder the snapshot bench wrote (run `make bench-browser`)");
  test.setTimeout(600_000);
  const long = { timeout: 300_000 };
  await page.goto("./trao-doi.html#/trao-doi");
  await page.locator("#share-file").setInputFiles(`${dir}/bench-29000-older.json`);
  await expect(page.locator(".preview")).toBeVisible(long);
  await page.getByRole("button", { name: "Áp dụng" }).tap();
  await expect(page.getByRole("status").filter({ hasText: "Đã nhập tệp" })).toBeVisible(long);

  const t0 = Date.now();
  await page.locator("#share-file").setInputFiles(`${dir}/bench-30000.json`);
  await expect(page.locator(".preview")).toBeVisible(long);
  const t1 = Date.now();
  await expect(page.locator('[data-count="new"]')).toHaveText("1000");
  await expect(page.locator('[data-count="changed"]')).toHaveText("2900");
  const t2 = Date.now();
  await page.getByRole("button", { name: "Áp dụng" }).tap();
  await expect(page.getByRole("status").filter({ hasText: "Đã nhập tệp" })).toBeVisible(long);
  const t3 = Date.now();
  console.log(`30.000 cadres in Chromium: read + check + preview ${t1 - t0} ms, apply ${t3 - t2} ms`);
});
