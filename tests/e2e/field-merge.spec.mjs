// Hợp nhất theo trường: two officers, each in their own browser context (their own device and
// IndexedDB), correct the same cadre and exchange snapshot files both ways. Corrections of
// different fields both survive without a question; the same field changed on both sides is
// asked once, with both values and who changed each; an undone nomination stays undone when a
// file made before the undo comes back.
import { test, expect } from "@playwright/test";
import { open, addUnit, addCadre, addCommitteeMember } from "./helpers.mjs";

/** Opens the share page through the shell's link. */
async function openShare(page) {
  await page.getByRole("link", { name: "Trao đổi dữ liệu" }).first().tap();
  await expect(page.getByRole("heading", { name: "Trao đổi dữ liệu" })).toBeVisible();
}

/** Exports the whole database as `sender`, returns the saved file's path. */
async function exportAll(page, testInfo, as, sender) {
  await openShare(page);
  await page.getByLabel("Người gửi").fill(sender);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải tệp về" }).tap()]);
  const path = testInfo.outputPath(as);
  await download.saveAs(path);
  await expect(page.getByRole("status").filter({ hasText: "Đã xuất tệp" })).toBeVisible();
  return path;
}

/** Picks a file on the share page and waits for the preview. */
async function pick(page, file) {
  await openShare(page);
  await page.locator("#share-file").setInputFiles(file);
  await expect(page.locator(".preview")).toBeVisible();
}

/** Applies the preview on screen. */
async function apply(page) {
  await page.getByRole("button", { name: "Áp dụng" }).tap();
  await expect(page.getByRole("status").filter({ hasText: "Đã nhập tệp" })).toBeVisible();
}

/** Opens a cadre's form from the roster. */
async function openCadre(page, name) {
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await page.locator(".cadre-row", { hasText: name }).tap();
  await expect(page.getByLabel("Họ và tên")).toHaveValue(name);
}

/** Saves one change made by `edit` on the open cadre form. */
async function editCadre(page, name, edit) {
  await openCadre(page, name);
  await edit(page);
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
}

const setBirthYear = (year) => (page) => page.getByLabel("Năm sinh").fill(year);
const setNote = (text) => (page) => page.locator("#f-note").fill(text);

async function newOfficer(browser, testInfo) {
  const { baseURL, viewport, hasTouch, locale } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, viewport, hasTouch, locale, acceptDownloads: true });
  return context.newPage();
}

test("different fields corrected on two devices both survive, the same field is asked once", async ({ browser }, testInfo) => {
  const a = await newOfficer(browser, testInfo);
  const b = await newOfficer(browser, testInfo);
  expect(a.viewportSize()).toEqual({ width: 768, height: 1024 });

  // A starts the roster and sends it; B takes it in.
  await open(a);
  await addUnit(a, "UBND xã Nậm Sơn");
  await addCadre(a, { name: "Nguyễn Văn An", birthYear: "1985", unit: "UBND xã Nậm Sơn" });
  const start = await exportAll(a, testInfo, "a0.json", "Cán bộ A");
  await open(b);
  await pick(b, start);
  await apply(b);

  // Each corrects a different field of the same cadre, then each sends a file to the other.
  await editCadre(a, "Nguyễn Văn An", setBirthYear("1980"));
  await editCadre(b, "Nguyễn Văn An", setNote("Đã học xong trung cấp lý luận"));
  const fromA = await exportAll(a, testInfo, "a1.json", "Cán bộ A");
  const fromB = await exportAll(b, testInfo, "b1.json", "Cán bộ B");

  // B receives A's: a change, no question, both corrections on B's device.
  await pick(b, fromA);
  await expect(b.locator('[data-count="conflicts"]')).toHaveText("0");
  await expect(b.locator('[data-count="changed"]')).toHaveText("1");
  await expect(b.locator(".question")).toHaveCount(0);
  await apply(b);
  await openCadre(b, "Nguyễn Văn An");
  await expect(b.getByLabel("Năm sinh")).toHaveValue("1980");
  await expect(b.locator("#f-note")).toHaveValue("Đã học xong trung cấp lý luận");

  // A receives B's: the same, from the other side.
  await pick(a, fromB);
  await expect(a.locator('[data-count="conflicts"]')).toHaveText("0");
  await expect(a.locator(".question")).toHaveCount(0);
  await apply(a);
  await openCadre(a, "Nguyễn Văn An");
  await expect(a.getByLabel("Năm sinh")).toHaveValue("1980");
  await expect(a.locator("#f-note")).toHaveValue("Đã học xong trung cấp lý luận");

  // Now both change Ghi chú, and B also changes the birth year: one question, for Ghi chú.
  await editCadre(a, "Nguyễn Văn An", setNote("Ghi chú của A"));
  await editCadre(b, "Nguyễn Văn An", async (page) => {
    await setNote("Ghi chú của B")(page);
    await setBirthYear("1981")(page);
  });
  const again = await exportAll(a, testInfo, "a2.json", "Cán bộ A");
  await pick(b, again);
  await expect(b.locator('[data-count="conflicts"]')).toHaveText("1");
  const question = b.locator(".change.conflict .question");
  await expect(question).toHaveCount(1);
  await expect(question.locator("legend")).toHaveText("Cả hai bên đã sửa: Ghi chú");
  await expect(question.locator(".mine")).toContainText("Ghi chú của B");
  await expect(question.locator(".mine")).toContainText("sửa bởi Cán bộ B lúc");
  await expect(question.locator(".theirs")).toContainText("Ghi chú của A");
  await expect(question.locator(".theirs")).toContainText("sửa bởi Cán bộ A lúc");
  await testInfo.attach("field-question-768x1024", { body: await b.screenshot({ fullPage: true }), contentType: "image/png" });
  // Unanswered: nothing written.
  await b.getByRole("button", { name: "Áp dụng" }).tap();
  await expect(b.locator(".toast.error")).toContainText("1 xung đột chưa chọn");
  await b.getByRole("button", { name: "Đóng thông báo" }).tap();
  await question.getByRole("button", { name: "Lấy của họ" }).tap();
  await expect(question.getByRole("button", { name: "Lấy của họ" })).toHaveAttribute("aria-pressed", "true");
  await apply(b);
  // Their note, and B's own birth year kept (a field only B changed).
  await openCadre(b, "Nguyễn Văn An");
  await expect(b.locator("#f-note")).toHaveValue("Ghi chú của A");
  await expect(b.getByLabel("Năm sinh")).toHaveValue("1981");

  // B's answer travels back: A is not asked again and ends with the same record.
  const answered = await exportAll(b, testInfo, "b2.json", "Cán bộ B");
  await pick(a, answered);
  await expect(a.locator('[data-count="conflicts"]')).toHaveText("0");
  await expect(a.locator(".question")).toHaveCount(0);
  await apply(a);
  await openCadre(a, "Nguyễn Văn An");
  await expect(a.locator("#f-note")).toHaveValue("Ghi chú của A");
  await expect(a.getByLabel("Năm sinh")).toHaveValue("1981");

  await a.context().close();
  await b.context().close();
});

test("an undone nomination stays undone when a file made before the undo comes back", async ({ browser }, testInfo) => {
  const a = await newOfficer(browser, testInfo);
  const b = await newOfficer(browser, testInfo);
  const line = "Cao cấp lý luận chính trị và Hoàn chỉnh chương trình cao cấp lý luận chính trị";

  // A nominates a cadre to a course line of the built-in 2021 plan.
  await open(a);
  await addUnit(a, "Ban Tổ chức Tỉnh ủy");
  await addCommitteeMember(a, "Phạm Văn Bình", "Ban Tổ chức Tỉnh ủy");
  await a.getByRole("link", { name: "Kế hoạch, lớp học" }).tap();
  await a.getByRole("button", { name: "Dùng mẫu kế hoạch" }).tap();
  await a.locator(".plan-row", { hasText: "năm 2021" }).getByRole("link").tap();
  await a.getByRole("link", { name: line, exact: true }).tap();
  await a.locator(".nominate-list label", { hasText: "Phạm Văn Bình" }).locator("input").check();
  await a.getByRole("button", { name: "Đề cử 1 người" }).tap();
  await expect(a.locator(".enrollment-row")).toHaveCount(1);

  // While the line page keeps its undo, a second tab of A sends the data with the nomination.
  const a2 = await a.context().newPage();
  await open(a2);
  const withNomination = await exportAll(a2, testInfo, "a-nominated.json", "Cán bộ A");
  await a2.close();
  await a.getByRole("button", { name: "Hoàn tác" }).tap();
  await expect(a.locator(".enrollment-row")).toHaveCount(0);

  // B takes the file in (the nomination with it) and sends its data back.
  await open(b);
  await pick(b, withNomination);
  await apply(b);
  const fromB = await exportAll(b, testInfo, "b-nominated.json", "Cán bộ B");

  // A merges B's file: the nomination A undid does not come back.
  await pick(a, fromB);
  await expect(a.locator('[data-count="new"]')).toHaveText("0");
  await apply(a);
  await a.getByRole("link", { name: "Kế hoạch, lớp học" }).tap();
  await a.locator(".plan-row", { hasText: "năm 2021" }).getByRole("link").tap();
  await a.getByRole("link", { name: line, exact: true }).tap();
  await expect(a.getByRole("heading", { name: line })).toBeVisible();
  await expect(a.locator(".enrollment-row")).toHaveCount(0);
  await expect(a.getByText("Chưa cử ai vào lớp này.")).toBeVisible();

  // The deletion travels: B's copy of the nomination goes when A's file arrives.
  const undone = await exportAll(a, testInfo, "a-undone.json", "Cán bộ A");
  await pick(b, undone);
  await expect(b.locator('[data-count="deleted"]')).toHaveText("1");
  await apply(b);
  await b.getByRole("link", { name: "Kế hoạch, lớp học" }).tap();
  await b.locator(".plan-row", { hasText: "năm 2021" }).getByRole("link").tap();
  await b.getByRole("link", { name: line, exact: true }).tap();
  await expect(b.locator(".enrollment-row")).toHaveCount(0);

  await a.context().close();
  await b.context().close();
});

test("two tabs: corrections of different fields of one cadre both land; the same field is refused naming it alone", async ({ context }) => {
  const one = await context.newPage();
  await open(one);
  await addUnit(one, "UBND xã Tả Củ Tỷ");
  await addCadre(one, { name: "Sùng A Lử", birthYear: "1985", unit: "UBND xã Tả Củ Tỷ" });
  const two = await context.newPage();
  await open(two);
  for (const p of [one, two]) {
    await p.bringToFront();
    await openCadre(p, "Sùng A Lử");
  }
  await one.bringToFront();
  await one.getByLabel("Năm sinh").fill("1979");
  await one.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(one.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  // Tab two opened the cadre before that save and corrects another field: no conflict.
  await two.bringToFront();
  await two.locator("#f-note").fill("sửa ở thẻ hai");
  await two.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(two.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  await openCadre(two, "Sùng A Lử");
  await expect(two.getByLabel("Năm sinh")).toHaveValue("1979");
  await expect(two.locator("#f-note")).toHaveValue("sửa ở thẻ hai");

  // Both change Ghi chú from the same opened version: the second save names Ghi chú only.
  await one.bringToFront();
  await openCadre(one, "Sùng A Lử");
  await two.bringToFront();
  await two.getByLabel("Dân tộc", { exact: true }).fill("Mông");
  await two.locator("#f-note").fill("thẻ hai lần hai");
  await two.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(two.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  await one.bringToFront();
  await one.locator("#f-note").fill("thẻ một lần hai");
  await one.getByRole("button", { name: "Lưu", exact: true }).tap();
  const summary = one.locator(".error-summary");
  await expect(summary).toContainText('Ghi chú: đang lưu "thẻ hai lần hai", bản của bạn "thẻ một lần hai"');
  await expect(summary).not.toContainText("Dân tộc");
  // Overwriting keeps tab two's other correction (Dân tộc) and puts my note.
  await one.getByRole("button", { name: "Ghi đè bằng bản của tôi" }).tap();
  await expect(one.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  await openCadre(one, "Sùng A Lử");
  await expect(one.locator("#f-note")).toHaveValue("thẻ một lần hai");
  await expect(one.getByLabel("Dân tộc", { exact: true })).toHaveValue("Mông");
});
