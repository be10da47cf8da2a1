import { test, expect } from "@playwright/test";
import { open, addUnit, addCommitteeMember } from "./helpers.mjs";


const people = ["Hoàng Văn Thắng", "Lục Thị Hoa", "Vàng Seo Lử"];

test("from a target's gap to a class to results: the target moves", async ({ page }, testInfo) => {
  await open(page);
  await addUnit(page, "Huyện ủy Hoàng Su Phì");
  for (const name of people) await addCommitteeMember(page, name, "Huyện ủy Hoàng Su Phì");

  await page.getByRole("link", { name: "Văn bản, chỉ tiêu" }).tap();
  await page.getByRole("button", { name: "Dùng mẫu Đề án 02-ĐA/HU" }).tap();
  const target = page.locator("article.target", { hasText: "50% có trình độ chuyên môn thạc sĩ trở lên (tăng 17% so với hiện nay)" });
  await expect(target.locator(".value")).toHaveText("0/3 = 0%");

  // The plan template: seed 003's lines, budget and sections.
  await page.getByRole("link", { name: "Kế hoạch, lớp học" }).tap();
  await expect(page.getByRole("heading", { name: "Kế hoạch đào tạo, bồi dưỡng" })).toBeVisible();
  await page.getByRole("button", { name: "Dùng mẫu kế hoạch" }).tap();
  await page.locator(".plan-row", { hasText: "năm 2021" }).getByRole("link").tap();
  await expect(page.locator(".doc-kind")).toHaveText("KẾ HOẠCH");
  await expect(page.getByRole("heading", { name: "II. Về công tác đào tạo" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "III. Về công tác bồi dưỡng" })).toBeVisible();
  await expect(page.locator(".plan-budget")).toContainText("11.147.406.000 đồng");
  await expect(page.locator(".plan-budget")).toContainText("7.237.406.000 đồng");
  await page.screenshot({ path: testInfo.outputPath("plan-768x1024.png"), fullPage: true });

  // The master's line: nominate the three in bulk, picked from the directive's "Đề xuất cử
  // đi học" list.
  await page.getByRole("link", { name: "Đào tạo sau đại học", exact: true }).tap();
  await expect(page.getByRole("heading", { name: "Đào tạo sau đại học" })).toBeVisible();
  const from = page.getByLabel("Chọn theo đề xuất cử đi học của văn bản");
  const option = await from.locator("option", { hasText: "02-ĐA/HU" }).getAttribute("value");
  await from.selectOption(option);
  for (const name of people) await expect(page.locator(".nominate-list label", { hasText: name }).locator("input")).toBeChecked();
  await page.getByRole("button", { name: "Đề cử 3 người" }).tap();
  const rows = page.locator(".enrollment-row");
  await expect(rows).toHaveCount(3);
  await expect(page.locator(".line-tally")).toContainText("Đề cử: 03");

  // Start: all three đang học; undo puts them back to đề cử; start again.
  for (const name of people) await page.getByLabel(`Chọn ${name}`).check();
  await page.getByRole("button", { name: "Nhập học" }).tap();
  await expect(page.locator(".line-tally")).toContainText("Đang học: 03");
  await page.getByRole("button", { name: "Hoàn tác" }).tap();
  await expect(page.locator(".line-tally")).toContainText("Đề cử: 03");
  await expect(page.locator(".line-tally")).toContainText("Đang học: 00");
  for (const name of people) await page.getByLabel(`Chọn ${name}`).check();
  await page.getByRole("button", { name: "Nhập học" }).tap();
  await expect(page.locator(".line-tally")).toContainText("Đang học: 03");

  // The class finishes: two completed, the third is still studying.
  await page.getByLabel(`Chọn ${people[0]}`).check();
  await page.getByLabel(`Chọn ${people[1]}`).check();
  await page.getByRole("button", { name: "Hoàn thành", exact: true }).tap();
  await expect(page.locator(".line-tally")).toContainText("Hoàn thành: 02");
  await expect(rows.filter({ hasText: people[2] }).locator(".status")).toHaveText("Đang học");
  await expect(rows.filter({ hasText: people[0] }).locator(".status")).toHaveText("Hoàn thành");
  await page.screenshot({ path: testInfo.outputPath("line-768x1024.png"), fullPage: true });

  // The plan's table counts them.
  await page.getByRole("link", { name: "← Về kế hoạch" }).tap();
  const line = page.locator(".line-row", { hasText: "Đào tạo sau đại học" });
  // Kinh phí (none typed), đề cử / đang học / hoàn thành, ngoài kế hoạch.
  await expect(line.locator("td.num")).toHaveText(["", "0", "1", "2", "0"]);

  // Dispatch statistics: this year's own records beside the historical tables.
  await page.getByRole("link", { name: "← Kế hoạch" }).tap();
  await page.getByRole("link", { name: "Thống kê cử đi học" }).tap();
  await expect(page.locator(".aggregate-label").first()).toContainText("Số liệu nhập tay trước khi dùng ứng dụng");
  const year = String(new Date().getFullYear());
  await expect(page.locator(".stats-own tr", { hasText: year }).locator("td")).toHaveText([year, "-", "3", "-", "0"]);
  await expect(page.locator(".stats-own tr", { hasText: "2010" }).locator("td")).toHaveText(["2010", "1.528", "0", /\d/, "0"]);
  // The same years as a bar chart (entered figures and the app's own, side by side) and CSV.
  const chart = page.locator("figure.chart", { hasText: "Lượt cử đi đào tạo, bồi dưỡng theo năm" });
  await expect(chart.locator("rect title", { hasText: "2010 - Đào tạo (nhập tay): 1528 lượt" })).toBeAttached();
  await expect(chart.locator("rect title", { hasText: `${year} - Đào tạo (ứng dụng): 3 lượt` })).toBeAttached();
  await expect(page.getByRole("button", { name: "Tải CSV (số lượt theo năm)" })).toBeVisible();

  // The roster changed: two hold a master's degree, the third is still studying.
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await expect(page.locator(".cadre-row", { hasText: people[2] })).toContainText("đang học Thạc sĩ");
  await expect(page.locator(".cadre-row", { hasText: people[0] })).not.toContainText("đang học");

  // And the directive's target rose.
  await page.getByRole("link", { name: "Văn bản, chỉ tiêu" }).tap();
  await page.locator(".directive-row", { hasText: "02-ĐA/HU" }).tap();
  await expect(target.locator(".value")).toHaveText("3/3 = 100%");
  await expect(target.locator(".status")).toHaveText("Đạt");
});

test("a record-based target scores from enrollments, with the what-if while they study", async ({ page }) => {
  await open(page);
  await addUnit(page, "Ban Tổ chức Tỉnh ủy");
  await addCommitteeMember(page, "Phạm Văn Bình", "Ban Tổ chức Tỉnh ủy");

  await page.getByRole("link", { name: "Văn bản, chỉ tiêu" }).tap();
  await page.getByRole("button", { name: "Dùng mẫu Kế hoạch" }).tap();
  const target = page.locator("article.target", { hasText: "dự kiến 145 chỉ tiêu" });
  await expect(target.locator(".value")).toHaveText("chưa có dữ liệu");

  await page.getByRole("link", { name: "Kế hoạch, lớp học" }).tap();
  await page.getByRole("button", { name: "Dùng mẫu kế hoạch" }).tap();
  await page.locator(".plan-row", { hasText: "năm 2021" }).getByRole("link").tap();
  await page.getByRole("link", { name: "Cao cấp lý luận chính trị và Hoàn chỉnh chương trình cao cấp lý luận chính trị", exact: true }).tap();
  await page.locator(".nominate-list label", { hasText: "Phạm Văn Bình" }).locator("input").check();
  await page.getByRole("button", { name: "Đề cử 1 người" }).tap();
  // Outside the line's audience (no leadership post, not planned for one): a warning, not a block.
  await expect(page.locator(".warnings")).toContainText("không thuộc đối tượng của lớp");
  await expect(page.locator(".enrollment-row")).toHaveCount(1);
  await page.getByLabel("Chọn Phạm Văn Bình").check();
  await page.getByLabel("Ngày").fill("01/03/2021");
  await page.getByLabel("Ngày").press("Tab");
  await page.getByRole("button", { name: "Nhập học" }).tap();
  await expect(page.locator(".line-tally")).toContainText("Đang học: 01");

  await page.getByRole("link", { name: "Văn bản, chỉ tiêu" }).tap();
  await page.locator(".directive-row").first().tap();
  await expect(target.locator(".value")).toContainText("00 đồng chí");
  await expect(target.locator(".what-if")).toContainText("Nếu các đồng chí đang học hoàn thành: 1");

  await page.getByRole("link", { name: "Kế hoạch, lớp học" }).tap();
  await page.locator(".plan-row", { hasText: "năm 2021" }).getByRole("link").tap();
  await page.getByRole("link", { name: "Cao cấp lý luận chính trị và Hoàn chỉnh chương trình cao cấp lý luận chính trị", exact: true }).tap();
  await page.getByLabel("Chọn Phạm Văn Bình").check();
  await page.getByLabel("Ngày").fill("01/12/2021");
  await page.getByLabel("Ngày").press("Tab");
  await page.getByRole("button", { name: "Hoàn thành", exact: true }).tap();
  await expect(page.locator(".line-tally")).toContainText("Hoàn thành: 01");

  await page.getByRole("link", { name: "Văn bản, chỉ tiêu" }).tap();
  await page.locator(".directive-row").first().tap();
  await expect(target.locator(".value")).toContainText("01 đồng chí");
  await expect(target.locator(".what-if")).toHaveCount(0);
});
