// Browser benches: the same server and browser as the end-to-end suite, other tests.
import base from "../../playwright.config.mjs";
import { defineConfig } from "@playwright/test";

export default defineConfig({ ...base, testDir: ".", testMatch: /.*\.bench\.mjs/, timeout: 600_000 });
