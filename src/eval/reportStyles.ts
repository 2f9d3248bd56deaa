/** Inline CSS of report.html (self-contained: no external sheets, fonts or scripts). */
export const REPORT_CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px 32px; color: #1d2430; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #d8dde6; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 16px 0 4px; }
.meta { color: #586174; margin: 0 0 12px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d8dde6; padding: 4px 8px; text-align: right; white-space: nowrap; }
th { background: #f2f4f8; font-weight: 600; text-align: center; white-space: normal; min-width: 4.5em; max-width: 8.5em; }
td:first-child, th:first-child { text-align: left; }
tr.ptq td:first-child, tr.recalibrated td:first-child { padding-left: 20px; }
td.best { font-weight: 700; background: #eaf6ec; }
td.na { color: #9aa3b2; }
.figure { display: inline-block; vertical-align: top; margin: 6px 18px 12px 0; }
.figure img { image-rendering: pixelated; display: block; border: 1px solid #d8dde6; }
.caption { color: #586174; font-size: 12px; max-width: 720px; }
ul.notes { color: #586174; }
code { background: #f2f4f8; padding: 0 3px; border-radius: 3px; }
`;
