// puppeteer's own browser download cannot work here (its host is unreachable): PDFs use Debian's
// Chromium when present, else the one shipped in the npm package @sparticuz/chromium (reports/browser.ts).
module.exports = { skipDownload: true }
