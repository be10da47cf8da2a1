// So sánh đơn vị on the demo: from a target of 02-ĐA/HU, the district's twelve units compared
// worst first with a bar each; a tapped unit opens its own scores and people; a unit with
// units under it is compared in turn; the page prints on A4 with the report head and no app
// chrome, and downloads as CSV. Thực trạng links each group to the same page. The figures are
// those `crates/view/src/compare/tests.rs` (the_demo_figures_the_browser_test_reads) pins
// natively. 768×1024 with touch.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { printToPdf, squash } from "./pdf.mjs";
import { loadDemo } from "./pages.mjs";

test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true });

const SUMMARY = "Các đơn vị trực thuộc Huyện Hoàng Su Phì (dữ liệu mẫu): 12 đơn vị (Đạt: 2, Đúng tiến độ: 1, Chậm: 9).";

test("a target of 02-ĐA/HU compared unit by unit: rows, bars, a unit's own scores, print and CSV", async ({ page, context }) => {
  test.setTimeout(120_000);
  // window.print is counted, not shown (a headless browser has no print dialog).
  await context.addInitScript(() => {
    window.print = () => sessionStorage.setItem("printed", String(Number(sessionStorage.getItem("printed") || "0") + 1));
  });
  await loadDemo(page);
  await page.goto("./van-ban.html#/van-ban/tpl-002");
  const firstTarget = page.locator("article.target").first();
  await expect(firstTarget).toContainText("50% có trình độ chuyên môn thạc sĩ trở lên", { timeout: 30_000 });
  await firstTarget.getByRole("link", { name: "So sánh đơn vị" }).tap();

  // The district's units, worst first; the district's own line first.
  await expect(page.locator(".report-title")).toContainText("So sánh đơn vị: 50% có trình độ chuyên môn thạc sĩ trở lên", { timeout: 30_000 });
  await expect(page.getByText(SUMMARY)).toBeVisible();
  const rows = page.locator(".compare-table tbody tr");
  await expect(rows).toHaveCount(13);
  await expect(rows.nth(0)).toContainText("Chung toàn đơn vị: Huyện Hoàng Su Phì (dữ liệu mẫu)");
  await expect(rows.nth(0)).toContainText("14/42 = 33,3%");
  await expect(rows.nth(1)).toContainText("UBND huyện Hoàng Su Phì");
  await expect(rows.nth(1)).toContainText("6/17 = 35,3%");
  await expect(rows.nth(1)).toContainText("Đúng tiến độ");
  // The units that reached it come last (among themselves in no promised order).
  const reached = rows.filter({ hasText: "Huyện ủy Hoàng Su Phì" }).first();
  await expect(reached).toContainText("Đạt");
  expect(await rows.evaluateAll((trs) => trs.findIndex((tr) => tr.textContent.includes("Huyện ủy Hoàng Su Phì")))).toBeGreaterThan(9);
  // A bar per unit, its width set through the CSSOM (CSP allows no style attribute string).
  await expect(page.locator(".compare-table .bar .fill")).toHaveCount(13);
  expect(await rows.nth(1).locator(".bar .fill").evaluate((el) => el.style.width)).toBe("35.3%");
  expect(await page.evaluate(() => document.scrollingElement.scrollWidth > window.innerWidth)).toBe(false);

  // A unit tapped: its own scores of every target and who counts there.
  await page.getByRole("button", { name: "UBND huyện Hoàng Su Phì", exact: true }).tap();
  const panel = page.locator(".drill-panel");
  await expect(panel.getByRole("heading", { name: "UBND huyện Hoàng Su Phì: điểm riêng của đơn vị" })).toBeVisible();
  await expect(panel.getByRole("heading", { name: "Đạt (6)" })).toBeVisible();
  await expect(panel.getByRole("heading", { name: "Chưa đạt (11)" })).toBeVisible();
  await expect(panel.locator(".drill-lines li").first()).toContainText("6/17 = 35,3%");
  // A second tap closes it.
  await page.getByRole("button", { name: "UBND huyện Hoàng Su Phì", exact: true }).tap();
  await expect(panel).toHaveCount(0);

  // Print: the report head, the summary and the table; no app chrome, no drill panel.
  await page.getByRole("button", { name: "In", exact: true }).tap();
  expect(await page.evaluate(() => sessionStorage.getItem("printed"))).toBe("1");
  const pages = await printToPdf(page);
  const text = squash(pages.join(" "));
  // The report head of the printouts (its motto is the one the report settings choose).
  expect(text).toMatch(new RegExp(`${squash("ĐẢNG CỘNG SẢN VIỆT NAM")}|${squash("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")}`));
  for (const want of ["So sánh đơn vị: 50% có trình độ chuyên môn thạc sĩ trở lên", "UBND huyện Hoàng Su Phì", "6/17 = 35,3%", "Huyện ủy Hoàng Su Phì"]) {
    expect(text, want).toContain(squash(want));
  }
  for (const chrome of ["Văn bản, chỉ tiêu", "Tải CSV", "So sánh theo", "Bấm vào tên một đơn vị", "Phần đầu, ngày tháng"]) {
    expect(text, chrome).not.toContain(squash(chrome));
  }

  // CSV: the same cells.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải CSV" }).tap()]);
  expect(download.suggestedFilename()).toMatch(/^so-sanh-don-vi-.*\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain("UBND huyện Hoàng Su Phì");
  expect(csv).toContain("6/17 = 35,3%");

  // The communes, under UBND huyện: compared in turn.
  await rows.nth(1).getByRole("link", { name: "Các đơn vị trực thuộc" }).tap();
  await expect(page.getByText(/^Các đơn vị trực thuộc UBND huyện Hoàng Su Phì: \d+ đơn vị/)).toBeVisible({ timeout: 30_000 });
  expect(await rows.count()).toBeGreaterThan(2);
  await expect(rows.nth(0)).toContainText("Chung toàn đơn vị: UBND huyện Hoàng Su Phì");
  await expect(rows.nth(0)).toContainText("6/17 = 35,3%");
});

test("thực trạng links each group to its units compared", async ({ page }) => {
  test.setTimeout(90_000);
  await loadDemo(page);
  const group = page.locator(".group-choice", { hasText: "Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI" });
  await group.getByRole("link", { name: "So sánh đơn vị" }).tap();
  await expect(page.locator(".report-title")).toContainText("So sánh đơn vị: thực trạng Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI", { timeout: 30_000 });
  const header = page.locator(".compare-table thead");
  for (const column of ["Tổng số", "Người địa phương", "Cán bộ nữ", "Dưới 35 tuổi", "Trình độ chuyên môn"]) {
    await expect(header).toContainText(column);
  }
  const rows = page.locator(".compare-table tbody tr");
  await expect(rows.nth(0)).toContainText("Chung toàn đơn vị: Huyện Hoàng Su Phì (dữ liệu mẫu)");
  await expect(rows.nth(0).locator("td").first()).toHaveText("42");
  // Another subject from the list: a target of the same directive.
  await page.getByLabel("So sánh theo").selectOption({ index: 0 });
  await expect(page.getByText(SUMMARY)).toBeVisible({ timeout: 30_000 });
});
