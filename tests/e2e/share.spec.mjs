// Trao đổi dữ liệu: two officers, each in their own browser context (their own device and
// IndexedDB), hand snapshot files back and forth; nobody loses a record.
import { test, expect } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import { open, addUnit, addCadre } from "./helpers.mjs";

const DAY = 86_400_000;

/** Opens the share page through the shell's link. */
async function openShare(page) {
  await page.getByRole("link", { name: "Trao đổi dữ liệu" }).first().tap();
  await expect(page.getByRole("heading", { name: "Trao đổi dữ liệu" })).toBeVisible();
}

/** Exports the whole database, returns the saved file's path and its suggested name. */
async function exportAll(page, testInfo, as, sender = "") {
  await openShare(page);
  if (sender) await page.getByLabel("Người gửi").fill(sender);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải tệp về" }).tap()]);
  const path = testInfo.outputPath(as);
  await download.saveAs(path);
  await expect(page.getByRole("status").filter({ hasText: "Đã xuất tệp" })).toBeVisible();
  return { path, name: download.suggestedFilename() };
}

/** Picks a file on the share page and waits for the preview or the error list. */
async function pick(page, file) {
  await openShare(page);
  await page.locator("#share-file").setInputFiles(file);
  await expect(page.locator(".preview, .error-summary")).toBeVisible();
}

/** Number of cadre rows on the roster page. */
async function rosterCount(page) {
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  await page.waitForTimeout(200);
  return page.locator(".cadre-row").count();
}

/** Opens a cadre's form from the roster and returns it ready to edit. */
async function openCadre(page, name) {
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await page.locator(".cadre-row", { hasText: name }).tap();
  await expect(page.getByLabel("Họ và tên")).toHaveValue(name);
}

async function setBirthYear(page, name, year) {
  await openCadre(page, name);
  await page.getByLabel("Năm sinh").fill(year);
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
}

async function newOfficer(browser, testInfo) {
  const { baseURL, viewport, hasTouch, locale } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, viewport, hasTouch, locale, acceptDownloads: true });
  return context.newPage();
}

test("officer A exports, officer B imports, resolves a conflict, both keep their records, undo restores B", async ({ browser }, testInfo) => {
  const a = await newOfficer(browser, testInfo);
  const b = await newOfficer(browser, testInfo);

  // A: a commune with two cadres; A has not exported for 30 days: the shell reminds.
  await open(a);
  await addUnit(a, "UBND xã Nậm Sơn");
  await addCadre(a, { name: "Nguyễn Văn An", unit: "UBND xã Nậm Sơn" });
  await addCadre(a, { name: "Lò Thị Bình", unit: "UBND xã Nậm Sơn" });
  await a.evaluate((t) => localStorage.setItem("dtbd.first_use", JSON.stringify(String(t))), Date.now() - 30 * DAY);
  await a.reload();
  await expect(a.locator(".reminder")).toContainText("Đã 30 ngày chưa xuất dữ liệu");
  const first = await exportAll(a, testInfo, "a1.json", "Cán bộ A, 0912 000 111");
  expect(first.name).toMatch(/^dtbd-ubnd-xa-nam-son-\d{4}-\d\d-\d\d-\d{4}\.json$/);
  await expect(a.locator(".reminder")).toHaveCount(0);
  await a.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await expect(a.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  await expect(a.locator(".reminder")).toHaveCount(0);

  // B: its own unit and cadre, then A's file.
  await open(b);
  await addUnit(b, "Phòng Nội vụ");
  await addCadre(b, { name: "Trần Văn Cường", unit: "Phòng Nội vụ" });
  await pick(b, first.path);
  await expect(b.locator(".preview")).toContainText("người gửi: Cán bộ A, 0912 000 111");
  await expect(b.locator('[data-count="new"]')).toHaveText("3");
  for (const kind of ["Kế hoạch", "Lớp / chương trình", "Lượt cử đi học", "Thay đổi trình độ", "Số liệu tổng hợp"]) {
    await expect(b.locator("table.counts tbody")).toContainText(kind);
  }
  await expect(b.locator('[data-count="conflicts"]')).toHaveText("0");
  await b.getByRole("button", { name: "Áp dụng" }).tap();
  await expect(b.getByRole("status").filter({ hasText: "Đã nhập tệp" })).toContainText("3 mới");
  expect(await rosterCount(b)).toBe(3);

  // Both edit the same field of the same cadre differently: one question, for that field.
  await setBirthYear(a, "Nguyễn Văn An", "1980");
  await setBirthYear(b, "Nguyễn Văn An", "1990");
  const second = await exportAll(a, testInfo, "a2.json");

  await pick(b, second.path);
  await expect(b.locator('[data-count="conflicts"]')).toHaveText("1");
  const conflict = b.locator(".change.conflict", { hasText: "Nguyễn Văn An" });
  await expect(conflict.locator(".question legend")).toHaveText("Cả hai bên đã sửa: Năm sinh");
  await expect(conflict.locator(".question .mine")).toContainText("1990");
  await expect(conflict.locator(".question .theirs")).toContainText("1980");
  await testInfo.attach("preview-768x1024", { body: await b.screenshot({ fullPage: true }), contentType: "image/png" });
  // Nothing chosen yet: apply refuses and writes nothing.
  await b.getByRole("button", { name: "Áp dụng" }).tap();
  await expect(b.locator(".toast.error")).toContainText("1 xung đột chưa chọn");
  await b.getByRole("button", { name: "Đóng thông báo" }).tap();
  await conflict.getByRole("button", { name: "Lấy của họ" }).tap();
  await expect(conflict.getByRole("button", { name: "Lấy của họ" })).toHaveAttribute("aria-pressed", "true");
  await b.getByRole("button", { name: "Áp dụng" }).tap();
  await expect(b.getByRole("status").filter({ hasText: "Đã nhập tệp" })).toBeVisible();

  // Both records survive: B's own cadre and A's, with A's edit taken.
  expect(await rosterCount(b)).toBe(3);
  await expect(b.locator(".cadre-row", { hasText: "Trần Văn Cường" })).toBeVisible();
  await openCadre(b, "Nguyễn Văn An");
  await expect(b.getByLabel("Năm sinh")).toHaveValue("1980");

  // Undo the last import: B's previous state, B's own edit back.
  await openShare(b);
  await b.getByRole("button", { name: "Hoàn tác lần nhập cuối" }).tap();
  await expect(b.locator(".toast")).toContainText("Đã hoàn tác");
  await openCadre(b, "Nguyễn Văn An");
  await expect(b.getByLabel("Năm sinh")).toHaveValue("1990");
  expect(await rosterCount(b)).toBe(3);

  // The backups page lists both imports' backups and the undo's.
  await openShare(b);
  await b.getByRole("link", { name: "Bản sao lưu" }).first().tap();
  await expect(b.locator(".backup-row")).toHaveCount(3);
  await expect(b.locator(".backup-row").first()).toContainText("Trước khi khôi phục");
  await expect(b.locator(".backup-row").nth(1)).toContainText("Trước khi nhập tệp a2.json (người gửi: Cán bộ A");

  await a.context().close();
  await b.context().close();
});

test("bad files are refused with their message and change nothing", async ({ page }, testInfo) => {
  await open(page);
  await addUnit(page, "UBND xã Nậm Ty");
  await addCadre(page, { name: "Hoàng Văn Thắng", unit: "UBND xã Nậm Ty" });
  await addCadre(page, { name: "<b>Đậm</b><img src=x onerror=\"window.pwned=1\">", unit: "UBND xã Nậm Ty" });
  const good = await exportAll(page, testInfo, "good.json");
  const text = readFileSync(good.path, "utf8");
  const before = await rosterCount(page);
  expect(before).toBe(2);

  const bad = (name, body) => {
    const path = testInfo.outputPath(name);
    writeFileSync(path, body);
    return path;
  };
  const cases = [
    [bad("not-json.json", "Kính gửi anh chị, xin gửi danh sách."), "không phải dữ liệu JSON hợp lệ"],
    [bad("truncated.json", text.slice(0, Math.floor(text.length / 2))), "bị cắt cụt"],
    [bad("checksum.json", text.replace("Hoàng Văn Thắng", "Hoàng Văn Thăng")), "mã kiểm tra không khớp"],
    [bad("newer.json", text.replace(/"schema_version":\d+/, '"schema_version":99')), "phiên bản mới hơn của ứng dụng"],
    [bad("other.json", JSON.stringify({ format: "khac", schema_version: 1 })), "không được hỗ trợ"],
    [bad("big.json", Buffer.alloc(51 * 1024 * 1024, 0x20)), "Tệp quá lớn"],
  ];
  for (const [file, message] of cases) {
    await pick(page, file);
    await expect(page.locator(".error-summary")).toContainText(message);
    await expect(page.locator(".error-summary")).toContainText("Dữ liệu trên máy không thay đổi");
    expect(await rosterCount(page)).toBe(before);
  }

  // The good file, plain and gzipped, changes nothing; a name holding HTML is shown as
  // text, never run.
  await pick(page, good.path);
  await expect(page.locator('[data-count="unchanged"]')).toHaveText("3");
  const gz = testInfo.outputPath("good.json.gz");
  writeFileSync(gz, (await import("node:zlib")).gzipSync(text));
  await pick(page, gz);
  await expect(page.locator('[data-count="unchanged"]')).toHaveText("3");
  // Drag and drop works like the picker.
  await openShare(page);
  await page.evaluate((body) => {
    const dt = new DataTransfer();
    dt.items.add(new File([body], "keo-tha.json", { type: "application/json" }));
    document.querySelector(".drop-zone").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await expect(page.locator(".preview h3")).toHaveText("Xem trước: keo-tha.json");
  await expect(page.locator('[data-count="unchanged"]')).toHaveText("3");
  await setBirthYear(page, "<b>Đậm</b><img src=x onerror=\"window.pwned=1\">", "1970");
  await pick(page, good.path);
  await expect(page.locator('[data-count="local_newer"]')).toHaveText("1");
  await expect(page.locator(".changes")).toContainText('<b>Đậm</b><img src=x onerror="window.pwned=1">');
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
});

test("a full disk at apply time is said in Vietnamese and changes nothing", async ({ browser }, testInfo) => {
  const a = await newOfficer(browser, testInfo);
  await open(a);
  await addUnit(a, "UBND xã Nậm Sơn");
  await addCadre(a, { name: "Nguyễn Văn An", unit: "UBND xã Nậm Sơn" });
  await addCadre(a, { name: "Lò Thị Bình", unit: "UBND xã Nậm Sơn" });
  const file = await exportAll(a, testInfo, "a.json");

  const b = await newOfficer(browser, testInfo);
  await open(b);
  await addUnit(b, "Phòng Nội vụ");
  await addCadre(b, { name: "Trần Văn Cường", unit: "Phòng Nội vụ" });
  await pick(b, file.path);
  await expect(b.locator('[data-count="new"]')).toHaveText("3");
  // The disk fills up: IndexedDB refuses the write as a full browser does
  // (QuotaExceededError). Chromium's quota override (CDP) does not reach a test context.
  await b.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.diskFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return put.apply(this, args);
    };
    window.diskFull = true;
  });
  await b.getByRole("button", { name: "Áp dụng" }).tap();
  await expect(b.locator(".toast.error")).toContainText("bộ nhớ của trình duyệt đã đầy");
  await expect(b.locator(".preview")).toBeVisible();
  await expect(b.getByText("Chưa nhập tệp nào")).toBeVisible();
  expect(await rosterCount(b)).toBe(1);

  // Room again (a fresh page load): the same file applies.
  await pick(b, file.path);
  await b.getByRole("button", { name: "Áp dụng" }).tap();
  await expect(b.getByRole("status").filter({ hasText: "Đã nhập tệp" })).toContainText("3 mới");
  expect(await rosterCount(b)).toBe(3);
  await a.context().close();
  await b.context().close();
});
