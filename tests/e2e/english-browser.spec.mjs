// A browser whose language is English shows the app in Vietnamese only: every page of
// tests/e2e/pages.mjs with the demo loaded, in an en-US context. No browser widget text
// ("Choose File", "No file chosen", a month-first date picker), no library or browser error
// text, dates day first and counts with dots, because the app formats them itself.
import { test, expect } from "@playwright/test";
import { PAGES, loadDemo, visit } from "./pages.mjs";

test.use({ locale: "en-US", timezoneId: "Asia/Ho_Chi_Minh" });

/** English a page could show: browser widgets, library errors, placeholders left in. */
const ENGLISH = /\b(Choose Files?|No file chosen|No files? selected|Browse|error|Error|ERROR|undefined|NaN|null|Invalid|Loading|Submit|Cancel|Select)\b/;

/** What is wrong with the visible text of the page, if anything. */
async function problems(page) {
  const text = await page.locator("body").innerText();
  const found = [];
  const english = text.match(ENGLISH);
  if (english) found.push(`English "${english[0]}" in …${text.slice(Math.max(0, english.index - 40), english.index + 40)}…`);
  // Dates day first: a month-first date comes from the browser's locale. (Unpadded dates are
  // not flagged: a document's own text is quoted as written, "ngày 10/4/2019".)
  for (const [date, first, second] of text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/\d{4}\b/g)) {
    if (Number(second) > 12) found.push(`date ${date}`);
  }
  // English thousands ("1,200"): counts are written "1.200".
  for (const [count] of text.matchAll(/(?<![\d,.])[1-9]\d{0,2}(,\d{3})+(?![\d%])/g)) found.push(`count ${count}`);
  // Browser-drawn widgets that follow the browser's language.
  const native = await page.locator("input[type=date], input[type=datetime-local], input[type=month], input[type=time]").count();
  if (native) found.push(`${native} date inputs drawn by the browser`);
  const shownFileInputs = await page.locator("input[type=file]").evaluateAll((inputs) =>
    inputs.filter((i) => {
      const r = i.getBoundingClientRect();
      return r.width > 2 && r.height > 2 && getComputedStyle(i).opacity !== "0";
    }).length,
  );
  if (shownFileInputs) found.push(`${shownFileInputs} file inputs drawn by the browser`);
  return found;
}

test("every page shows no English in an English-language browser", async ({ page }) => {
  test.setTimeout(240_000);
  expect(await page.evaluate(() => navigator.language)).toBe("en-US");
  await loadDemo(page);
  const found = [];
  for (const p of PAGES) {
    await visit(page, p);
    for (const problem of await problems(page)) found.push(`${p.name}: ${problem}`);
  }
  expect(found).toEqual([]);
});

test("file pickers, typed dates and a wrong file speak Vietnamese in an English browser", async ({ page }) => {
  await loadDemo(page);

  // The Excel page: a Vietnamese button and "Chưa chọn tệp", then a file that is not a
  // workbook is refused in Vietnamese (never "Zip error: … Could not find EOCD").
  await page.goto("./nhap-excel.html#/nhap-excel");
  await expect(page.getByText("Chọn tệp (.xlsx, .xls hoặc .csv)")).toBeVisible();
  await expect(page.getByText("Chưa chọn tệp").first()).toBeVisible();
  await page.locator("#excel-file").setInputFiles({ name: "hong.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("không phải excel") });
  await expect(page.getByText("hong.xlsx").first()).toBeVisible();
  const alert = page.getByRole("alert").first();
  await expect(alert).toContainText("Không đọc được tệp Excel");
  await expect(alert).not.toContainText(/Zip|EOCD|archive|error/i);

  // The exchange page's picker.
  await page.goto("./trao-doi.html#/trao-doi");
  await expect(page.getByText("Chọn tệp dữ liệu (.json hoặc .json.gz, chọn được nhiều tệp)")).toBeVisible();
  await expect(page.getByText("Chưa chọn tệp").first()).toBeVisible();

  // A date field: today day first, a month-first date refused with the reason in Vietnamese.
  await page.goto("./van-ban.html#/van-ban/tpl-002/moc");
  const day = page.getByLabel("Ngày chốt");
  await expect(day).toHaveValue(/^\d\d\/\d\d\/\d{4}$/);
  await day.fill("12/31/2026");
  await day.press("Tab");
  await expect(page.getByRole("alert").filter({ hasText: "12/31/2026" })).toContainText("không phải một ngày có thật");
  await day.fill("31/12/2026");
  await day.press("Tab");
  await expect(day).toHaveValue("31/12/2026");
  await expect(page.getByRole("alert").filter({ hasText: "12/31/2026" })).toHaveCount(0);
});
