// Đơn vị typed in a row, as an officer files a district's units: the form must save the
// level and kind it shows. An officer picks only what the form does not already show, so a
// select that shows one value while the draft holds another files units under the wrong
// level (and empties every commune group) without a word.
import { test, expect } from "@playwright/test";
import { open } from "./helpers.mjs";

const UNITS = [
  { name: "Huyện ủy Hoàng Su Phì", level: "Cấp huyện", kind: "Cơ quan Đảng" },
  { name: "UBND xã Nậm Ty", level: "Cấp xã", kind: "Chính quyền" },
  { name: "UBND xã Tả Sử Choóng", level: "Cấp xã", kind: "Chính quyền" },
  { name: "Đảng ủy xã Bản Luốc", level: "Cấp xã", kind: "Cơ quan Đảng" },
  { name: "Sở Nội vụ", level: "Cấp tỉnh", kind: "Chính quyền" },
];

/** The text of the option a select shows. */
const shown = (select) => select.evaluate((s) => s.options[s.selectedIndex]?.text ?? "");

test("five units saved in a row keep the level and kind the form showed", async ({ page }) => {
  await open(page);
  await page.getByRole("link", { name: "Đơn vị", exact: true }).tap();
  const level = page.locator("#u-level");
  const kind = page.locator("#u-kind");
  for (const unit of UNITS) {
    await page.getByLabel("Tên đơn vị").fill(unit.name);
    if ((await shown(level)) !== unit.level) await level.selectOption({ label: unit.level });
    if ((await shown(kind)) !== unit.kind) await kind.selectOption({ label: unit.kind });
    await page.getByRole("button", { name: "Lưu đơn vị" }).tap();
    await expect(page.locator(".unit-row .name", { hasText: unit.name })).toBeVisible();
    // The empty form shows what it will save: the defaults, not the last unit's choices.
    await expect.poll(() => shown(level)).toBe("Cấp huyện");
    await expect.poll(() => shown(kind)).toBe("Chính quyền");
  }
  for (const unit of UNITS) {
    const row = page.locator(".unit-row", { has: page.locator(".name", { hasText: unit.name }) });
    await expect(row.locator(".sub")).toContainText(`${unit.level} · ${unit.kind} ·`);
  }
  // Opening a unit to edit shows its own values.
  await page.getByRole("button", { name: "Sửa Sở Nội vụ" }).tap();
  await expect.poll(() => shown(level)).toBe("Cấp tỉnh");
  await page.getByRole("button", { name: "Sửa Đảng ủy xã Bản Luốc" }).tap();
  await expect.poll(() => shown(level)).toBe("Cấp xã");
  await expect.poll(() => shown(kind)).toBe("Cơ quan Đảng");
});
