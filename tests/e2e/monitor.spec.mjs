// Theo dõi so với mốc: freeze a baseline (Chốt số liệu), change the roster, see the monitoring
// paragraph move by the right amount; type an earlier year's figures (a bad count refused with
// its message, then fixed); delete a baseline and undo; export a snapshot and find the
// baselines on another device (a fresh browser context).
import { test, expect } from "@playwright/test";
import { open, addUnit, addCommitteeMember } from "./helpers.mjs";

const GROUP = "Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI";

async function newOfficer(browser, testInfo) {
  const { baseURL, viewport, hasTouch, locale } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, viewport, hasTouch, locale, acceptDownloads: true });
  return context.newPage();
}

async function openMonitor(page, id) {
  await page.goto(`./van-ban.html#/van-ban/${id}/moc`);
  await expect(page.getByRole("heading", { name: "Các mốc số liệu" })).toBeVisible();
}

test("baselines: freeze, roster change, entered year, delete with undo, travel in a snapshot", async ({ browser }, testInfo) => {
  const a = await newOfficer(browser, testInfo);
  await open(a);
  await addUnit(a, "Huyện ủy Hoàng Su Phì");
  await addCommitteeMember(a, "Hoàng Văn Thắng", "Huyện ủy Hoàng Su Phì");
  await addCommitteeMember(a, "Lục Thị Hoa", "Huyện ủy Hoàng Su Phì");
  await a.getByRole("link", { name: "Văn bản, chỉ tiêu" }).tap();
  await a.getByRole("button", { name: "Dùng mẫu Đề án 02-ĐA/HU" }).tap();
  await expect(a.getByRole("link", { name: "So với mốc" })).toBeVisible();
  const id = decodeURIComponent(new URL(a.url()).hash.split("/")[2]);
  expect(id.length).toBeGreaterThan(8);

  // Chốt số liệu today: the paragraph against it says nothing changed.
  await a.getByRole("link", { name: "So với mốc" }).tap();
  await expect(a.locator(".monitor-paragraph")).toContainText("Chưa có mốc để so sánh.");
  const now = new Date();
  const today = `${String(now.getDate()).padStart(2, "0")}/${String(now.getMonth() + 1).padStart(2, "0")}/${now.getFullYear()}`;
  await a.getByRole("button", { name: "Chốt số liệu", exact: true }).tap();
  await expect(a.locator(".baseline-row")).toHaveCount(1);
  await expect(a.locator(".baseline-row").first()).toContainText(`Chốt số liệu ngày ${today}`);
  const paragraph = a.locator(".monitor-paragraph");
  await expect(paragraph).toContainText(`${GROUP}: Trình độ chuyên môn đại học và sau đại học không thay đổi (100,0%); Trình độ chuyên môn thạc sĩ trở lên không thay đổi (0,0%)`);
  await expect(paragraph).toContainText(`so với năm ${now.getFullYear()}.`);

  // One of the two now holds a master's degree: thạc sĩ trở lên 0% → 50%.
  await a.goto("./#/");
  await a.locator(".cadre-row", { hasText: "Lục Thị Hoa" }).tap();
  await expect(a.getByLabel("Họ và tên")).toHaveValue("Lục Thị Hoa");
  await a.locator("#f-professional").selectOption({ label: "Thạc sĩ" });
  await a.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(a.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  await openMonitor(a, id);
  await expect(paragraph).toContainText(`${GROUP}: Trình độ chuyên môn đại học và sau đại học không thay đổi (100,0%); Trình độ chuyên môn thạc sĩ trở lên tăng 50,0%`);

  // Số liệu năm 2015 typed in: a count above the total is refused, naming group and indicator.
  await a.locator("summary", { hasText: "Nhập số liệu năm trước" }).tap();
  await a.getByLabel("Năm", { exact: true }).fill("2015");
  await a.getByLabel(`${GROUP}: Tổng số`, { exact: true }).fill("2");
  const dh = a.getByLabel(`${GROUP}: Trình độ chuyên môn đại học và sau đại học`, { exact: true });
  await dh.fill("5");
  await a.getByRole("button", { name: "Lưu số liệu" }).tap();
  await expect(a.locator(".error-summary")).toContainText(`Nhóm "${GROUP}", trình độ chuyên môn đại học và sau đại học: 5 người, nhiều hơn tổng số 2 người.`);
  await expect(a.locator(".baseline-row")).toHaveCount(1);
  await dh.fill("1");
  await a.getByRole("button", { name: "Lưu số liệu" }).tap();
  await expect(a.locator(".error-summary")).toHaveCount(0);
  await expect(a.locator(".baseline-row")).toHaveCount(2);
  // Compared against 2015 (the one just saved): 50% → 100%.
  await expect(a.locator(".monitor-result h2")).toContainText("So với mốc: Số liệu năm 2015 (nhập tay)");
  await expect(paragraph).toHaveText(`${GROUP}: Trình độ chuyên môn đại học và sau đại học tăng 50,0% so với năm 2015.`);

  // Delete the frozen one, undo.
  await a.getByRole("button", { name: `Xóa mốc Chốt số liệu ngày ${today}` }).tap();
  await expect(a.locator(".baseline-row")).toHaveCount(1);
  await a.getByRole("button", { name: "Hoàn tác", exact: true }).tap();
  await expect(a.locator(".baseline-row")).toHaveCount(2);
  // Survives a reload (it was written, not only shown).
  await a.reload();
  await expect(a.locator(".baseline-row")).toHaveCount(2);

  // Export, import on another device.
  await a.goto("./trao-doi.html#/trao-doi");
  await expect(a.getByRole("heading", { name: "Trao đổi dữ liệu" })).toBeVisible();
  const [download] = await Promise.all([a.waitForEvent("download"), a.getByRole("button", { name: "Tải tệp về" }).tap()]);
  const path = testInfo.outputPath("moc.json");
  await download.saveAs(path);

  const b = await newOfficer(browser, testInfo);
  await open(b);
  await b.getByRole("link", { name: "Trao đổi dữ liệu" }).first().tap();
  await expect(b.getByRole("heading", { name: "Trao đổi dữ liệu" })).toBeVisible();
  await b.locator("#share-file").setInputFiles(path);
  await expect(b.locator(".preview")).toBeVisible();
  await expect(b.locator("table.counts tbody")).toContainText("Mốc số liệu");
  await b.getByRole("button", { name: "Áp dụng" }).tap();
  await expect(b.getByRole("status").filter({ hasText: "Đã nhập tệp" })).toBeVisible();
  await openMonitor(b, id);
  await expect(b.locator(".baseline-row")).toHaveCount(2);
  await expect(b.locator(".baseline-list")).toContainText("Số liệu năm 2015 (nhập tay)");
  await expect(b.locator(".baseline-list")).toContainText(`Chốt số liệu ngày ${today}`);
  await b.getByRole("button", { name: `So sánh với Chốt số liệu ngày ${today}` }).tap();
  await expect(b.locator(".monitor-paragraph")).toContainText(`${GROUP}: Trình độ chuyên môn đại học và sau đại học không thay đổi (100,0%); Trình độ chuyên môn thạc sĩ trở lên tăng 50,0%`);

  await a.context().close();
  await b.context().close();
});
