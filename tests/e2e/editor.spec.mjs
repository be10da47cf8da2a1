import { test, expect } from "@playwright/test";
import { open, addUnit } from "./helpers.mjs";

test("a directive typed into the editor is scored like a template", async ({ page }, testInfo) => {
  await open(page);
  await addUnit(page, "UBND xã Nậm Ty");
  // One commune leader with a university degree.
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await page.getByRole("link", { name: "+ Thêm cán bộ" }).tap();
  await page.getByLabel("Họ và tên").fill("Vàng Seo Chư");
  await page.getByLabel("Năm sinh").fill("1980");
  await page.getByLabel("Giới tính").selectOption({ label: "Nam" });
  await page.getByRole("button", { name: "+ Thêm chức vụ" }).tap();
  await page.locator("#f-pos-0-title").fill("Chủ tịch UBND xã");
  await page.locator("#f-professional").selectOption({ label: "Đại học" });
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(page.locator(".cadre-row .name", { hasText: "Vàng Seo Chư" })).toBeVisible();

  await page.getByRole("link", { name: "Văn bản, chỉ tiêu" }).tap();
  await page.getByRole("link", { name: "+ Nhập văn bản mới" }).tap();
  await expect(page.getByRole("heading", { name: "Sửa văn bản" })).toBeVisible();
  await page.getByLabel("Số, ký hiệu").fill("15-NQ/ĐU");
  await page.getByLabel("Cơ quan ban hành").fill("ĐẢNG ỦY XÃ NẬM TY");
  await page.getByLabel("Địa danh").fill("Nậm Ty");
  await page.getByLabel("Ngày ban hành").fill("10/03/2025");
  await page.getByLabel("Trích yếu").fill("về đào tạo cán bộ chủ chốt xã giai đoạn 2025 - 2030");

  // A group: whoever holds a post starting with "Chủ tịch UBND xã".
  await page.getByRole("button", { name: "+ Thêm nhóm" }).tap();
  await page.getByLabel("Tên nhóm (như văn bản viết)").fill("Chủ tịch UBND xã");
  await page.getByRole("button", { name: "+ Thêm điều kiện", exact: true }).tap();
  await page.getByLabel("Chức danh (cách nhau bằng dấu ;").fill("Chủ tịch UBND xã");
  await page.getByLabel("Chức danh so khớp").selectOption({ label: "bắt đầu bằng" });
  await page.getByRole("button", { name: "Lưu nhóm" }).tap();
  await expect(page.locator(".group-list")).toContainText("Chủ tịch UBND xã");

  // A section, a paragraph, and a target in it.
  await page.getByRole("button", { name: "+ Thêm mục lớn" }).tap();
  await page.getByLabel("Tên mục").fill("Mục tiêu");
  await page.getByRole("button", { name: "+ Đoạn" }).tap();
  await page.getByLabel("Lời văn của đoạn").fill("Đến năm 2030, 100% Chủ tịch UBND xã có trình độ thạc sĩ.");
  await page.getByRole("button", { name: "+ Chỉ tiêu" }).tap();
  await page.getByLabel("Loại chỉ tiêu").selectOption({ label: "Tỷ lệ đạt trình độ" });
  await page.getByLabel("Nhóm đối tượng").selectOption({ label: "Chủ tịch UBND xã" });
  const form = page.getByRole("group", { name: "Biểu mẫu chỉ tiêu" });
  if ((await form.locator("#t-crit-0-scale").count()) === 0) {
    await form.getByRole("button", { name: "+ Thêm tiêu chuẩn" }).tap();
  }
  await form.locator("#t-crit-0-scale").selectOption({ label: "Trình độ chuyên môn" });
  await form.locator("#t-crit-0-level").selectOption({ label: "Thạc sĩ" });
  if ((await form.locator("#t-ms-0-year").count()) === 0) {
    await form.getByRole("button", { name: "+ Thêm mốc" }).tap();
  }
  await form.locator("#t-ms-0-year").fill("2030");
  await form.locator("#t-ms-0-value").fill("một trăm");
  await form.getByRole("button", { name: "Lưu chỉ tiêu" }).tap();
  // Bad input is named and nothing is added.
  await expect(form.locator(".error-summary")).toContainText("phải là số");
  await form.locator("#t-ms-0-value").fill("100");
  await expect(form.locator(".generated")).toContainText("thạc sĩ");
  await form.getByRole("button", { name: "Dùng câu này" }).tap();
  await form.getByRole("button", { name: "Lưu chỉ tiêu" }).tap();
  await expect(page.locator(".target-row")).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("editor-768x1024.png"), fullPage: true });

  await page.getByRole("button", { name: "Lưu văn bản" }).tap();
  await expect(page.locator(".doc-kind")).toHaveText("NGHỊ QUYẾT");
  await expect(page.locator(".doc-header")).toContainText("Nậm Ty, ngày 10 tháng 03 năm 2025");
  const target = page.locator("article.target");
  await expect(target).toHaveCount(1);
  await expect(target.locator(".value")).toHaveText("0/1 = 0%");
  await expect(target).toContainText("cần thêm 01 đồng chí");
});
