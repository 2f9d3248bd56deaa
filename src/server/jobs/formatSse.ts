/**
 * One server-sent event (HTML Living Standard, "Server-sent events"): an `event:` name, the JSON
 * payload on one `data:` line (JSON.stringify never emits raw newlines), and a blank line.
 */
export function formatSse(event: string, data: unknown, id?: number | string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
