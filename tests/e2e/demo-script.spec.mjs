// Trình diễn: from the demo, one tap starts a script of five steps (roster → directive → who
// to send → plan → printed report), each one tap on "Tiếp" in a bar fixed at the bottom, across
// the separate pages. The directive, who to send and the report open on the day it was issued
// (03/02/2021, "Tính đến ngày"), so its targets show đạt, đúng tiến độ and chậm side by side and none quá hạn; a
// status chip filters the targets and a second tap shows them all. At 768×1024 and 1024×768
// the bar stays on screen and the page never scrolls sideways.
import { test, expect } from "@playwright/test";
import { loadDemo } from "./pages.mjs";

const SIZES = [
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
];

/** The step bar says `counter`, lies inside the viewport with its buttons, and the page
 * does not scroll sideways. */
async function atStep(page, counter) {
  const bar = page.getByRole("region", { name: "Trình diễn" });
  await expect(bar).toContainText(counter);
  await expect(page.getByText("Đang mở trang…")).toHaveCount(0);
  const fits = await bar.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const inside = (b) => b.left >= 0 && b.right <= window.innerWidth + 0.5 && b.top >= 0 && b.bottom <= window.innerHeight + 0.5;
    return {
      bar: inside(r),
      buttons: [...el.querySelectorAll("button")].every((b) => inside(b.getBoundingClientRect())),
      sideways: document.scrollingElement.scrollWidth > window.innerWidth,
    };
  });
  expect(fits).toEqual({ bar: true, buttons: true, sideways: false });
  return bar;
}

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size, hasTouch: true });

    test(`the demo script runs from one tap to the printed report at ${size.width}×${size.height}`, async ({ page, context }, testInfo) => {
      test.setTimeout(150_000);
      // window.print is counted, not shown (a headless browser has no print dialog).
      await context.addInitScript(() => {
        window.print = () => {
          const n = Number(sessionStorage.getItem("printed") || "0") + 1;
          sessionStorage.setItem("printed", String(n));
        };
      });
      await loadDemo(page);
      const shot = async (name) => {
        const file = testInfo.outputPath(`script-${size.width}x${size.height}-${name}.png`);
        await page.screenshot({ path: file, fullPage: false });
        await testInfo.attach(name, { path: file, contentType: "image/png" });
      };

      // One tap: step 1, the roster.
      await page.getByRole("button", { name: "Bắt đầu trình diễn" }).tap();
      await expect(page.getByRole("heading", { name: "Danh sách cán bộ", exact: true })).toBeVisible({ timeout: 30_000 });
      let bar = await atStep(page, "Bước 1/5");
      await expect(page.getByRole("button", { name: "Bắt đầu trình diễn" })).toHaveCount(0);
      await shot("1-roster");

      // Step 2: 02-ĐA/HU as of the day it was issued: đạt, đúng tiến độ, chậm; nothing overdue.
      await bar.getByRole("button", { name: "Tiếp", exact: true }).tap();
      await expect(page.locator("article.target").first()).toBeVisible({ timeout: 30_000 });
      bar = await atStep(page, "Bước 2/5");
      await expect(page.getByLabel("Tính đến ngày")).toHaveValue("03/02/2021");
      await expect(page.locator(".score-date")).toContainText("tính đến 03/02/2021");
      const chips = page.getByRole("group", { name: /Tóm tắt trạng thái/ });
      const chip = (label) => chips.getByRole("button", { name: new RegExp(`^${label}: \\d+$`) });
      for (const label of ["Đạt", "Đúng tiến độ", "Chậm"]) {
        await expect(chip(label)).toBeVisible();
        const n = Number((await chip(label).textContent()).split(": ")[1]);
        expect(n, label).toBeGreaterThan(0);
      }
      await expect(page.getByText(/Quá hạn/)).toHaveCount(0);
      await expect(page.getByText("Không chấm được")).toHaveCount(0);
      await shot("2-directive");

      // A chip filters the targets to its status; a second tap shows them all again.
      const all = await page.locator("article.target:visible").count();
      const behind = Number((await chip("Chậm").textContent()).split(": ")[1]);
      await chip("Chậm").tap();
      await expect(chip("Chậm")).toHaveAttribute("aria-pressed", "true");
      await expect(page.locator("article.target:visible")).toHaveCount(behind);
      await expect(page.getByText(new RegExp(`^Đang xem 0?${behind} chỉ tiêu “Chậm”`))).toBeVisible();
      await expect(page.locator("article.target:visible .status").first()).toHaveText("Chậm");
      await chip("Chậm").tap();
      await expect(chip("Chậm")).toHaveAttribute("aria-pressed", "false");
      await expect(page.locator("article.target:visible")).toHaveCount(all);

      // Step 3: who to send.
      await bar.getByRole("button", { name: "Tiếp", exact: true }).tap();
      await expect(page.getByRole("heading", { name: "DANH SÁCH ĐỀ XUẤT CỬ ĐI ĐÀO TẠO, BỒI DƯỠNG" })).toBeVisible({ timeout: 30_000 });
      bar = await atStep(page, "Bước 3/5");
      await expect(page.getByLabel("Tính đến ngày")).toHaveValue("03/02/2021");
      await expect(page.locator("main table").first()).toBeVisible();
      await shot("3-suggestions");

      // Step 4: the 2021 plan in progress (another page).
      await bar.getByRole("button", { name: "Tiếp", exact: true }).tap();
      await expect(page.getByRole("heading", { name: "KẾ HOẠCH", exact: true })).toBeVisible({ timeout: 30_000 });
      await expect(page.locator("main")).toContainText("2021");
      bar = await atStep(page, "Bước 4/5");
      await shot("4-plan");

      // Step 5: the progress report as of the same day, printed with one tap.
      await bar.getByRole("button", { name: "Tiếp", exact: true }).tap();
      await expect(page.getByRole("heading", { name: /Tiến độ thực hiện đề án số 02-ĐA\/HU/ })).toBeVisible({ timeout: 30_000 });
      bar = await atStep(page, "Bước 5/5");
      await expect(page.getByLabel("Tính đến ngày")).toHaveValue("03/02/2021");
      const summary = page.locator(".summary-line");
      await expect(summary).toContainText("Đạt");
      await expect(summary).toContainText("Đúng tiến độ");
      await expect(summary).toContainText("Chậm");
      await expect(page.getByText(/Quá hạn/)).toHaveCount(0);
      await shot("5-report");
      await bar.getByRole("button", { name: "In báo cáo" }).tap();
      await expect.poll(() => page.evaluate(() => sessionStorage.getItem("printed"))).toBe("1");
      await bar.getByRole("button", { name: "Kết thúc" }).tap();
      await expect(page.getByRole("region", { name: "Trình diễn" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Bắt đầu trình diễn" })).toBeVisible();
    });
  });
}

test("an indicator without a figure is 'Chỉ theo dõi'; an officer's own date is kept for that directive only", async ({ page }) => {
  test.setTimeout(120_000);
  await loadDemo(page);
  // The Quảng Ngãi 2021 plan's four "theo nhu cầu đăng ký" lines are followed, not unscorable.
  await page.goto("./van-ban.html#/van-ban/tpl-003");
  const chips = page.getByRole("group", { name: /Tóm tắt trạng thái/ });
  await expect(chips.getByRole("button", { name: "Chỉ theo dõi: 4" })).toBeVisible({ timeout: 30_000 });
  await expect(chips.getByRole("button", { name: /Không chấm được/ })).toHaveCount(0);
  await expect(page.getByLabel("Tính đến ngày")).toHaveValue("01/01/2021");

  // A date typed day first is read as such, remembered after a reload, and "Hôm nay" forgets it.
  await page.getByLabel("Tính đến ngày").fill("31/02/2021");
  await page.getByLabel("Tính đến ngày").press("Enter");
  await expect(page.getByText("“31/02/2021” không phải một ngày có thật.")).toBeVisible();
  await expect(page.getByLabel("Tính đến ngày")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Tính đến ngày").fill("15/12/2021");
  await page.getByLabel("Tính đến ngày").press("Enter");
  await expect(page.locator(".score-date")).toContainText("tính đến 15/12/2021");
  await page.reload();
  await expect(page.getByLabel("Tính đến ngày")).toHaveValue("15/12/2021", { timeout: 30_000 });
  await page.goto("./van-ban.html#/van-ban/tpl-002/tien-do");
  await expect(page.getByLabel("Tính đến ngày")).toHaveValue("03/02/2021", { timeout: 30_000 });
  await page.goto("./van-ban.html#/van-ban/tpl-003");
  await page.getByRole("button", { name: "Hôm nay" }).tap();
  await expect(page.getByRole("button", { name: "Hôm nay" })).toHaveCount(0);
  const today = await page.evaluate(() => {
    const d = new Date();
    const two = (n) => String(n).padStart(2, "0");
    return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
  });
  await expect(page.getByLabel("Tính đến ngày")).toHaveValue(today);
});
