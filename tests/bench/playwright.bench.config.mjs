// Browser benches: the same server and browser as the end-to-end suite, other tests.
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: /.*\.bench\.mjs/,
  outputDir: `${root}/test-results/bench`,
  timeout: 600_000,
  webServer: { ...base.webServer, cwd: root },
});
