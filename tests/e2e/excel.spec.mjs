// Nhập, xuất Excel: an officer imports a roster kept in Excel (a bad row, fixed by mapping a
// column and choosing a level), undoes and redoes it, exports the roster as XLSX and CSV, and
// the test reads both files back; the CSV goes back in and changes nothing.
import { test, expect } from "@playwright/test";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { open, addUnit, addCadre, names, offlineReady } from "./helpers.mjs";

const XLSX = createRequire(import.meta.url)("xlsx");

/** A roster as offices keep it: a title row, a blank row, then the table. Row 6 is bad. */
function rosterWorkbook() {
  const rows = [
    ["DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ NĂM 2025"],
    [],
    ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Trình độ chuyên môn", "LLCT", "QLNN", "Ngoại ngữ", "Nhận xét"],
    [1, "Nguyễn Văn An", "12/03/1980", "Nam", "UBND xã Nậm Ty", "Thạc sỹ", "Trung cấp", "CVC", "B1", "Đi học 2024"],
    [2, "Lò Thị Bình", new Date(Date.UTC(1990, 4, 12, 12)), "Nữ", "UBND xã Tả Sử Choóng", "ĐH Luật", "Cao cấp", "CV", "Tiếng Anh B", "=1+1"],
    [3, "Giàng A Dế", 1985, "Nam", "UBND xã Nậm Ty", "Lương y", "Sơ cấp", "", "", ""],
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), "Danh sách");
  return XLSX.write(wb, { type: "buffer", bookType: "xlsx" });
}

async function openExcel(page) {
  await page.getByRole("link", { name: "Excel", exact: true }).tap();
  await expect(page.getByRole("heading", { name: "Nhập, xuất Excel" })).toBeVisible();
}

async function pick(page, name, buffer, mimeType) {
  await page.locator("#excel-file").setInputFiles({ name, mimeType, buffer });
  await expect(page.getByRole("heading", { name: `Tệp ${name}` })).toBeVisible();
}

const counts = (page) => page.locator("p.import-counts");

test("import an XLSX roster with a bad row, fix it, import, undo; export XLSX and CSV and read them back", async ({ page }, testInfo) => {
  await open(page);
  await addUnit(page, "UBND xã Nậm Ty");
  await addUnit(page, "UBND xã Tả Sử Choóng");
  await addCadre(page, { name: "Nguyễn Văn An", birthYear: "1980", unit: "UBND xã Nậm Ty" });

  await openExcel(page);
  await pick(page, "danh-sach.xlsx", rosterWorkbook(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  await expect(page.getByText("Tên cột ở dòng 3; dữ liệu từ dòng 4.")).toBeVisible();
  // Guessed: Ngày sinh → Năm sinh, LLCT → Lý luận chính trị; "Nhận xét", no field of the app,
  // is kept as a nhãn; STT is skipped.
  await expect(page.getByLabel("Ghép cột Ngày sinh")).toHaveValue("birth");
  await expect(page.getByLabel("Ghép cột LLCT")).toHaveValue("political");
  await expect(page.getByLabel("Ghép cột Nhận xét")).toHaveValue("label");
  await expect(page.getByLabel("Ghép cột STT")).toHaveValue("");
  // The sheet has no Đối tượng column: the officer says it once for the file, never a default.
  await expect(page.getByRole("alert").filter({ hasText: "Chưa có cột cho: Đối tượng" })).toBeVisible();
  await page.locator("#excel-category").selectOption({ label: "Công chức" });

  // The bad row: its level is unknown, named with its row and column; nothing written yet.
  await expect(page.locator(".row-errors li")).toHaveText(["Dòng 6, cột Trình độ chuyên môn: “Lương y” chưa rõ là trình độ nào: chọn ở bảng đối chiếu trình độ."]);
  await expect(counts(page)).toHaveText("1 cán bộ mới, 1 cập nhật, 0 không đổi, 1 dòng lỗi.");
  await expect(page.getByRole("button", { name: "Nhập vào danh sách (bỏ qua 1 dòng lỗi)" })).toBeEnabled();
  // Free-text levels were read: "Thạc sỹ" as thạc sĩ, "CVC" as chuyên viên chính.
  await expect(page.getByLabel("Trình độ Trình độ chuyên môn cho “Thạc sỹ”")).toHaveValue("thac_si");
  await expect(page.getByLabel("Trình độ Quản lý nhà nước cho “CVC”")).toHaveValue("chuyen_vien_chinh");

  // Fix the mapping: the notes column, and the unknown level.
  await page.getByLabel("Ghép cột Nhận xét").selectOption({ label: "Ghi chú" });
  await page.getByLabel("Trình độ Trình độ chuyên môn cho “Lương y”").selectOption({ label: "Trung cấp" });
  await expect(page.locator(".row-errors")).toHaveCount(0);
  await expect(counts(page)).toHaveText("2 cán bộ mới, 1 cập nhật, 0 không đổi, 0 dòng lỗi.");
  await page.getByRole("button", { name: "Nhập vào danh sách", exact: true }).tap();
  await expect(page.locator(".toast")).toContainText("Đã nhập: 2 cán bộ mới, 1 cập nhật, 0 không đổi.");
  await expect(page.getByText("3 cán bộ, xếp theo tên.")).toBeVisible();

  // Undo puts the roster back as it was; the share page's backups hold the import too.
  await page.getByRole("button", { name: "Hoàn tác lần nhập này" }).tap();
  await expect(page.locator(".toast")).toContainText("Đã hoàn tác");
  await expect(page.getByText("1 cán bộ, xếp theo tên.")).toBeVisible();

  // Again: the mapping and the level choice were remembered, so no error this time.
  await pick(page, "danh-sach.xlsx", rosterWorkbook(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  await expect(page.getByLabel("Ghép cột Nhận xét")).toHaveValue("note");
  await page.locator("#excel-category").selectOption({ label: "Công chức" });
  await expect(counts(page)).toHaveText("2 cán bộ mới, 1 cập nhật, 0 không đổi, 0 dòng lỗi.");
  await page.getByRole("button", { name: "Nhập vào danh sách", exact: true }).tap();
  await expect(page.getByText("3 cán bộ, xếp theo tên.")).toBeVisible();

  // Export XLSX and read it back.
  const [xdl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải Excel (.xlsx)" }).tap()]);
  expect(xdl.suggestedFilename()).toMatch(/^danh-sach-can-bo(-[a-z0-9-]+)?-\d{4}-\d\d-\d\d-\d{4}\.xlsx$/);
  const xpath = testInfo.outputPath("roster.xlsx");
  await xdl.saveAs(xpath);
  const wb = XLSX.read(readFileSync(xpath), { type: "buffer" });
  expect(wb.SheetNames).toEqual(["Danh sách cán bộ"]);
  const sheet = wb.Sheets["Danh sách cán bộ"];
  const table = XLSX.utils.sheet_to_json(sheet, { header: 1, defval: "" });
  expect(table[0].slice(0, 4)).toEqual(["Mã cán bộ", "Họ và tên", "Năm sinh", "Giới tính"]);
  // Sorted by given name: An, Bình, Dế.
  expect(table.slice(1).map((r) => r[1])).toEqual(["Nguyễn Văn An", "Lò Thị Bình", "Giàng A Dế"]);
  const col = (h) => table[0].indexOf(h);
  const binh = table[2];
  expect(binh[col("Năm sinh")]).toBe(1990);
  expect(binh[col("Đơn vị công tác")]).toBe("UBND xã Tả Sử Choóng");
  expect(binh[col("Trình độ chuyên môn")]).toBe("Đại học");
  expect(binh[col("Lý luận chính trị")]).toBe("Cao cấp");
  expect(binh[col("Ngoại ngữ")]).toBe("Bậc 2 (A2)");
  // The formula is text, neutralised: no cell of the workbook is a formula.
  expect(binh[col("Ghi chú")]).toBe("'=1+1");
  expect(Object.values(sheet).filter((c) => c && typeof c === "object" && c.f)).toEqual([]);
  expect(table[1][col("Trình độ chuyên môn")]).toBe("Thạc sĩ");
  expect(table[1][col("Quản lý nhà nước")]).toBe("Chuyên viên chính");
  expect(table[3][col("Trình độ chuyên môn")]).toBe("Trung cấp");

  // Export CSV: UTF-8 with a BOM, the same neutralised note.
  const [cdl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải CSV" }).tap()]);
  const cpath = testInfo.outputPath("roster.csv");
  await cdl.saveAs(cpath);
  const csv = readFileSync(cpath);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.toString("utf8");
  expect(text).toContain("Lò Thị Bình,1990,Nữ");
  expect(text).toContain(",'=1+1\r\n");

  // The CSV back in: every row matches by mã and nothing changes.
  await pick(page, "roster.csv", csv, "text/csv");
  await expect(counts(page)).toHaveText("0 cán bộ mới, 0 cập nhật, 3 không đổi, 0 dòng lỗi.");
  await expect(page.getByRole("button", { name: "Nhập vào danh sách", exact: true })).toBeDisabled();

  // The roster page shows the imported people, with the levels read from the file.
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await expect(names(page)).toHaveText(["Nguyễn Văn An", "Lò Thị Bình", "Giàng A Dế"]);
  await page.locator(".cadre-row", { hasText: "Nguyễn Văn An" }).tap();
  await expect(page.locator("#f-professional")).toHaveValue("thac_si");
});

test("a file that is not a roster gets a clear message and changes nothing", async ({ page }) => {
  await open(page);
  await openExcel(page);
  await page.locator("#excel-file").setInputFiles({ name: "hong.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("không phải excel") });
  await expect(page.getByRole("alert")).toContainText("Không đọc được tệp Excel (.xlsx)");
  // A binary named .csv: no text at all.
  await page.locator("#excel-file").setInputFiles({ name: "nen.csv", mimeType: "text/csv", buffer: Buffer.from([0x50, 0x4b, 0x05, 0x06, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02]) });
  await expect(page.getByRole("alert")).toContainText("Không đọc được tệp nen.csv như CSV. Nội dung không phải chữ");
  await expect(page.getByText("0 cán bộ, xếp theo tên.")).toBeVisible();
});

/** Unicode text as Excel on a Vietnamese Windows saves "CSV (Comma delimited)": Windows-1258,
 * the shaped letters one byte each and the tones as combining marks after the letter. */
function windows1258(text) {
  const shaped = { "â": 0xe2, "ê": 0xea, "ô": 0xf4, "ă": 0xe3, "ơ": 0xf5, "ư": 0xfd, "đ": 0xf0, "Â": 0xc2, "Ê": 0xca, "Ô": 0xd4, "Ă": 0xc3, "Ơ": 0xd5, "Ư": 0xdd, "Đ": 0xd0 };
  const tones = { "\u0300": 0xcc, "\u0301": 0xec, "\u0303": 0xde, "\u0309": 0xd2, "\u0323": 0xf2 };
  const bytes = [];
  for (const ch of text) {
    const marks = [...ch.normalize("NFD")];
    const tone = marks.find((m) => m in tones);
    const base = marks.filter((m) => !(m in tones)).join("").normalize("NFC");
    if (base.charCodeAt(0) < 0x80) bytes.push(base.charCodeAt(0));
    else if (base in shaped) bytes.push(shaped[base]);
    else throw new Error(`${ch} has no Windows-1258 byte in this test`);
    if (tone) bytes.push(tones[tone]);
  }
  return Buffer.from(bytes);
}

test("old files: an Excel 97-2003 workbook, a Windows-1258 CSV and a TCVN3 CSV read as Unicode", async ({ page }) => {
  await open(page);
  await addUnit(page, "UBND xã Hồ Thầu");
  await openExcel(page);

  // .xls (the fixture of dtbd-xlsx, written by xlwt): read by the worker like an .xlsx.
  const xls = readFileSync(new URL("../../crates/xlsx/tests/fixtures/roster.xls", import.meta.url));
  await pick(page, "danh-sach-cu.xls", xls, "application/vnd.ms-excel");
  await expect(page.getByText("Tên cột ở dòng 3; dữ liệu từ dòng 4.")).toBeVisible();
  await expect(page.locator(".changes")).toContainText("Nguyễn Thị Hồng Nhung (1985)");

  const roster = "Họ và tên,Năm sinh,Giới tính,Đơn vị,Đối tượng\nNguyễn Thị Hồng Nhung,1985,Nữ,UBND xã Hồ Thầu,Công chức\nLò Văn Đức,1990,Nam,UBND xã Hồ Thầu,Công chức\n";
  await pick(page, "ansi.csv", windows1258(roster), "text/csv");
  await expect(page.getByText("Tệp CSV bảng mã Windows-1258: đã đọc sang Unicode.")).toBeVisible();
  await expect(counts(page)).toHaveText("2 cán bộ mới, 0 cập nhật, 0 không đổi, 0 dòng lỗi.");
  await expect(page.locator(".changes li")).toHaveText(["Dòng 2: Nguyễn Thị Hồng Nhung (1985) — mới", "Dòng 3: Lò Văn Đức (1990) — mới"]);

  // TCVN3 (ABC): the bytes of the ".VnTime" font, as an old sheet saved to CSV holds them.
  // ("\u00ad", the soft hyphen, is TCVN3's ư.)
  const tcvn3 = Buffer.from(
    "Hä vµ tªn,N¨m sinh,Giíi tÝnh,§¬n vÞ,§èi t\u00adîng\nNguyÔn ThÞ Hång Nhung,1985,N÷,UBND x· Hå ThÇu,C«ng chøc\nLß V¨n §øc,1990,Nam,UBND x· Hå ThÇu,C«ng chøc\n",
    "latin1",
  );
  await pick(page, "tcvn3.csv", tcvn3, "text/csv");
  await expect(page.locator(".legacy-note")).toContainText("Tệp dùng bảng mã TCVN3 (ABC): đã chuyển sang Unicode. Ví dụ: “Hä vµ tªn” → “Họ và tên”");
  await expect(counts(page)).toHaveText("2 cán bộ mới, 0 cập nhật, 0 không đổi, 0 dòng lỗi.");
  await expect(page.locator(".changes li")).toHaveText(["Dòng 2: Nguyễn Thị Hồng Nhung (1985) — mới", "Dòng 3: Lò Văn Đức (1990) — mới"]);
  // "Giữ nguyên": the text as it is in the file (its unit then matches none); and back.
  await page.getByRole("button", { name: "Giữ nguyên" }).tap();
  await expect(page.locator(".legacy-note")).toContainText("Đang giữ nguyên chữ như trong tệp");
  await expect(page.locator(".mapping")).toContainText("NguyÔn ThÞ Hång Nhung");
  await page.getByRole("button", { name: "Chuyển sang Unicode" }).tap();
  await expect(page.locator(".changes li").first()).toHaveText("Dòng 2: Nguyễn Thị Hồng Nhung (1985) — mới");
  await page.getByRole("button", { name: "Nhập vào danh sách", exact: true }).tap();
  await expect(page.getByText("2 cán bộ, xếp theo tên.")).toBeVisible();
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await expect(names(page)).toHaveText(["Lò Văn Đức", "Nguyễn Thị Hồng Nhung"]);
});

test("offline after one visit: the Excel workers come from the service worker's cache", async ({ page, context }, testInfo) => {
  await open(page);
  await addUnit(page, "UBND xã Nậm Ty");
  await offlineReady(page);
  await context.setOffline(true);
  await openExcel(page);
  // Read (calamine worker) a file with one person, import it, then write (rust_xlsxwriter worker).
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["Họ và tên", "Năm sinh", "Giới tính", "Đơn vị"], ["Sùng Seo Chứ", 1979, "Nam", "UBND xã Nậm Ty"]]), "S");
  await pick(page, "mot-nguoi.xlsx", XLSX.write(wb, { type: "buffer", bookType: "xlsx" }), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  await page.locator("#excel-category").selectOption({ label: "Cán bộ" });
  await expect(counts(page)).toHaveText("1 cán bộ mới, 0 cập nhật, 0 không đổi, 0 dòng lỗi.");
  await page.getByRole("button", { name: "Nhập vào danh sách", exact: true }).tap();
  await expect(page.getByText("1 cán bộ, xếp theo tên.")).toBeVisible();
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải Excel (.xlsx)" }).tap()]);
  const path = testInfo.outputPath("offline.xlsx");
  await dl.saveAs(path);
  const rows = XLSX.utils.sheet_to_json(XLSX.read(readFileSync(path), { type: "buffer" }).Sheets["Danh sách cán bộ"], { header: 1 });
  expect(rows[1][1]).toBe("Sùng Seo Chứ");
  await context.setOffline(false);
});
