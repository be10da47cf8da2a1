import { test, expect } from "@playwright/test";
import { open, addUnit, addCadre, names } from "./helpers.mjs";

test("an officer adds a cadre with every scale, reloads, and finds it still there", async ({ page }, testInfo) => {
  await open(page);
  await expect(page.getByText("Chưa có đơn vị nào")).toBeVisible();
  await addUnit(page, "Huyện ủy Hoàng Su Phì");
  await addUnit(page, "UBND xã Nậm Ty", { parent: "Huyện ủy Hoàng Su Phì" });

  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await page.getByRole("link", { name: "+ Thêm cán bộ" }).tap();
  await page.getByLabel("Họ và tên").fill("Nguyễn Văn Đức");
  await page.getByLabel("Năm sinh").fill("1982");
  await page.getByLabel("Giới tính").selectOption({ label: "Nam" });
  await page.getByLabel("Dân tộc", { exact: true }).fill("Nùng");
  await page.getByLabel("Đối tượng").selectOption({ label: "Cán bộ" });
  await page.getByLabel("Đơn vị công tác").selectOption({ label: "UBND xã Nậm Ty" });
  await page.getByLabel("Ngạch").selectOption({ label: "Chuyên viên" });
  await page.getByLabel("Người địa phương").check();
  await page.getByRole("button", { name: "+ Thêm chức vụ" }).tap();
  await page.locator("#f-pos-0-title").fill("Chủ tịch UBND xã");
  await page.locator("#f-pos-0-lead").selectOption({ label: "Cấp trưởng" });
  await page.getByRole("button", { name: "+ Thêm", exact: true }).tap();
  await page.locator("#f-mem-0-c").selectOption({ label: "Ủy viên BCH Đảng bộ" });
  await page.locator("#f-mem-0-l").selectOption({ label: "Cấp xã" });
  await page.locator("#f-mem-0-t").fill("2020-2025");
  await page.getByRole("button", { name: "+ Thêm quy hoạch" }).tap();
  await page.locator("#f-plan-0-title").fill("Bí thư Đảng ủy xã");
  await page.locator("#f-professional").selectOption({ label: "Đại học" });
  await page.locator("#f-professional-studying").selectOption({ label: "Thạc sĩ" });
  await page.locator("#f-professional-until").fill("2026");
  await page.getByLabel("Chuyên ngành đào tạo").fill("Quản lý đất đai");
  await page.locator("#f-political").selectOption({ label: "Trung cấp" });
  await page.locator("#f-state_management").selectOption({ label: "Chuyên viên" });
  await page.locator("#f-foreign_language").selectOption({ label: "Bậc 3 (B1)" });
  await page.getByLabel("Ngoại ngữ (tên)").fill("Tiếng Anh");
  await page.locator("#f-it").selectOption({ label: "Cơ bản" });
  await page.locator("#f-defence_security").selectOption({ label: "Đối tượng 4" });
  await page.getByLabel("Tiếng dân tộc thiểu số sử dụng được").fill("Tiếng Nùng");
  await page.getByLabel("Sử dụng được tiếng Lào").check();
  await page.getByLabel("Ghi chú", { exact: true }).fill("Cử đi học thạc sĩ năm 2024");
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();

  const row = page.locator(".cadre-row", { hasText: "Nguyễn Văn Đức" });
  await expect(row).toContainText("Chủ tịch UBND xã — UBND xã Nậm Ty");
  await expect(row).toContainText("CM: Đại học (đang học Thạc sĩ)");
  await page.screenshot({ path: testInfo.outputPath("roster-768x1024.png"), fullPage: true });
  await testInfo.attach("roster-768x1024", { path: testInfo.outputPath("roster-768x1024.png"), contentType: "image/png" });

  await page.reload();
  await expect(page.locator(".cadre-row", { hasText: "Nguyễn Văn Đức" })).toBeVisible();
  await page.locator(".cadre-row", { hasText: "Nguyễn Văn Đức" }).tap();
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Nguyễn Văn Đức");
  await expect(page.getByLabel("Năm sinh")).toHaveValue("1982");
  await expect(page.getByLabel("Dân tộc", { exact: true })).toHaveValue("Nùng");
  await expect(page.getByLabel("Người địa phương")).toBeChecked();
  await expect(page.locator("#f-pos-0-title")).toHaveValue("Chủ tịch UBND xã");
  await expect(page.locator("#f-mem-0-t")).toHaveValue("2020-2025");
  await expect(page.locator("#f-plan-0-title")).toHaveValue("Bí thư Đảng ủy xã");
  await expect(page.locator("#f-professional-studying")).toHaveValue("thac_si");
  await expect(page.locator("#f-professional-until")).toHaveValue("2026");
  await expect(page.locator("#f-foreign_language")).toHaveValue("bac_3");
  await expect(page.locator("#f-defence_security")).toHaveValue("doi_tuong_4");
  await expect(page.getByLabel("Sử dụng được tiếng Lào")).toBeChecked();
  await expect(page.getByLabel("Ghi chú", { exact: true })).toHaveValue("Cử đi học thạc sĩ năm 2024");
});

test("a page already drawn is not drawn again: what the officer began in a form stays", async ({ page }) => {
  await open(page);
  await addUnit(page, "UBND xã Nậm Ty");
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await page.getByRole("link", { name: "+ Thêm cán bộ" }).tap();
  await page.getByLabel("Họ và tên").fill("Lù Văn Páo");
  await page.getByRole("button", { name: "+ Thêm", exact: true }).tap();
  await expect(page.locator("#f-mem-0-c")).toBeVisible();
  // Every in-page move (a save going back to the list, a tap on a row) sets the hash and
  // draws the page, and the browser's hashchange then names the same page again, a moment
  // later. Send that hashchange now, while the form is half filled.
  await page.evaluate(() => window.dispatchEvent(new HashChangeEvent("hashchange")));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Lù Văn Páo");
  await expect(page.locator("#f-mem-0-c")).toBeVisible();
});

test("search ignores diacritics and case; names sort by given name in Vietnamese order", async ({ page }) => {
  await open(page);
  await addUnit(page, "Phòng Nội vụ");
  for (const name of ["Trần Văn Bình", "Nguyễn Ánh", "Lê Thị An", "Đặng Văn Đông", "Nguyễn Văn Dũng"]) {
    await addCadre(page, { name });
  }
  // Given name first: An < Ánh < Bình < Dũng < Đông (đ after d).
  await expect(names(page)).toHaveText(["Lê Thị An", "Nguyễn Ánh", "Trần Văn Bình", "Nguyễn Văn Dũng", "Đặng Văn Đông"]);

  const search = page.getByLabel("Tìm kiếm");
  await search.fill("nguyen van");
  await expect(names(page)).toHaveText(["Nguyễn Văn Dũng"]);
  await search.fill("DONG");
  await expect(names(page)).toHaveText(["Đặng Văn Đông"]);
  await search.fill("d");
  await expect(names(page)).toHaveText(["Nguyễn Văn Dũng", "Đặng Văn Đông"]);
  await search.fill("phong noi vu");
  await expect(page.locator(".count")).toHaveText("5 cán bộ");
  await search.fill("không có ai");
  await expect(names(page)).toHaveText([]);
  await expect(page.locator(".count")).toHaveText("Tìm thấy 0 / 5 cán bộ");
});

test("an invalid form says what and where, and saves nothing", async ({ page }) => {
  await open(page);
  await addUnit(page, "UBND xã Bản Máy");
  await addCadre(page, { name: "Vàng Thị Mỷ" });
  await page.getByRole("link", { name: "+ Thêm cán bộ" }).tap();
  await page.getByLabel("Năm sinh").fill("1930");
  await page.locator("#f-political").selectOption({ label: "Cao cấp" });
  await page.locator("#f-political-studying").selectOption({ label: "Trung cấp" });
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();
  const summary = page.locator(".error-summary");
  await expect(summary).toContainText("Họ và tên: không được để trống.");
  await expect(summary).toContainText("Năm sinh: 1930 nằm ngoài khoảng 1940-2010.");
  await expect(summary).toContainText("Lý luận chính trị: trình độ đang học (Trung cấp) phải cao hơn trình độ đã đạt (Cao cấp).");
  // Giới tính starts unchosen (never Nam by default) and is refused with the rest.
  await expect(summary).toContainText("Giới tính: hãy chọn Nam hoặc Nữ.");
  await expect(page.locator(".field.invalid")).toHaveCount(4);
  await page.getByLabel("Giới tính").selectOption({ label: "Nữ" });

  await page.getByLabel("Năm sinh").fill("19x5");
  await page.getByLabel("Họ và tên").fill("Người Thử");
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(summary).toContainText("Năm sinh: phải là một năm gồm 4 chữ số");

  await page.reload();
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await expect(names(page)).toHaveText(["Vàng Thị Mỷ"]);
});

test("edit, delete, and undo the deletion; a unit with cadres cannot be deleted", async ({ page }) => {
  await open(page);
  await addUnit(page, "Ban Tổ chức Huyện ủy");
  await addCadre(page, { name: "Hoàng Văn Páo" });
  await addCadre(page, { name: "Lý Thị Sáu" });

  await page.locator(".cadre-row", { hasText: "Hoàng Văn Páo" }).tap();
  await page.getByLabel("Họ và tên").fill("Hoàng Văn Pao");
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(names(page)).toHaveText(["Hoàng Văn Pao", "Lý Thị Sáu"]);

  await page.locator(".cadre-row", { hasText: "Lý Thị Sáu" }).tap();
  await page.getByRole("button", { name: "Xóa cán bộ" }).tap();
  await expect(page.locator(".toast")).toContainText("Đã xóa cán bộ Lý Thị Sáu.");
  await expect(names(page)).toHaveText(["Hoàng Văn Pao"]);
  await page.locator(".toast").getByRole("button", { name: "Hoàn tác" }).tap();
  await expect(page.locator(".toast")).toContainText("Đã hoàn tác.");
  await expect(names(page)).toHaveText(["Hoàng Văn Pao", "Lý Thị Sáu"]);

  await page.reload();
  await expect(names(page)).toHaveText(["Hoàng Văn Pao", "Lý Thị Sáu"]);

  await page.getByRole("link", { name: "Đơn vị", exact: true }).tap();
  await page.getByRole("button", { name: "Xóa Ban Tổ chức Huyện ủy" }).tap();
  await expect(page.locator(".toast.error")).toContainText("còn 2 cán bộ");
  await expect(page.locator(".unit-row .name")).toHaveText(["Ban Tổ chức Huyện ủy"]);
});

test("hostile text renders as text", async ({ page }) => {
  await open(page);
  await addUnit(page, "<b>Đơn vị</b>");
  const evil = "<img src=x onerror=alert(1)>\u202Egnp.exe";
  await addCadre(page, { name: evil });
  await expect(page.locator(".cadre-row .name")).toHaveText(evil);
  await expect(page.locator(".cadre-row img")).toHaveCount(0);
});
