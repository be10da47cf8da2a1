// Issue 12, done means: a district officer with the roster she already keeps in Excel (her
// column order, title rows, a Cấp ủy text column, "x" for người địa phương, her own group
// column, 280-odd units she never typed into the app, the spellings real sheets carry) starts
// from an empty app, picks the file, accepts the proposals, imports, opens Đề án 02-ĐA/HU →
// Thực trạng and finds every figure of its section I. No per-person edit, no hand-made group.
// The taps are counted and printed (goal: at most 15).
//
// The sheet is written by `cargo run --example officer_sheet` from the demo roster the
// domain's tests hold to seed 002 section I; the expected paragraphs come with it.
import { test, expect } from "@playwright/test";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { open } from "./helpers.mjs";

const XLSX = createRequire(import.meta.url)("xlsx");
const FIXTURE = "target/e2e/officer-sheet.json";

test.setTimeout(240_000);

test.beforeAll(() => {
  execFileSync("cargo", ["run", "--quiet", "--example", "officer_sheet", "--", FIXTURE], { stdio: "inherit", timeout: 600_000 });
});

/** The officer's workbook: her rows as cell texts, one sheet. */
function workbook(rows) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "Danh sách CB");
  return XLSX.write(wb, { type: "buffer", bookType: "xlsx" });
}

test("the officer's own roster sheet in: every figure of 02-ĐA/HU section I, from an empty app", async ({ page }, testInfo) => {
  const fixture = JSON.parse(readFileSync(FIXTURE, "utf8"));
  let taps = 0;
  const tap = async (locator) => {
    taps += 1;
    await locator.tap();
  };

  await open(page);
  await tap(page.getByRole("link", { name: "Excel", exact: true }));
  await expect(page.getByRole("heading", { name: "Nhập, xuất Excel" })).toBeVisible();
  taps += 1; // choosing the file in the picker
  await page.locator("#excel-file").setInputFiles({
    name: "danh-sach-can-bo-huyen.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: workbook(fixture.rows),
  });
  await expect(page.getByRole("heading", { name: "Tệp danh-sach-can-bo-huyen.xlsx" })).toBeVisible();
  await expect(page.getByText("Tên cột ở dòng 4; dữ liệu từ dòng 5.")).toBeVisible();
  // Every column has a field: her group column is kept as a nhãn, STT skipped.
  await expect(page.getByLabel("Ghép cột Người địa phương")).toHaveValue("local");
  await expect(page.getByLabel("Ghép cột Cấp ủy")).toHaveValue("committee");
  await expect(page.getByLabel("Ghép cột Nhóm theo Đề án 02")).toHaveValue("label");
  await expect(page.getByLabel("Ghép cột STT")).toHaveValue("");
  // Every unit she never typed in is proposed, all of them, with level and kind.
  const people = fixture.rows.filter((r, i) => i > 3 && r[1]).length;
  const newUnits = page.locator("table.new-units tbody tr");
  await expect(newUnits.first()).toBeVisible({ timeout: 30_000 });
  const unitCount = await newUnits.count();
  expect(unitCount).toBeGreaterThan(250);
  await expect(page.getByText(`${unitCount} đơn vị trong tệp chưa có trong danh sách`)).toBeVisible();
  await expect(page.getByLabel("Cấp của Phòng Nội vụ")).toHaveValue("huyen");
  await expect(page.getByLabel("Loại của Công an huyện")).toHaveValue("nganh_doc");
  await expect(page.getByLabel("Cấp của Hội Nông dân Bản Luốc")).toHaveValue("xa");
  await expect(page.getByLabel("Cấp trên của Hội Nông dân Bản Luốc")).toHaveValue("Đảng ủy xã Bản Luốc");
  // Cấp ủy texts read without a choice; "Đang học thạc sĩ" read as a study.
  await expect(page.locator("table.level-review tr.unknown")).toHaveCount(0);
  await expect(page.getByLabel("Cấp ủy cho “UVBTV Huyện ủy”")).toHaveValue("bch+btv@huyen");
  const studying = page.locator('select[aria-label^="Trình độ Trình độ chuyên môn cho “Đang học Th"]').first();
  await expect(studying).toHaveValue("?>thac_si");
  await expect(page.locator("p.import-counts")).toHaveText(`${people} cán bộ mới, 0 cập nhật, 0 không đổi, 0 dòng lỗi.`);
  await page.screenshot({ path: testInfo.outputPath("officer-sheet-preview-768x1024.png") });

  await tap(page.getByRole("button", { name: "Nhập vào danh sách", exact: true }));
  await expect(page.getByText(`Đã nhập: ${people} cán bộ mới, 0 cập nhật, 0 không đổi, ${unitCount} đơn vị mới.`)).toBeVisible({ timeout: 60_000 });

  await tap(page.getByRole("link", { name: "Văn bản, chỉ tiêu" }));
  await tap(page.getByRole("button", { name: "Dùng mẫu Đề án 02-ĐA/HU" }));
  await expect(page.locator(".doc-kind")).toHaveText("ĐỀ ÁN");
  await tap(page.getByRole("link", { name: "Thực trạng" }));
  // The scheme's status section is counted at its own year.
  await expect(page.locator("#status-year")).toHaveValue(String(fixture.year));

  for (const group of fixture.groups) {
    const section = page.locator(".status-group", { has: page.getByRole("heading", { name: `${group.name} (${group.total} đồng chí)` }) });
    for (const paragraph of group.paragraphs) {
      await expect(section.locator(".paragraph"), group.id).toContainText(paragraph);
    }
  }
  // A few of the document's own figures, as it writes them.
  const text = await page.locator(".paragraph").allInnerTexts();
  const all = text.join("\n");
  for (const figure of [
    "tổng số 42 đồng chí, trong đó là người địa phương có 21 đồng chí, chiếm 50,0%",
    "Thạc sĩ và đang học thạc sĩ 13 đồng chí, chiếm 31,0%",
    "Cao cấp, cử nhân 33 đồng chí, chiếm 78,6%",
    "Đang học tiến sĩ 01 đồng chí, chiếm 0,7%",
    "Đại học và đang học đại học 112 đồng chí, chiếm 76,2%",
    "tổng số 359 đồng chí, trong đó là người địa phương có 278 đồng chí, chiếm 77,4%",
    "Cao cấp, cử nhân và đang học cao cấp 14 đồng chí, chiếm 11,3%",
    "tổng số 285 đồng chí",
    "tổng số 145 đồng chí",
  ]) {
    expect(all).toContain(figure);
  }
  await page.screenshot({ path: testInfo.outputPath("officer-sheet-status-768x1024.png"), fullPage: false });
  console.log(`Issue 12: ${taps} taps from an empty app to every figure of section I (goal ≤ 15).`);
  expect(taps).toBeLessThanOrEqual(15);
});
