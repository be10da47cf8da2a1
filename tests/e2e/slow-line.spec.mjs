// An officer on a slow line (issue 14): the HTML draws the app's frame before any wasm
// arrives, the loading bar counts the bytes, the header badge says when every page is kept
// for offline use, and the forms that write the roster live in can-bo.html, out of the main
// bundle, without the officer noticing a second page.
import { test, expect } from "@playwright/test";
import { open, addUnit, addCadre, names } from "./helpers.mjs";

test("the frame, menu and loading bar are on screen while the wasm is still on its way", async ({ page }) => {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/*.wasm", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("./");
  const header = page.locator("header.topbar");
  await expect(header).toBeVisible();
  for (const label of ["Cán bộ", "Văn bản, chỉ tiêu", "Kế hoạch, lớp học", "Đơn vị", "Trao đổi dữ liệu", "Excel"]) {
    await expect(header.getByRole("link", { name: label, exact: true })).toBeVisible();
  }
  await expect(page.getByText("Đang tải ứng dụng…")).toBeVisible();
  await expect(page.locator("#loading-bar")).toBeVisible();
  // The menu is one line at 768 px: no label wraps.
  for (const link of await header.locator("nav a").all()) {
    const box = await link.boundingBox();
    expect(box.height).toBeLessThan(60);
  }
  release();
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator("#frame")).toHaveCount(0);
  await expect(page.locator("header.topbar")).toHaveCount(1);
});

test("the loading bar reaches the wasm's size in bytes", async ({ page }) => {
  await page.goto("./");
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  // The boot script hands the wasm to the loader with its size; the bar filled to it.
  const boot = await page.evaluate(() => [...document.scripts].map((s) => s.src).find((src) => /boot-index-/.test(src)));
  const text = await (await page.request.get(boot)).text();
  const [, file, size] = /dtbdWasm\('\.\/([^']+\.wasm)', (\d+)\)/.exec(text);
  const body = await (await page.request.get("./" + file)).body();
  expect(body.length).toBe(Number(size));
});

test("the header badge counts the offline copy up to ready, and it survives a reload", async ({ page }) => {
  await open(page);
  const badge = page.locator(".offline-badge");
  await expect(badge).toHaveText("Sẵn sàng dùng khi mất mạng", { timeout: 60_000 });
  const cached = await page.evaluate(async () => {
    const list = await (await fetch("./precache.json", { cache: "no-store" })).json();
    const cache = await caches.open("dtbd-shell-" + list.version);
    let missing = 0;
    for (const file of list.files) if (!(await cache.match(new URL(file.url, location.href).href))) missing++;
    return { files: list.files.length, missing, caches: (await caches.keys()).filter((k) => k.startsWith("dtbd-shell-")).length };
  });
  expect(cached.files).toBeGreaterThan(30);
  expect(cached.missing).toBe(0);
  expect(cached.caches).toBe(1);
  await page.reload();
  await expect(badge).toHaveText("Sẵn sàng dùng khi mất mạng");
});

test("a cadre saved or deleted in can-bo.html comes back to the roster there, with undo", async ({ page }) => {
  await open(page);
  await addUnit(page, "UBND xã Nậm Ty");
  await addCadre(page, { name: "Sùng A Páo", unit: "UBND xã Nậm Ty" });
  await addCadre(page, { name: "Lò Thị Mai", unit: "UBND xã Nậm Ty" });
  expect(new URL(page.url()).pathname).toMatch(/can-bo\.html$/);
  await expect(page.locator(".toast")).toContainText("Đã lưu cán bộ Lò Thị Mai.");
  await page.locator(".cadre-row", { hasText: "Sùng A Páo" }).tap();
  await page.getByRole("button", { name: "Xóa cán bộ" }).tap();
  await expect(names(page)).toHaveText(["Lò Thị Mai"]);
  await page.locator(".toast").getByRole("button", { name: "Hoàn tác" }).tap();
  await expect(names(page)).toHaveText(["Lò Thị Mai", "Sùng A Páo"]);
  // The main page shows the same list, and its bulk edit opens the panel in can-bo.html.
  await page.goto("./index.html#/");
  await expect(names(page)).toHaveText(["Lò Thị Mai", "Sùng A Páo"]);
  await page.getByRole("button", { name: "Chọn tất cả đang hiện" }).tap();
  await page.getByRole("button", { name: "Sửa hàng loạt (2 người)" }).tap();
  await expect(page.locator(".bulk-panel").getByRole("heading")).toHaveText("Sửa hàng loạt (2 người)");
  expect(new URL(page.url()).pathname).toMatch(/can-bo\.html$/);
});
