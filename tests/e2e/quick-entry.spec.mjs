import { test, expect } from "@playwright/test";
import { open, addUnit, names } from "./helpers.mjs";

// Nhập nhanh: ten cadres typed in one batch, from the keyboard only (Tab between cells,
// Enter at a row's end), levels written as officers write them in Excel. Every row is saved
// as the officer leaves it; nothing but typing happens between the first and the tenth.
const PEOPLE = [
  ["Lò Văn Sinh", "1984", "Nam", "Thái", "Chủ tịch UBND xã", "ĐH", "TC", "CV", "B1", "Cơ bản"],
  ["Hà Thị Mai", "1990", "Nữ", "Tày", "Phó Chủ tịch UBND xã", "Th.S", "cao cấp", "CVC", "B2", "Nâng cao"],
  ["Giàng A Páo", "1979", "nam", "Mông", "Công chức Văn phòng - Thống kê", "Đại học", "trung cấp", "", "A2", ""],
  ["Sùng Thị Dợ", "1995", "nữ", "Mông", "", "TC", "sơ cấp", "", "", ""],
  ["Vàng Văn Chứ", "1988", "Nam", "Dao", "Công chức Địa chính - Xây dựng", "dh", "TC", "CV", "", "Cơ bản"],
  ["Lù Thị Hoa", "1992", "Nữ", "Giáy", "", "Cao đẳng", "", "", "", ""],
  ["Nông Văn Tài", "1975", "Nam", "Nùng", "Bí thư Đảng ủy xã", "Thạc sỹ", "Cao cấp", "CVC", "B1", "Cơ bản"],
  ["Hoàng Thị Lan", "1987", "Nữ", "Tày", "Công chức Tư pháp - Hộ tịch", "đại học luật", "TC", "CV", "B1", "Cơ bản"],
  ["Ly Seo Chẩn", "1983", "Nam", "Mông", "Chỉ huy trưởng Quân sự xã", "TC", "TC", "", "", ""],
  ["Đặng Thị Xuân", "1998", "Nữ", "Dao", "", "ĐH", "đang học TC", "", "", ""],
];

/**
 * Types row `number` (from 1) from its first cell: Tab between cells, Enter after the last,
 * then waits for the next row's first cell to have the focus (the app moves it on the next
 * frame; Playwright types with no pause at all, faster than any officer).
 */
async function typeRow(page, cells, number) {
  for (const [i, text] of cells.entries()) {
    if (text) await page.keyboard.type(text);
    await page.keyboard.press(i + 1 < cells.length ? "Tab" : "Enter");
  }
  await expect(page.getByLabel(`Họ và tên, dòng ${number + 1}`, { exact: true })).toBeFocused();
}

test("ten cadres typed in one batch in quick entry are saved, a bad row is marked beside its cell", async ({ page }) => {
  await open(page);
  await addUnit(page, "UBND xã Nậm Ty");
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await page.getByRole("link", { name: "Nhập nhanh" }).tap();
  await expect(page.getByRole("heading", { name: "Nhập nhanh cán bộ" })).toBeVisible();

  // Chosen once for the batch.
  await page.getByLabel("Đơn vị công tác").selectOption({ label: "UBND xã Nậm Ty" });
  await page.getByLabel("Đối tượng").selectOption({ label: "Cán bộ" });

  await page.getByLabel("Họ và tên, dòng 1", { exact: true }).tap();
  const started = Date.now();
  for (const [i, person] of PEOPLE.entries()) await typeRow(page, person, i + 1);
  const total = page.locator(".quick-total");
  await expect(total).toHaveText("Đã lưu 10 cán bộ vào UBND xã Nậm Ty.");
  const seconds = (Date.now() - started) / 1000;
  console.log(`quick entry: 10 cadres typed and saved in ${seconds.toFixed(1)} s`);
  expect(seconds).toBeLessThan(60);

  // Each saved row shows what was read: "ĐH" is Đại học, "Th.S" Thạc sĩ, "đang học TC" a study.
  const rows = page.locator(".quick-table tbody tr");
  await expect(rows.nth(0)).toContainText("Đại học");
  await expect(rows.nth(0)).toContainText("Trung cấp");
  await expect(rows.nth(0)).toContainText("Đã lưu");
  await expect(rows.nth(1)).toContainText("Thạc sĩ");
  await expect(rows.nth(1)).toContainText("Cao cấp");
  await expect(rows.nth(9)).toContainText("Đang học Trung cấp");

  // A year that is not one, and a person typed twice: not saved, said beside the cell.
  await typeRow(page, ["Vừ Thị Mỷ", "19x5", "Nữ", "Mông", "", "", "", "", "", ""], 11);
  await typeRow(page, ["Lò Văn Sinh", "1984", "Nam", "", "", "", "", "", "", ""], 12);
  const year = page.getByLabel("Năm sinh, dòng 11", { exact: true });
  await expect(year).toHaveAttribute("aria-invalid", "true");
  await expect(rows.nth(10)).toContainText("“19x5” không đọc được thành năm sinh");
  await expect(rows.nth(11)).toContainText("Đã có Lò Văn Sinh (sinh 1984) trong đơn vị này");
  await expect(total).toHaveText("Đã lưu 10 cán bộ vào UBND xã Nậm Ty; 2 dòng cần sửa (ô có viền đỏ).");

  // Corrected, then saved with the button; the duplicate stays unsaved.
  await year.fill("1985");
  await page.getByRole("button", { name: "Lưu các dòng đã gõ" }).tap();
  await expect(total).toHaveText("Đã lưu 11 cán bộ vào UBND xã Nậm Ty; 1 dòng cần sửa (ô có viền đỏ).");

  // "Xong" stays while a row is left to correct; the duplicate is given up with "Bỏ".
  await page.getByRole("button", { name: "Xong, về danh sách" }).tap();
  await expect(page.getByText("Còn dòng chưa lưu")).toBeVisible();
  await page.getByRole("button", { name: "Bỏ dòng 12" }).tap();
  await expect(total).toHaveText("Đã lưu 11 cán bộ vào UBND xã Nậm Ty.");
  await page.getByRole("button", { name: "Xong, về danh sách" }).tap();
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  await expect(names(page)).toHaveCount(11);
  await expect(page.locator(".cadre-row", { hasText: "Hà Thị Mai" })).toContainText("Thạc sĩ");
});
