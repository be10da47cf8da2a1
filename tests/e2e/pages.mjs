// Every page of the app, in one place: the tablet screenshots and the accessibility check
// visit each. Paths are relative to the app's folder; the ids are those of the demo
// (dữ liệu mẫu), which the specs load first so every page has content. A new page (another
// bundle, a report) is one more line here.
import { expect } from "@playwright/test";

export const PAGES = [
  { name: "can-bo", path: "index.html#/" },
  { name: "them-can-bo", path: "can-bo.html#/can-bo/moi" },
  { name: "sua-can-bo", path: "can-bo.html#/can-bo/hsp-c0001" },
  { name: "don-vi", path: "can-bo.html#/don-vi" },
  { name: "van-ban", path: "van-ban.html#/van-ban" },
  { name: "chi-tieu", path: "van-ban.html#/van-ban/tpl-002" },
  { name: "thuc-trang", path: "van-ban.html#/van-ban/tpl-002/thuc-trang" },
  { name: "de-xuat", path: "van-ban.html#/van-ban/tpl-002/de-xuat" },
  { name: "tien-do", path: "van-ban.html#/van-ban/tpl-002/tien-do" },
  { name: "moc", path: "van-ban.html#/van-ban/tpl-002/moc" },
  { name: "sua-van-ban", path: "sua-van-ban.html#/van-ban/tpl-002/sua" },
  { name: "doc-van-ban", path: "doc-van-ban.html#/doc-van-ban" },
  { name: "trao-doi", path: "trao-doi.html#/trao-doi" },
  { name: "sao-luu", path: "trao-doi.html#/trao-doi/sao-luu" },
  { name: "ke-hoach", path: "ke-hoach.html#/ke-hoach" },
  { name: "ke-hoach-2021", path: "ke-hoach.html#/ke-hoach/plan-003" },
  { name: "lop-hoc", path: "ke-hoach.html#/ke-hoach/lop/plan-003-l01" },
  { name: "thong-ke", path: "ke-hoach.html#/ke-hoach/thong-ke" },
  { name: "nhap-excel", path: "nhap-excel.html#/nhap-excel" },
  { name: "nhap-nhanh", path: "nhap-excel.html#/nhap-nhanh" },
];

// Pages with nothing of their own to look at: each names where it goes. `tests/pages.rs`
// checks that PAGES and this list together name every page tools/build.sh builds.
export const PASS_THROUGH = [
  // Dữ liệu mẫu builds the demo database and opens van-ban.html (loadDemo walks it).
  { name: "du-lieu-mau", path: "du-lieu-mau.html#/du-lieu-mau", opens: "van-ban.html" },
];

/** Loads the demo into its own database with one tap and waits for its first page. */
export async function loadDemo(page) {
  await page.goto("./");
  await expect(page.locator("header.topbar")).toBeVisible();
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).tap();
  await expect(page.locator(".demo-banner")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: /Thực trạng đội ngũ cán bộ/i })).toBeVisible({ timeout: 30_000 });
}

/** Opens one page of the list and waits until it has rendered (its first heading). */
export async function visit(page, p) {
  await page.goto("./" + p.path);
  await expect(page.locator("header.topbar")).toBeVisible();
  await expect(page.locator("main h1").first()).toBeVisible();
  await expect(page.getByText("Đang mở trang…")).toHaveCount(0);
}
