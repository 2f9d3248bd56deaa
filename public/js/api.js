// Small fetch helpers: every non-2xx answer becomes an Error carrying the server's message.

/** GET a JSON document. */
export async function getJson(url) {
  return parse(await fetch(url, { headers: { accept: 'application/json' } }));
}

/** POST JSON, answer JSON. */
export async function postJson(url, body) {
  return parse(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

/** POST a multipart form (images as Blobs), answer JSON. */
export async function postForm(url, fields) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) form.append(name, value, value.name ?? `${name}.jpg`);
    else form.append(name, String(value));
  }
  return parse(await fetch(url, { method: 'POST', body: form }));
}

export async function del(url) {
  return parse(await fetch(url, { method: 'DELETE' }));
}

async function parse(res) {
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { /* not JSON: use the text */ }
  if (!res.ok) {
    const retry = res.headers.get('retry-after');
    const message = body?.message ?? (text || res.statusText);
    throw new Error(`${res.status}: ${message}${retry ? ` (retry in ${retry} s)` : ''}`);
  }
  return body;
}
