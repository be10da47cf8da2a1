// End-to-end tests: what a person does, on a tablet-sized viewport, against the release
// build in dist/ served under a sub-path (/dtbd/) as on a shared static host.
// The browser is Debian's /usr/bin/chromium; Playwright never downloads one.
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT || 4174);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/dtbd/`,
    viewport: { width: 768, height: 1024 },
    hasTouch: true,
    locale: "vi-VN",
    serviceWorkers: "allow",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
    },
  },
  webServer: {
    command: `node tools/serve.mjs dist ${PORT} /dtbd/`,
    url: `http://127.0.0.1:${PORT}/dtbd/`,
    reuseExistingServer: !process.env.CI,
  },
});
