// Groups that fit the officer's roster (issue 12): Thực trạng of 02-ĐA/HU opens on the year
// the scheme counted its people (2021), this year is one tap away and the choice is kept per
// directive; the group form says how many people the rule being typed takes, and who.
import { test, expect } from "@playwright/test";
import { open } from "./helpers.mjs";

const THIS_YEAR = new Date().getFullYear();

/** Loads the demo (Hoàng Su Phì + Quảng Nam) and waits for the Thực trạng of 02-ĐA/HU. */
async function openDemo(page) {
  await open(page);
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).tap();
  await expect(page.getByRole("heading", { name: /Thực trạng đội ngũ cán bộ/i })).toBeVisible({ timeout: 30_000 });
}

test("Thực trạng opens on the scheme's own year, this year is one tap away, and the choice is remembered", async ({ page }) => {
  test.setTimeout(120_000);
  await openDemo(page);
  const year = page.getByLabel("Tính tuổi theo năm");
  await expect(year).toHaveValue("2021");
  await expect(page.locator(".report-title")).toContainText("Thực trạng đội ngũ cán bộ năm 2021");
  // §1.3 as the document prints it, under-35s counted in 2021.
  const g13 = page.locator(".status-group", { hasText: "Chức danh trưởng, phó các cơ quan, ban, ngành, đoàn thể huyện" }).first();
  await expect(g13.locator(".paragraph")).toContainText("tổng số 73 đồng chí");
  await expect(g13.locator(".paragraph")).toContainText("Dưới 35 tuổi có 03 đồng chí, chiếm 4,1%.");

  await page.getByRole("button", { name: `Năm nay (${THIS_YEAR})` }).tap();
  await expect(year).toHaveValue(String(THIS_YEAR));
  await expect(page.locator(".report-title")).toContainText(`năm ${THIS_YEAR}`);
  await expect(page.getByRole("button", { name: /^Năm nay/ })).toHaveCount(0);

  await page.reload();
  await expect(year).toHaveValue(String(THIS_YEAR));
  await page.getByRole("button", { name: "Năm của văn bản (2021)" }).tap();
  await expect(year).toHaveValue("2021");

  // A year typed is kept too.
  await year.fill("2023");
  await year.press("Tab");
  await page.reload();
  await expect(year).toHaveValue("2023");
  await expect(page.getByRole("button", { name: `Năm nay (${THIS_YEAR})` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Năm của văn bản (2021)" })).toBeVisible();
});

test("the group form counts who the rule takes as it is typed, and lists them", async ({ page }) => {
  test.setTimeout(120_000);
  await openDemo(page);
  await page.getByRole("link", { name: "← Về văn bản" }).tap();
  await page.getByRole("link", { name: "Sửa văn bản" }).tap();
  await expect(page.getByRole("heading", { name: "Sửa văn bản" })).toBeVisible({ timeout: 30_000 });

  // A template group: §1.3, 73 people, the first 50 listed.
  const row = page.locator(".group-list li", { hasText: "Chức danh trưởng, phó các cơ quan, ban, ngành, đoàn thể huyện" }).first();
  await row.getByRole("button", { name: "Sửa" }).tap();
  const form = page.getByRole("group", { name: "Biểu mẫu nhóm đối tượng" });
  const count = form.locator(".match-count");
  await expect(count).toContainText("Khớp 73 người");
  await form.getByRole("button", { name: "Xem danh sách" }).tap();
  await expect(form.locator(".match-list li")).toHaveCount(50);
  await expect(form.locator(".group-matches")).toContainText("và 23 người khác");
  await form.getByRole("button", { name: "Ẩn danh sách" }).tap();
  await expect(form.locator(".match-list")).toHaveCount(0);
  await form.getByRole("button", { name: "Hủy" }).tap();

  // A new group, the count following each keystroke: heads of the Hội Nông dân, then only
  // in the communes.
  await page.getByRole("button", { name: "+ Thêm nhóm" }).tap();
  await form.getByLabel("Tên nhóm (như văn bản viết)").fill("Chủ tịch Hội Nông dân xã");
  // The form is a tree of conditions: the first one holds a post (the default kind).
  await form.getByRole("button", { name: "+ Thêm điều kiện", exact: true }).tap();
  const post = form.getByRole("group", { name: "Điều kiện 1" });
  await post.getByLabel("Chức danh (cách nhau bằng dấu ;").fill("Chủ tịch Hội ND; Chủ tịch Hội Nông dân");
  await post.getByLabel("Chức danh so khớp").selectOption({ label: "bắt đầu bằng" });
  await expect(count).toContainText("Khớp 25 người");
  await post.getByText("Đơn vị của chức vụ").tap();
  await post.getByRole("group", { name: "Cấp", exact: true }).getByLabel("Cấp xã").check();
  await expect(count).toContainText("Khớp 24 người");
  await form.getByRole("button", { name: "Xem danh sách" }).tap();
  const people = form.locator(".match-list li");
  await expect(people).toHaveCount(24);
  for (const unit of await people.locator(".sub").allTextContents()) expect(unit).toContain("Hội Nông dân");
  // And a nhãn the roster does not carry: nobody; the condition removed, 24 again.
  await form.getByRole("button", { name: "+ Thêm điều kiện", exact: true }).tap();
  const label = form.getByRole("group", { name: "Điều kiện 2" });
  await label.getByLabel("Điều kiện 2", { exact: true }).selectOption({ label: "Có nhãn (cột riêng)" });
  await label.getByLabel("Nhãn (cột riêng của danh sách)").fill("Nhóm");
  await label.getByLabel("Giá trị nhãn (cách nhau bằng dấu ;)").fill("2.3");
  await expect(count).toContainText("Chưa khớp người nào");
  await form.getByRole("button", { name: "Bỏ điều kiện 2" }).tap();
  await expect(count).toContainText("Khớp 24 người");
  await form.getByRole("button", { name: "Lưu nhóm" }).tap();
  await expect(page.locator(".group-list")).toContainText("Chủ tịch Hội Nông dân xã");
});
