// Đọc văn bản (issue 17): a seed directive's text pasted into the review, every proposal
// accepted and saved, its targets scored on the demo roster; the same text opened from a
// .docx the test writes (`cargo run --example docx_of_text`), one target corrected in the
// editor and saved; a 20 MB paste, a .docx that is not a zip and a zip bomb each get their
// Vietnamese message, and a .docx holding a table of 10.000 rows is read in bounded time;
// none of them changes anything stored.
//
// The seeds are the specification, kept outside the project (../shared/seeds/ beside the
// repository) and never copied in: without them the first two tests fail under CI and are
// skipped, loudly, elsewhere.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { open, dumpIndexedDb } from "./helpers.mjs";

const SEEDS = join(process.cwd(), "../shared/seeds");
const DIR = "target/e2e/read-document";
const DOCX = join(DIR, "002.docx");
const BOMB = join(DIR, "bom.docx");
const TABLE = join(DIR, "bang-10000-dong.docx");

/** The text of seed `number` ("002": Đề án 02-ĐA/HU, whose roster the demo holds; "003": the
 * Quảng Ngãi plan for 2021), or null. */
function seedText(number) {
  const file = existsSync(SEEDS) && readdirSync(SEEDS).find((f) => f.startsWith(`${number}_`) && f.endsWith(".txt"));
  if (file) return { path: join(SEEDS, file), text: readFileSync(join(SEEDS, file), "utf8") };
  const message = `THE SEED DOCUMENTS ARE MISSING (${SEEDS}): the Đọc văn bản tests on seed ${number} DID NOT RUN.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n*** ${message} ***\n`);
  return null;
}

const seed = seedText("002");
const plan = seedText("003");

test.beforeAll(() => {
  const write = (...args) => execFileSync("cargo", ["run", "--quiet", "--example", "docx_of_text", "--", ...args], { stdio: "inherit", timeout: 900_000 });
  write("--bomb", BOMB);
  write("--table", "10000", TABLE);
  if (seed) write(seed.path, DOCX);
});

/** Opens Đọc văn bản from the directives list. */
async function openReview(page) {
  await page.getByRole("link", { name: "Văn bản, chỉ tiêu" }).tap();
  await page.getByRole("link", { name: "Đọc văn bản" }).tap();
  await expect(page.getByRole("heading", { name: "Đọc văn bản" })).toBeVisible();
}

const counts = (page) => page.locator(".review-counts");
/** The proposals of one kind ("Chỉ tiêu", "Mục", …), by the kind's chip. */
const proposals = (page, kind) => page.locator(".proposal").filter({ has: page.locator(".chip", { hasText: new RegExp(`^${kind}$`) }) });

test("a seed pasted, every proposal accepted and saved, is scored on the demo roster", async ({ page }) => {
  test.skip(!seed, "seed 002 missing (see the warning above)");
  test.setTimeout(120_000);
  await open(page);
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).tap();
  await expect(page.getByRole("heading", { name: /Thực trạng đội ngũ cán bộ/i })).toBeVisible({ timeout: 30_000 });
  await openReview(page);

  await page.getByLabel("Toàn văn văn bản").fill(seed.text);
  await page.getByRole("button", { name: "Đọc", exact: true }).tap();
  await expect(counts(page)).toHaveText(/^\d+ đề xuất: 0 đã nhận, \d+ chờ, 0 bỏ$/);
  // The review below the paste box is brought up, and its bar (Nhận tất cả, Lưu văn bản)
  // stays on top, not under the menu bar, while the page scrolls on.
  const save = page.getByRole("button", { name: "Lưu văn bản" });
  await expect(save).toBeInViewport();
  await expect.poll(() => page.locator(".review-bar").evaluate((bar) => bar.getBoundingClientRect().top)).toBeLessThan(300);
  await page.evaluate(() => window.scrollBy(0, 600));
  const uncovered = () =>
    save.evaluate((button) => {
      const box = button.getBoundingClientRect();
      return box.bottom > 0 && document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === button;
    });
  await expect.poll(uncovered).toBe(true);
  // A target tied to its sentence, the rule's sentence and the people its group holds now.
  const target = proposals(page, "Chỉ tiêu").filter({ hasText: "người trên danh sách hiện nay" }).first();
  await expect(target.locator(".proposal-source")).toContainText("Câu gốc:");
  await expect(target.locator(".proposal-generated")).toContainText("Sẽ thành:");
  await expect(target).toContainText(/Nhóm “.+”: [\d.]+ người trên danh sách hiện nay/);
  // Its span in the text leads to it, and it back to its span.
  await target.getByRole("button", { name: "Xem trong văn bản" }).tap();
  // Its span, cut in pieces around a group named inside it, all marked; the first focused.
  const span = page.locator(".review-text .span.chosen").first();
  await expect(span).toBeFocused();
  await span.tap();
  await expect(page.locator(".proposal.chosen")).toBeFocused();
  await page.screenshot({ path: test.info().outputPath("review-768x1024.png") });

  await page.getByRole("button", { name: "Nhận tất cả" }).tap();
  await expect(counts(page)).toHaveText(/^(\d+) đề xuất: \1 đã nhận, 0 chờ, 0 bỏ$/);
  await page.getByRole("button", { name: "Lưu văn bản" }).tap();

  // An ordinary directive, on the directive page, scored over the demo's 3.201 cadres.
  await expect(page).toHaveURL(/van-ban\.html#\/van-ban\/[^/]+$/);
  await expect(page.locator(".score-date")).toContainText("3.201 cán bộ");
  await expect(page.locator("article.target").first()).toBeVisible();
  await expect(page.locator("article.target .value").filter({ hasText: /\d+\/[1-9][\d.]* = / }).first()).toBeVisible();
  // It is stored: still there after a reload.
  await page.reload();
  await expect(page.locator("article.target .value").filter({ hasText: /\d+\/[1-9][\d.]* = / }).first()).toBeVisible();
});

test("a kế hoạch pasted is saved with its plan and classes, which the plans page shows", async ({ page }) => {
  test.skip(!plan, "seed 003 missing (see the warning above)");
  test.setTimeout(120_000);
  await open(page);
  await openReview(page);
  await page.getByLabel("Toàn văn văn bản").fill(plan.text);
  await page.getByRole("button", { name: "Đọc", exact: true }).tap();
  await expect(counts(page)).toHaveText(/^\d+ đề xuất: 0 đã nhận, \d+ chờ, 0 bỏ$/);
  // Each class and the budget, with the sentence it becomes.
  await expect(proposals(page, "Lớp")).toHaveCount(15);
  // The class's quota split ("… khu vực III: Dự kiến 56 chỉ tiêu") is the class's own, not one
  // more target to drop; the total before it stays a target.
  const targetFrom = (words) => proposals(page, "Chỉ tiêu").filter({ has: page.locator(".proposal-source", { hasText: words }) });
  await expect(targetFrom("dự kiến 145 chỉ tiêu")).toHaveCount(1);
  await expect(targetFrom("Dự kiến 56 chỉ tiêu")).toHaveCount(0);
  await expect(proposals(page, "Lớp").first().locator(".proposal-generated")).toContainText("Lớp Cao cấp lý luận chính trị");
  await expect(proposals(page, "Kinh phí").locator(".proposal-generated")).toContainText("Kinh phí: 11.147.406.000 đồng");
  // One class left out.
  const dropped = proposals(page, "Lớp").nth(14);
  const droppedName = (await dropped.locator(".proposal-generated").textContent()).replace(/^Sẽ thành: Lớp /, "").split(":")[0];
  await page.getByRole("button", { name: "Nhận tất cả" }).tap();
  await dropped.getByRole("button", { name: "Bỏ", exact: true }).tap();
  await page.getByRole("button", { name: "Lưu văn bản" }).tap();
  await expect(page).toHaveURL(/van-ban\.html#\/van-ban\/[^/]+$/);
  // The saving page's message, shown by the directive page it opened.
  await expect(page.locator(".toast")).toContainText("cùng kế hoạch đào tạo, bồi dưỡng (14 lớp)");

  // The plan is an ordinary plan: its budget and its 14 classes on the plans page.
  await page.getByRole("link", { name: "Kế hoạch, lớp học" }).tap();
  await page.locator(".plan-row a").filter({ hasText: "năm 2021" }).tap();
  await expect(page.locator(".page")).toContainText("11.147.406.000");
  await expect(page.locator(".page")).toContainText("Cao cấp lý luận chính trị");
  await expect(page.locator(".page")).not.toContainText(droppedName);
  const stored = await dumpIndexedDb(page);
  expect(JSON.parse(stored.dtbd.stores.course_lines).keys).toHaveLength(14);
  expect(JSON.parse(stored.dtbd.stores.plans).keys).toHaveLength(1);
});

test("the same text opened from a .docx is read, and one target corrected in the editor is saved", async ({ page }) => {
  test.skip(!seed, "seed 002 missing (see the warning above)");
  test.setTimeout(120_000);
  await open(page);
  await openReview(page);
  await page.locator("#read-docx").setInputFiles(DOCX);
  const line = seed.text.split("\n").map((l) => l.trim()).find((l) => l.length > 60);
  await expect(page.getByLabel("Toàn văn văn bản")).toHaveValue(new RegExp(line.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), { timeout: 30_000 });
  await expect(counts(page)).toHaveText(/^\d+ đề xuất: 0 đã nhận/);
  const targets = proposals(page, "Chỉ tiêu");
  await expect(targets.first()).toBeVisible();
  // Bỏ tất cả: nothing to save.
  await page.getByRole("button", { name: "Bỏ tất cả" }).tap();
  await expect(counts(page)).toHaveText(/0 đã nhận, 0 chờ, \d+ bỏ$/);
  await expect(page.getByRole("button", { name: "Lưu văn bản" })).toBeDisabled();

  // Sửa: the editor opens on that target alone (and its section and group); its forms say
  // what is missing before the save.
  await targets.first().getByRole("button", { name: "Sửa", exact: true }).tap();
  await expect(page.getByRole("heading", { name: "Sửa văn bản" })).toBeVisible();
  // She lands on that target's own form, open and in view.
  const targetForm = page.getByRole("group", { name: "Biểu mẫu chỉ tiêu" });
  await expect(targetForm).toContainText("Sửa chỉ tiêu");
  await expect(targetForm).toBeInViewport();
  await targetForm.getByRole("button", { name: "Hủy", exact: true }).tap();
  await expect(targetForm).toHaveCount(0);
  await expect(page.locator(".row-text").first()).toBeVisible();
  await page.getByLabel("Cơ quan ban hành").fill("HUYỆN ỦY HOÀNG SU PHÌ");
  await page.getByLabel("Trích yếu").fill("Đề án đào tạo cán bộ (đọc từ tệp Word)");
  await page.getByRole("button", { name: "Lưu văn bản" }).tap();
  await expect(page).toHaveURL(/van-ban\.html#\/van-ban\/[^/]+$/);
  await expect(page.getByText("Đề án đào tạo cán bộ (đọc từ tệp Word)")).toBeVisible();
  // The corrected target alone (the editor once saved a blank directive in its place when its
  // route was drawn twice and the draft had been taken by the first draw).
  await expect(page.locator("article.target")).toHaveCount(1);
});

test("a 20 MB paste, a .docx that is not a zip, a zip bomb and a 10.000-row table change nothing", async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  await openReview(page);
  const before = await dumpIndexedDb(page);

  // 20 MB typed into the box at once (as a paste does), then Đọc.
  await page.getByLabel("Toàn văn văn bản").evaluate((area) => {
    area.value = "Cán bộ chủ chốt cấp xã có trình độ đại học. ".repeat(400_000).slice(0, 20_000_000);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await page.getByRole("button", { name: "Đọc", exact: true }).tap();
  await expect(page.getByRole("alert")).toContainText(/quá giới hạn/, { timeout: 10_000 });
  await expect(counts(page)).toHaveCount(0);

  await page.locator("#read-docx").setInputFiles({ name: "khong-phai-word.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: Buffer.from("Đây là một tệp văn bản thường, không phải tệp Word.") });
  await expect(page.getByRole("alert")).toContainText("Không đọc được tệp Word (.docx) khong-phai-word.docx", { timeout: 30_000 });
  await expect(counts(page)).toHaveCount(0);

  // 60 MB of XML in a 350 KB zip: stopped at the 50 MB budget, named.
  let started = Date.now();
  await page.locator("#read-docx").setInputFiles(BOMB);
  await expect(page.getByRole("alert")).toContainText(/bom\.docx.*50 MB/, { timeout: 30_000 });
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(counts(page)).toHaveCount(0);

  // A roster appendix of 10.000 rows: read, its rows kept as the document's text, in bounded
  // time; nothing is stored until "Lưu văn bản".
  started = Date.now();
  await page.locator("#read-docx").setInputFiles(TABLE);
  await expect(counts(page)).toHaveText(/đề xuất/, { timeout: 60_000 });
  expect(Date.now() - started).toBeLessThan(30_000);
  await expect(page.locator(".review-text")).toContainText("Nguyễn Văn 10000");
  expect(await dumpIndexedDb(page)).toEqual(before);
});
