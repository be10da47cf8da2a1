// A page printed to PDF by headless Chromium and read back with pdf.js: what the printed
// report specs compare against (page count, head, body, no app chrome).
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

/** Text of every page of a PDF (NFC, whitespace collapsed). */
export async function pdfPages(buffer) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: false }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => it.str).join(" ").normalize("NFC").replace(/\s+/g, " "));
  }
  return pages;
}

/** Compares ignoring spaces: PDF text runs split words at arbitrary places. */
export const squash = (s) => s.normalize("NFC").replace(/\s+/g, "");

/** The page printed on A4 (print media, the page's own @page size), as the text of each page. */
export async function printToPdf(page) {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: false, preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  return pdfPages(pdf);
}
