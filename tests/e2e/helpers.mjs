import { expect } from "@playwright/test";

/** Opens the app and waits until the shell has mounted. */
export async function open(page, hash = "") {
  await page.goto("./" + hash);
  await expect(page.locator("header.topbar")).toBeVisible();
}

/**
 * Waits until every file of the app is kept for offline use (public/loader.js fills the
 * cache in the background; the header badge says when) and the service worker controls
 * the page: only then may a test cut the network.
 */
export async function offlineReady(page) {
  await expect(page.locator(".offline-badge")).toHaveText("Sẵn sàng dùng khi mất mạng", { timeout: 60_000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
}

/** Creates a unit through the Đơn vị page. */
export async function addUnit(page, name, { parent } = {}) {
  await page.getByRole("link", { name: "Đơn vị", exact: true }).tap();
  await page.getByLabel("Tên đơn vị").fill(name);
  if (parent) await page.getByLabel("Đơn vị cấp trên").selectOption({ label: parent });
  await page.getByRole("button", { name: "Lưu đơn vị" }).tap();
  await expect(page.locator(".unit-row .name", { hasText: name })).toBeVisible();
}

/** Adds a cadre with the given fields through the form. */
export async function addCadre(page, { name, birthYear = "1985", unit, gender = "Nam" } = {}) {
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await page.getByRole("link", { name: "+ Thêm cán bộ" }).tap();
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Năm sinh").fill(birthYear);
  // A new cadre's Giới tính starts unchosen and must be chosen.
  await page.getByLabel("Giới tính").selectOption({ label: gender });
  if (unit) await page.getByLabel("Đơn vị công tác").selectOption({ label: unit });
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  await expect(page.locator(".cadre-row .name", { hasText: name })).toBeVisible();
}

/** The names in the roster list, in order (use with the retrying `toHaveText`). */
export const names = (page) => page.locator(".cadre-row .name");

/** Adds a cadre who sits on the district party committee (Ủy viên BCH cấp huyện), đại học. */
export async function addCommitteeMember(page, name, unit, { birthYear = "1980" } = {}) {
  await page.getByRole("link", { name: "Cán bộ", exact: true }).tap();
  await page.getByRole("link", { name: "+ Thêm cán bộ" }).tap();
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Năm sinh").fill(birthYear);
  await page.getByLabel("Giới tính").selectOption({ label: "Nam" });
  await page.getByLabel("Đơn vị công tác").selectOption({ label: unit });
  await page.getByRole("button", { name: "+ Thêm", exact: true }).tap();
  await page.locator("#f-mem-0-c").selectOption({ label: "Ủy viên BCH Đảng bộ" });
  await page.locator("#f-mem-0-l").selectOption({ label: "Cấp huyện" });
  await page.locator("#f-professional").selectOption({ label: "Đại học" });
  await page.getByRole("button", { name: "Lưu", exact: true }).tap();
  await expect(page.locator(".cadre-row .name", { hasText: name })).toBeVisible();
}

/** Every record of every object store of every IndexedDB database of the origin, as text. */
export async function dumpIndexedDb(page) {
  return page.evaluate(async () => {
    const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const out = {};
    for (const { name } of (await indexedDB.databases()).sort((a, b) => a.name.localeCompare(b.name))) {
      const db = await request(indexedDB.open(name));
      const stores = {};
      for (const store of [...db.objectStoreNames].sort()) {
        const tx = db.transaction(store, "readonly");
        const keys = await request(tx.objectStore(store).getAllKeys());
        const values = await request(tx.objectStore(store).getAll());
        stores[store] = JSON.stringify({ keys, values });
      }
      out[name] = { version: db.version, stores };
      db.close();
    }
    return out;
  });
}
