/**
 * Writes a table in CelebA's annotation format: first line the row count, second line the
 * column names, then "<image> v1 v2 ..." with right-aligned values (as list_attr_celeba.txt does).
 */
export function formatCelebaTable(header: readonly string[], rows: ReadonlyArray<readonly [string, ReadonlyArray<string | number>]>, width = 2): string {
  const lines = [String(rows.length), header.join(' ')];
  for (const [name, values] of rows) {
    if (values.length !== header.length) {
      throw new Error(`formatCelebaTable: expected ${header.length} values for ${name}, but got ${values.length}`);
    }
    lines.push(`${name} ${values.map((v) => String(v).padStart(width)).join(' ')}`);
  }
  return lines.join('\n') + '\n';
}

/** list_eval_partition.txt has no count and no header: just "<image> <0|1|2>" lines. */
export function formatPartition(rows: ReadonlyArray<readonly [string, number]>): string {
  return rows.map(([name, code]) => `${name} ${code}`).join('\n') + '\n';
}
