import { test, expect } from "@playwright/test";
import { open, addUnit, addCommitteeMember } from "./helpers.mjs";


test("the Hoàng Su Phì template scores live: editing a cadre's level moves the target", async ({ page }, testInfo) => {
  await open(page);
  await addUnit(page, "Huyện ủy Hoàng Su Phì");
  await addCommitteeMember(page, "Hoàng Văn Thắng", "Huyện ủy Hoàng Su Phì", { birthYear: "1978" });
  await addCommitteeMember(page, "Lục Thị Hoa", "Huyện ủy Hoàng Su Phì", { birthYear: "1978" });

  await page.getByRole("link", { name: "Văn bản, chỉ tiêu" }).tap();
  await page.getByRole("button", { name: "Dùng mẫu Đề án 02-ĐA/HU" }).tap();
  await expect(page.locator(".doc-kind")).toHaveText("ĐỀ ÁN");
  await expect(page.locator(".doc-header")).toContainText("HUYỆN ỦY HOÀNG SU PHÌ");
  await expect(page.locator(".doc-header")).toContainText("ĐẢNG CỘNG SẢN VIỆT NAM");
  await expect(page.locator(".doc-header")).toContainText("ngày 03 tháng 02 năm 2021");

  const target = page.locator("article.target", { hasText: "50% có trình độ chuyên môn thạc sĩ trở lên (tăng 17% so với hiện nay)" });
  await expect(target.locator(".value")).toHaveText("0/2 = 0%");
  await target.getByRole("button", { name: "Ai đạt, ai chưa đạt" }).tap();
  await expect(target.locator(".members")).toContainText("Chưa đạt (2)");
  await page.screenshot({ path: testInfo.outputPath("directive-768x1024.png") });

  // Send one of them to a master's programme: "đang học" counts for this target.
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await page.locator(".cadre-row", { hasText: "Lục Thị Hoa" }).tap();
  await page.locator("#f-professional-studying").selectOption({ label: "Thạc sĩ" });
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(page.locator(".cadre-row", { hasText: "Lục Thị Hoa" })).toContainText("đang học Thạc sĩ");

  await page.getByRole("link", { name: "Văn bản, chỉ tiêu" }).tap();
  await page.locator(".directive-row", { hasText: "02-ĐA/HU" }).tap();
  await expect(target.locator(".value")).toHaveText("1/2 = 50%");
  await expect(target.locator(".status")).toHaveText("Đạt");

  // The directive is stored: it is still there after a reload.
  await page.reload();
  await expect(target.locator(".value")).toHaveText("1/2 = 50%");

  await page.getByRole("link", { name: "Đề xuất cử đi học" }).tap();
  await expect(page.locator(".suggest-table").first()).toContainText("Hoàng Văn Thắng");
  // Grouped by target with its count; the filters narrow the batch, the print and the export.
  await expect(page.locator(".batch h3").first()).toHaveText(/^Chỉ tiêu \d+: \d+ người$/);
  const summary = page.getByRole("status").filter({ hasText: "Đợt đã chọn" });
  await expect(summary).toContainText("người được đề xuất");
  await page.getByLabel("Năm cử đi").selectOption({ index: 1 });
  await expect(page.locator(".print-subtitle")).toHaveText(/^Năm \d{4}$/);

  // The status report in the document's own wording.
  await page.getByRole("link", { name: "← Về văn bản" }).tap();
  await page.getByRole("link", { name: "Thực trạng" }).tap();
  const group = page.locator(".status-group", { hasText: "Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI" });
  // Nobody holds a master's yet: "Đang học thạc sĩ", as seed 002 writes "Đang học Tiến sĩ 01".
  await expect(group.locator(".paragraph")).toContainText(
    "Trình độ chuyên môn: Đang học thạc sĩ 01 đồng chí, chiếm 50,0%; Đại học 01 đồng chí, chiếm 50,0%.",
  );
  await page.getByLabel("Gộp người đang học vào trình độ đang học", { exact: false }).uncheck();
  await expect(group.locator(".paragraph")).toContainText("Trình độ chuyên môn: Đại học 02 đồng chí, chiếm 100,0%.");

  // Seed 004-style table by age band: both were born in 1978.
  await page.getByLabel("Thống kê theo").selectOption({ label: "Bảng độ tuổi (dưới 40, 40-45 ... trên 55)" });
  const table = page.locator("figure.report-table", { hasText: "Bảng 4." });
  const row = table.locator("tr", { hasText: "Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI" });
  await expect(row.locator("td").last()).toHaveText("2");
  await expect(table.locator("tr", { hasText: "Tỷ lệ" })).toContainText("100,00%");
});
