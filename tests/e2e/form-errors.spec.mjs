import { test, expect } from "@playwright/test";
import { open, addUnit, names } from "./helpers.mjs";

// The cadre form is about 2.300 px tall on a tablet: "Lưu" is at the bottom, the list of
// problems at the top. A refused save must be seen where the officer is, and say which input.

test("a save refused at the bottom of the cadre form scrolls its errors into view and marks the fields", async ({ page }) => {
  await open(page);
  await addUnit(page, "UBND xã Bản Máy");
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await page.getByRole("link", { name: "+ Thêm cán bộ" }).tap();

  // The name is left blank; the officer works at the bottom of the form and saves there.
  await page.locator("#f-political").selectOption({ label: "Cao cấp" });
  await page.locator("#f-political-studying").selectOption({ label: "Trung cấp" });
  await page.getByLabel("Ghi chú").fill("Nhập sau khi có quyết định");
  const save = page.getByRole("button", { name: "Lưu", exact: true });
  await save.scrollIntoViewIfNeeded();
  const name = page.getByLabel("Họ và tên");
  await expect(name).not.toBeInViewport();
  await save.tap();

  const summary = page.locator(".error-summary");
  await expect(summary).toContainText("Họ và tên: không được để trống.");
  await expect(summary).toContainText("Lý luận chính trị: trình độ đang học (Trung cấp) phải cao hơn trình độ đã đạt (Cao cấp).");
  await expect(summary).toBeInViewport();
  await expect(summary).toBeFocused();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveClass(/input-invalid/);
  await expect(page.locator("#f-political-studying")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Ghi chú")).not.toHaveAttribute("aria-invalid", "true");

  // Each listed problem jumps to its input.
  await summary.getByRole("button", { name: /Lý luận chính trị: trình độ đang học/ }).tap();
  await expect(page.locator("#f-political-studying")).toBeFocused();
  await expect(page.locator("#f-political-studying")).toBeInViewport();

  // Corrected at the bottom, the other problem still refused: only the name stays marked.
  await page.locator("#f-political-studying").selectOption({ label: "(không)" });
  await save.tap();
  await expect(summary).not.toContainText("Lý luận chính trị");
  await expect(summary).toBeInViewport();
  await expect(page.locator("#f-political-studying")).not.toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAttribute("aria-invalid", "true");

  await summary.getByRole("button", { name: "Họ và tên: không được để trống." }).tap();
  await expect(name).toBeFocused();
  await name.fill("Lù Văn Páo");
  await page.getByLabel("Giới tính").selectOption({ label: "Nam" });
  await save.tap();
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  await expect(names(page)).toHaveText(["Lù Văn Páo"]);
});

test("a unit refused by the unit form says so in view, on its input", async ({ page }) => {
  await open(page);
  await page.getByRole("link", { name: "Đơn vị", exact: true }).tap();
  await page.getByRole("button", { name: "Lưu đơn vị" }).tap();
  const summary = page.locator(".error-summary");
  await expect(summary).toContainText("Tên đơn vị: không được để trống.");
  await expect(summary).toBeInViewport();
  await expect(summary).toBeFocused();
  await expect(page.getByLabel("Tên đơn vị")).toHaveAttribute("aria-invalid", "true");
});
