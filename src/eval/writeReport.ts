import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderReportHtml, type ReportSections } from './renderReportHtml.ts';
import type { EvalMetrics } from './types.ts';

export const REPORT_FILES = { metrics: 'metrics.json', html: 'report.html' } as const;

/** Writes metrics.json and the self-contained report.html into `dir` (each via temp + rename). */
export async function writeReport(dir: string, metrics: EvalMetrics, sections: ReportSections): Promise<void> {
  await mkdir(dir, { recursive: true });
  await atomicWrite(path.join(dir, REPORT_FILES.metrics), JSON.stringify(metrics, null, 2) + '\n');
  await atomicWrite(path.join(dir, REPORT_FILES.html), renderReportHtml(metrics, sections));
}

async function atomicWrite(file: string, text: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, text);
  await rename(temp, file);
}
