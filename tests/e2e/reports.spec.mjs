// Reports on paper: the status report (thực trạng) and the directive progress report printed to
// PDF by headless Chromium, read back with pdf.js: page count, official head, place-date line,
// body and signature, and no app chrome. Plus a table's CSV and Excel downloads.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { printToPdf, squash } from "./pdf.mjs";
import { open, addUnit, addCommitteeMember } from "./helpers.mjs";

const XLSX = createRequire(import.meta.url)("xlsx");

async function fillHead(page) {
  await page.locator("summary", { hasText: "Phần đầu, ngày tháng và chữ ký khi in" }).tap();
  await page.getByLabel("Cơ quan cấp trên").fill("Huyện ủy Hoàng Su Phì");
  await page.getByLabel("Cơ quan ban hành").fill("Ban Tổ chức");
  await page.getByLabel("Số, ký hiệu").fill("15-BC/BTCHU");
  await page.getByLabel("Địa danh").fill("Hoàng Su Phì");
  await page.getByLabel("Ngày", { exact: true }).fill("03/02/2021");
  await page.getByLabel("Chức vụ người ký", { exact: false }).fill("K/T Trưởng ban / Phó Trưởng ban");
  await page.getByLabel("Họ tên người ký").fill("Lù Văn Páo");
  await page.getByLabel("Nơi nhận", { exact: false }).fill("Thường trực Huyện ủy; Các xã, thị trấn");
  // Every field commits on change: leave the last one.
  await page.getByLabel("Họ tên người ký").press("Tab");
}

test("status and progress reports print to A4 PDF with the official head and signature", async ({ page }, testInfo) => {
  await open(page);
  await addUnit(page, "Huyện ủy Hoàng Su Phì");
  await addCommitteeMember(page, "Hoàng Văn Thắng", "Huyện ủy Hoàng Su Phì", { birthYear: "1990" });
  await addCommitteeMember(page, "Lục Thị Hoa", "Huyện ủy Hoàng Su Phì", { birthYear: "1975" });
  await page.getByRole("link", { name: "Văn bản, chỉ tiêu" }).tap();
  await page.getByRole("button", { name: "Dùng mẫu Đề án 02-ĐA/HU" }).tap();

  // Thực trạng in 2021, the year of the đề án.
  await page.getByRole("link", { name: "Thực trạng" }).tap();
  await page.getByLabel("Tính tuổi theo năm").fill("2021");
  await page.getByLabel("Tính tuổi theo năm").press("Tab");
  await fillHead(page);
  const head = page.locator(".report-head");
  await expect(head).toContainText("HUYỆN ỦY HOÀNG SU PHÌ");
  await expect(head).toContainText("BAN TỔ CHỨC");
  await expect(head).toContainText("ĐẢNG CỘNG SẢN VIỆT NAM");
  await expect(head).toContainText("Hoàng Su Phì, ngày 03 tháng 02 năm 2021");
  const group = page.locator(".status-group", { hasText: "Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI" }).first();
  await expect(group.locator(".paragraph")).toContainText("tổng số 02 đồng chí");
  await expect(group.locator(".paragraph")).toContainText("Dưới 35 tuổi có 01 đồng chí, chiếm 50,0%.");
  await expect(page.locator("figure.chart svg rect").first()).toBeVisible();
  await page.locator("figure.chart").first().screenshot({ path: testInfo.outputPath("status-chart.png") });

  // Only the committee's group.
  await page.getByRole("button", { name: "Bỏ chọn" }).tap();
  await page.getByLabel("Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI").check();
  let pages = await printToPdf(page);
  // Head and paragraphs on the first page; Bảng 3 (caption with its rows), the chart and the
  // signature on the second.
  expect(pages.length).toBe(2);
  expect(squash(pages[0])).toContain(squash("Hoàng Su Phì, ngày 03 tháng 02 năm 2021"));
  const second = squash(pages[1]);
  expect(second).toContain(squash("Bảng 3. Thống kê trình độ chuyên môn"));
  expect(second).toContain(squash("TỔNG 2 2 0 0 100,00%"));
  expect(second).toContain(squash("Lù Văn Páo"));
  let text = squash(pages.join(" "));
  for (const want of [
    "HUYỆN ỦY HOÀNG SU PHÌ",
    "BAN TỔ CHỨC",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Số 15-BC/BTCHU",
    "Hoàng Su Phì, ngày 03 tháng 02 năm 2021",
    "Thực trạng đội ngũ cán bộ năm 2021",
    "Trình độ chuyên môn: Đại học 02 đồng chí, chiếm 100,0%.",
    "K/T TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "Lù Văn Páo",
    "- Thường trực Huyện ủy;",
  ]) {
    expect(text, want).toContain(squash(want));
  }
  for (const chrome of ["Văn bản, chỉ tiêu", "Tải CSV", "Sao chép đoạn văn", "Phần đầu, ngày tháng"]) {
    expect(text, chrome).not.toContain(squash(chrome));
  }

  // Every group of the directive: the empty ones still say so, over several pages, and the
  // signature closes the last page.
  await page.getByRole("button", { name: "Chọn tất cả nhóm" }).tap();
  pages = await printToPdf(page);
  expect(pages.length).toBeGreaterThan(1);
  expect(squash(pages[0])).toContain(squash("ĐẢNG CỘNG SẢN VIỆT NAM"));
  expect(squash(pages[pages.length - 1])).toContain(squash("Lù Văn Páo"));
  expect(squash(pages.join(" "))).toContain(squash("Trưởng các ngành đoàn thể xã, thị trấn"));

  // A table downloads as CSV, with a BOM for Excel.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("figure.report-table", { hasText: "Bảng 3." }).getByRole("button", { name: "Tải CSV" }).tap(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^bang-3-.*\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain("Đối tượng,Số lượng,Đại học,\"Thạc sĩ, BS CKI\"");
  expect(csv).toContain("Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI,2,2,0,0");

  // The same table as Excel, written by the Excel worker and read back: counts stay numbers.
  const [xdownload] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("figure.report-table", { hasText: "Bảng 3." }).getByRole("button", { name: "Tải Excel (.xlsx)" }).tap(),
  ]);
  expect(xdownload.suggestedFilename()).toMatch(/^bang-3-.*\.xlsx$/);
  const wb = XLSX.read(await readFile(await xdownload.path()), { type: "buffer" });
  const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1 });
  expect(rows[0].slice(0, 4)).toEqual(["Đối tượng", "Số lượng", "Đại học", "Thạc sĩ, BS CKI"]);
  const member = rows.find((r) => r[0] === "Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI");
  expect(member.slice(1, 5)).toEqual([2, 2, 0, 0]);

  // Báo cáo tiến độ: the head is remembered; every target in the document's sections.
  await page.getByRole("link", { name: "← Về văn bản" }).tap();
  await page.getByRole("link", { name: "Báo cáo tiến độ" }).tap();
  await expect(page.locator(".report-head")).toContainText("BAN TỔ CHỨC");
  await expect(page.locator(".summary-line")).toContainText(/Tổng số \d+ chỉ tiêu:/);
  const row = page.locator(".progress-table tr", { hasText: "thạc sĩ trở lên" }).first();
  await expect(row).toContainText("0/2 = 0%");
  await expect(page.locator("figure.chart svg line.path").first()).toBeAttached();
  await page.screenshot({ path: testInfo.outputPath("progress-768x1024.png") });
  await page.locator("figure.chart").first().screenshot({ path: testInfo.outputPath("progress-chart.png") });
  pages = await printToPdf(page);
  expect(pages.length).toBeGreaterThanOrEqual(2);
  text = squash(pages.join(" "));
  for (const want of ["BÁO CÁO", "Tiến độ thực hiện đề án số 02-ĐA/HU", "Kết quả hiện nay", "0/2 = 0%", "Tiến độ so với lộ trình", "Lù Văn Páo"]) {
    expect(text, want).toContain(squash(want));
  }
  expect(text).not.toContain(squash("In kèm biểu đồ"));
  expect(squash(pages[pages.length - 1])).toContain(squash("Lù Văn Páo"));

  // Without charts the report is shorter on paper.
  await page.getByLabel("In kèm biểu đồ").uncheck();
  const without = await printToPdf(page);
  expect(without.length).toBeLessThanOrEqual(pages.length);
  expect(squash(without.join(" "))).not.toContain(squash("Tiến độ so với lộ trình"));
});
