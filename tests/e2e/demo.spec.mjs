// Dữ liệu mẫu: one tap loads the demo into its own database; a presenter walks from the
// status to the targets to who to send to a printed report, offline; leaving the demo gives
// back the real data untouched.
import { test, expect } from "@playwright/test";
import { open, addUnit, addCadre, names, offlineReady } from "./helpers.mjs";

test("the demo runs offline from the first tap to a printed report, and never touches the real data", async ({ page, context }) => {
  test.setTimeout(120_000);
  // window.print is counted, not shown (a headless browser has no print dialog).
  await context.addInitScript(() => {
    window.print = () => {
      const n = Number(sessionStorage.getItem("printed") || "0") + 1;
      sessionStorage.setItem("printed", String(n));
    };
  });
  await open(page);
  await addUnit(page, "UBND xã Tụ Nhân");
  await addCadre(page, { name: "Vàng Seo Tỉnh" });
  await expect(page.locator(".demo-banner")).toHaveCount(0);
  await offlineReady(page);
  await context.setOffline(true);

  // One tap: the demo loads and opens on the status of 02-ĐA/HU.
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).tap();
  const banner = page.locator(".demo-banner");
  await expect(banner).toContainText("Dữ liệu mẫu", { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: /Thực trạng đội ngũ cán bộ/i })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator("main table").first()).toBeVisible();
  await page.getByRole("button", { name: "In", exact: true }).tap();
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem("printed"))).toBe("1");

  // Status → targets → who to send → print.
  await page.getByRole("link", { name: "← Về văn bản" }).tap();
  await expect(page.locator("article.target").first()).toBeVisible();
  await expect(page.locator(".score-date")).toContainText("3.201 cán bộ");
  await page.getByRole("link", { name: "Đề xuất cử đi học" }).tap();
  await expect(page.getByRole("heading", { name: "DANH SÁCH ĐỀ XUẤT CỬ ĐI ĐÀO TẠO, BỒI DƯỠNG" })).toBeVisible();
  // A district's list is chosen batch by batch: one year prints fewer people than all.
  const summary = page.getByRole("status").filter({ hasText: "Đợt đã chọn" });
  const everyone = await summary.textContent();
  await page.getByLabel("Năm cử đi").selectOption({ index: 1 });
  await expect(summary).not.toHaveText(everyone);
  await page.getByRole("button", { name: "In danh sách" }).tap();
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem("printed"))).toBe("2");

  // The 2021 plan is in progress: nominated, studying and finished on its lines.
  await page.getByRole("link", { name: "Kế hoạch, lớp học" }).tap();
  await expect(banner).toBeVisible();
  await expect(page.locator("main")).toContainText("2021");

  // The roster is the demo's; an edit stays in the demo, and "Làm lại" puts it back.
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await expect(page.locator(".count")).toHaveText("3.201 cán bộ");
  await expect(names(page).filter({ hasText: "Vàng Seo Tỉnh" })).toHaveCount(0);
  const first = await names(page).first().textContent();
  await page.locator(".cadre-row").first().tap();
  await page.getByLabel("Họ và tên").fill("Tên đã sửa trong bản mẫu");
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();
  await page.getByLabel("Tìm kiếm").fill("ten da sua");
  await expect(names(page)).toHaveText(["Tên đã sửa trong bản mẫu"]);
  await page.getByLabel("Tìm kiếm").fill("");
  await page.getByRole("link", { name: "Làm lại dữ liệu mẫu" }).tap();
  await expect(page.getByRole("heading", { name: /Thực trạng đội ngũ cán bộ/i })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await expect(names(page).first()).toHaveText(first);
  await page.getByLabel("Tìm kiếm").fill("ten da sua");
  await expect(page.locator(".count")).toHaveText("Tìm thấy 0 / 3.201 cán bộ");

  // Leaving the demo: the real data, exactly as it was.
  await page.getByRole("button", { name: "Thoát dữ liệu mẫu" }).tap();
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  await expect(banner).toHaveCount(0);
  await expect(names(page)).toHaveText(["Vàng Seo Tỉnh"]);
  await expect(page.locator(".count")).toHaveText("1 cán bộ");
  await context.setOffline(false);
});
