// 30.000 cadres: the roster draws only the rows in view, scrolls to the last cadre, and
// searches as the user types. The data is a 30.000-cadre snapshot written by the snapshot
// bench (`cargo bench --bench snapshot` with DTBD_SNAPSHOT_DIR; generated here when missing)
// and imported through the share page, as an officer would.
import { test, expect } from "@playwright/test";
import { execSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = process.env.DTBD_SNAPSHOT_DIR || `${root}target/bench-files`;
const file = `${dir}/bench-30000.json`;

test("30.000 cadres: only visible rows in the DOM, the end reachable, search as you type", async ({ page }) => {
  test.setTimeout(900_000);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    execSync("cargo bench --bench snapshot", { cwd: root, env: { ...process.env, DTBD_SNAPSHOT_DIR: dir }, stdio: "inherit" });
  }
  const long = { timeout: 300_000 };
  await page.goto("./trao-doi.html#/trao-doi");
  await page.locator("#share-file").setInputFiles(file);
  await expect(page.locator(".preview")).toBeVisible(long);
  await page.getByRole("button", { name: "Áp dụng" }).tap();
  await expect(page.getByRole("status").filter({ hasText: "Đã nhập tệp" })).toBeVisible(long);

  await page.goto("./index.html#/");
  await expect(page.locator(".count")).toHaveText("30.000 cán bộ", long);
  const rows = page.locator(".cadre-list li");
  const drawn = await rows.count();
  expect(drawn).toBeGreaterThan(3);
  expect(drawn).toBeLessThan(40);

  // The last cadre in name order, as the list orders them.
  const scroller = page.locator(".roster-scroll");
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect.poll(() => page.evaluate(() => {
    const li = [...document.querySelectorAll(".cadre-list li")];
    const box = document.querySelector(".roster-scroll").getBoundingClientRect();
    const last = li[li.length - 1].getBoundingClientRect();
    return last.bottom <= box.bottom + 1 && last.top >= box.top;
  })).toBe(true);
  expect(await rows.count()).toBeLessThan(40);
  const lastName = await page.locator(".cadre-list li .name").last().textContent();
  expect(lastName.length).toBeGreaterThan(0);

  // Search as the user types: each keystroke narrows the list, no button to press.
  const search = page.getByLabel("Tìm kiếm");
  await search.pressSequentially(lastName.slice(0, 6).toLowerCase(), { delay: 20 });
  await expect(page.locator(".count")).toContainText("Tìm thấy");
  await expect(page.locator(".cadre-list li .name").first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(40);
  // Searching returns to the top of the list.
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
});
