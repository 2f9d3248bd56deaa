import { streamEvents } from './sseClient.ts';

/** One parsed server-sent event. */
export interface SseEvent {
  event: string;
  data: any;
}

/**
 * Reads server-sent events from a live HTTP response until `until` returns true or the stream ends
 * (streamEvents without Last-Event-ID). Comment lines (keep-alives) are skipped.
 */
export async function readSse(url: string, until: (e: SseEvent, all: SseEvent[]) => boolean): Promise<SseEvent[]> {
  const all: SseEvent[] = [];
  await streamEvents(url, null, (e) => until(e, all), (e) => all.push({ event: e.event, data: e.data }));
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
