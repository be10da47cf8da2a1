// Sửa hàng loạt: an officer narrows the roster by a search, ticks everyone shown, unticks one,
// and sets người địa phương, adds "Ủy viên BCH Đảng bộ cấp huyện" and sets đối tượng for the
// rest, each after a preview that counts who changes; undoes the last change from the toast,
// and finds after a reload what was applied and not what was undone.
import { test, expect } from "@playwright/test";
import { open, addUnit, addCadre } from "./helpers.mjs";

const row = (page, name) => page.locator(".cadre-row", { hasText: name });

async function openForm(page, name) {
  await row(page, name).tap();
  await expect(page.getByLabel("Họ và tên")).toHaveValue(name);
}

async function backToRoster(page) {
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
}

test("bulk edit the people a search shows: preview, apply, undo, reload", async ({ page }, testInfo) => {
  await open(page);
  await addUnit(page, "Huyện ủy Hoàng Su Phì");
  await addUnit(page, "UBND xã Nậm Ty");
  for (const name of ["Sùng A Páo", "Lò Thị Mai", "Giàng Seo Chứ", "Vàng Thị Dua"]) {
    await addCadre(page, { name, unit: "UBND xã Nậm Ty" });
  }
  await addCadre(page, { name: "Nguyễn Văn Đức", unit: "Huyện ủy Hoàng Su Phì" });
  // Lò Thị Mai is already người địa phương.
  await openForm(page, "Lò Thị Mai");
  await page.getByLabel("Người địa phương").check();
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();

  // Choose: everyone the search shows, then untick one.
  const open_ = page.getByRole("button", { name: /^Sửa hàng loạt/ });
  await expect(open_).toHaveText("Sửa hàng loạt (0 người)");
  await expect(open_).toBeDisabled();
  await page.getByLabel("Tìm kiếm").fill("nam ty");
  await expect(page.locator(".count")).toHaveText("Tìm thấy 4 / 5 cán bộ");
  await page.getByRole("button", { name: "Chọn tất cả đang hiện" }).tap();
  await expect(open_).toHaveText("Sửa hàng loạt (4 người)");
  await expect(page.getByLabel("Chọn Giàng Seo Chứ")).toBeChecked();
  await page.getByLabel("Chọn Vàng Thị Dua").uncheck();
  await expect(open_).toHaveText("Sửa hàng loạt (3 người)");
  await open_.tap();

  const panel = page.locator(".bulk-panel");
  const preview = panel.locator(".bulk-preview");
  const apply = panel.getByRole("button", { name: "Áp dụng" });
  const toast = page.locator(".toast");
  await expect(panel.getByRole("heading")).toHaveText("Sửa hàng loạt (3 người)");
  await expect(preview).toHaveText("Chọn điều cần sửa.");
  await expect(apply).toBeDisabled();

  // Người địa phương: one of the three already is.
  await panel.getByLabel("Sửa gì").selectOption({ label: "Đặt người địa phương" });
  await expect(preview).toHaveText("Chọn có hoặc không.");
  await panel.getByLabel("Người địa phương").selectOption({ label: "Có" });
  await expect(preview).toHaveText("Sẽ đổi 2 người, 1 người đã đúng như vậy, 0 người không đổi được.");
  await page.screenshot({ path: testInfo.outputPath("bulk-768x1024.png"), fullPage: true });
  await testInfo.attach("bulk-768x1024", { path: testInfo.outputPath("bulk-768x1024.png"), contentType: "image/png" });
  await apply.tap();
  await expect(toast).toContainText("Đã sửa 2 người (người địa phương: có). 1 người đã đúng như vậy.");
  await expect(preview).toHaveText("Sẽ đổi 0 người, 3 người đã đúng như vậy, 0 người không đổi được.");
  await expect(apply).toBeDisabled();

  // Ủy viên BCH Đảng bộ cấp huyện, with its term.
  await panel.getByLabel("Sửa gì").selectOption({ label: "Thêm ủy viên (BCH, BTV, UBKT, HĐND)" });
  await panel.getByLabel("Ủy viên").selectOption({ label: "Ủy viên BCH Đảng bộ" });
  await panel.getByLabel("Cấp", { exact: true }).selectOption({ label: "Cấp huyện" });
  await panel.getByLabel("Nhiệm kỳ (không bắt buộc)").fill("2025-2030");
  await expect(preview).toHaveText("Sẽ đổi 3 người, 0 người đã đúng như vậy, 0 người không đổi được.");
  await apply.tap();
  await expect(toast).toContainText("Đã sửa 3 người (thêm Ủy viên BCH Đảng bộ cấp huyện, nhiệm kỳ 2025-2030).");

  // What a form would refuse is counted and named, and cannot be applied.
  await panel.getByLabel("Sửa gì").selectOption({ label: "Đặt đang học" });
  await panel.getByLabel("Thang trình độ").selectOption({ label: "Trình độ chuyên môn" });
  await panel.getByLabel("Trình độ đang học").selectOption({ label: "Chưa qua đào tạo" });
  await expect(preview).toHaveText("Sẽ đổi 0 người, 0 người đã đúng như vậy, 3 người không đổi được.");
  const refused = panel.locator(".bulk-refused");
  for (const name of ["Sùng A Páo", "Lò Thị Mai", "Giàng Seo Chứ"]) {
    await expect(refused).toContainText(`${name}: Trình độ chuyên môn: trình độ đang học (Chưa qua đào tạo) phải cao hơn`);
  }
  await expect(apply).toBeDisabled();

  // Đối tượng: shown on each row; undone from the toast.
  await panel.getByLabel("Sửa gì").selectOption({ label: "Đặt đối tượng" });
  await panel.getByLabel("Đối tượng").selectOption({ label: "Cán bộ" });
  await expect(preview).toHaveText("Sẽ đổi 3 người, 0 người đã đúng như vậy, 0 người không đổi được.");
  await apply.tap();
  await expect(toast).toContainText("Đã sửa 3 người (đối tượng: Cán bộ).");
  for (const name of ["Sùng A Páo", "Lò Thị Mai", "Giàng Seo Chứ"]) {
    await expect(row(page, name)).toContainText("1985 · Nam · Cán bộ");
  }
  await expect(row(page, "Vàng Thị Dua")).toContainText("1985 · Nam · Công chức");
  await toast.getByRole("button", { name: "Hoàn tác" }).tap();
  await expect(toast).toContainText("Đã hoàn tác: 3 người trở lại như trước.");
  for (const name of ["Sùng A Páo", "Lò Thị Mai", "Giàng Seo Chứ"]) {
    await expect(row(page, name)).toContainText("1985 · Nam · Công chức");
  }
  await expect(preview).toHaveText("Sẽ đổi 3 người, 0 người đã đúng như vậy, 0 người không đổi được.");
  await panel.getByRole("button", { name: "Đóng" }).tap();
  await expect(panel).toHaveCount(0);

  // After a reload: what was applied is there, what was undone is not, nobody else changed.
  await page.reload();
  await page.getByLabel("Tìm kiếm").fill("");
  await expect(page.locator(".count")).toHaveText("5 cán bộ");
  for (const name of ["Sùng A Páo", "Lò Thị Mai", "Giàng Seo Chứ", "Vàng Thị Dua", "Nguyễn Văn Đức"]) {
    await expect(row(page, name)).toContainText("Công chức");
  }
  for (const name of ["Sùng A Páo", "Giàng Seo Chứ"]) {
    await openForm(page, name);
    await expect(page.getByLabel("Người địa phương")).toBeChecked();
    await expect(page.locator("#f-mem-0-c")).toHaveValue("bch");
    await expect(page.locator("#f-mem-0-l")).toHaveValue("huyen");
    await expect(page.locator("#f-mem-0-t")).toHaveValue("2025-2030");
    await expect(page.locator("#f-mem-1-c")).toHaveCount(0);
    await backToRoster(page);
  }
  for (const name of ["Vàng Thị Dua", "Nguyễn Văn Đức"]) {
    await openForm(page, name);
    await expect(page.getByLabel("Người địa phương")).not.toBeChecked();
    await expect(page.locator("#f-mem-0-c")).toHaveCount(0);
    await backToRoster(page);
  }
});
