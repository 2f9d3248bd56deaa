/** One parsed server-sent event. */
export interface SseEvent {
  event: string;
  data: any;
}

/**
 * Reads server-sent events from a live HTTP response until `until` returns true or the stream ends.
 * Comment lines (keep-alives) are skipped.
 */
export async function readSse(url: string, until: (e: SseEvent, all: SseEvent[]) => boolean): Promise<SseEvent[]> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status}`);
  const all: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;
  // Leaving the for-await loop (break) cancels the response body and closes the connection.
  for await (const chunk of res.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || data === undefined) continue;
      const e = { event, data: JSON.parse(data) };
      all.push(e);
      if (until(e, all)) {
        done = true;
        break;
      }
    }
    if (done) break;
  }
  return all;
}

/** Parses a whole SSE body (a finished stream, e.g. from app.inject). */
export function parseSse(text: string): SseEvent[] {
  return text.split('\n\n').flatMap((block) => {
    const event = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    return event && data !== undefined ? [{ event, data: JSON.parse(data) }] : [];
  });
}
