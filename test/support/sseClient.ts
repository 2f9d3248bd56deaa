/** One server-sent event with its id. */
export interface SseEntry {
  id: string | null;
  event: string;
  data: any;
}

/**
 * Reads server-sent events from `url` (sending Last-Event-ID when given) until `until` returns
 * true or the stream ends; a connection that breaks (its server died) ends the read too, with
 * `broken` set. Comment lines (keep-alives) are skipped.
 */
export async function streamEvents(url: string, lastEventId: string | null, until: (e: SseEntry) => boolean, onEvent: (e: SseEntry) => void = () => {}): Promise<{ events: SseEntry[]; broken: boolean }> {
  const res = await fetch(url, { headers: lastEventId ? { 'last-event-id': lastEventId } : {} });
  if (!res.ok || !res.body) throw new Error(`${url}: expected 200, but got HTTP ${res.status}`);
  const events: SseEntry[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        const e = { id: /^id: (.*)$/m.exec(block)?.[1] ?? null, event, data: JSON.parse(data) };
        events.push(e);
        onEvent(e);
        if (until(e)) return { events, broken: false };
      }
    }
  } catch {
    return { events, broken: true };
  }
  return { events, broken: false };
}
