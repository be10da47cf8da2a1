import { test, expect } from "@playwright/test";
import { open, addUnit, addCadre, names, offlineReady } from "./helpers.mjs";

test("after one visit the app opens offline, and the roster is there and editable", async ({ page, context }) => {
  await open(page);
  await addUnit(page, "UBND xã Thông Nguyên");
  await addCadre(page, { name: "Sùng Seo Chứ" });
  await offlineReady(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator("header.topbar")).toBeVisible();
  await expect(names(page)).toHaveText(["Sùng Seo Chứ"]);

  await addCadre(page, { name: "Giàng Thị Dơ" });
  await page.locator(".cadre-row", { hasText: "Sùng Seo Chứ" }).tap();
  await page.getByLabel("Năm sinh").fill("1990");
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(page.locator(".cadre-row", { hasText: "Sùng Seo Chứ" })).toContainText("1990");
  await page.reload();
  await expect(names(page)).toHaveText(["Sùng Seo Chứ", "Giàng Thị Dơ"]);
  await expect(page.locator(".cadre-row", { hasText: "Sùng Seo Chứ" })).toContainText("1990");
  await context.setOffline(false);
});

test("the app is served under a sub-path with relative URLs only", async ({ page }) => {
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await open(page);
  const outside = requests.filter((p) => !p.startsWith("/dtbd/"));
  expect(outside).toEqual([]);
  expect(requests.some((p) => p.endsWith(".wasm"))).toBe(true);
});

test("every bundle's page opens offline after one visit", async ({ page, context }) => {
  await open(page);
  await offlineReady(page);
  await context.setOffline(true);
  await page.getByRole("link", { name: "Văn bản, chỉ tiêu" }).tap();
  await expect(page.getByRole("heading", { name: "Văn bản chỉ đạo và chỉ tiêu" })).toBeVisible();
  // The templates were precached: the list is there without a network.
  await expect(page.getByRole("button", { name: "Dùng mẫu Đề án 02-ĐA/HU" })).toBeVisible();
  await page.getByRole("link", { name: "Trao đổi dữ liệu" }).tap();
  await expect(page.getByRole("heading", { name: "Trao đổi dữ liệu" })).toBeVisible();
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  for (const [link, heading] of [["Đơn vị", "Đơn vị"], ["Kế hoạch, lớp học", "Kế hoạch đào tạo, bồi dưỡng"], ["Excel", "Nhập, xuất Excel"]]) {
    await page.getByRole("link", { name: link, exact: true }).tap();
    await expect(page.locator("main h1").first()).toContainText(heading);
  }
  // The badge says so offline too.
  await expect(page.locator(".offline-badge")).toHaveText("Sẵn sàng dùng khi mất mạng");
  await context.setOffline(false);
});
