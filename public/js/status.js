// One status line for the whole page (errors in red, progress in plain text).
const el = () => document.getElementById('status');

export function showStatus(text) {
  el().textContent = text;
  el().classList.remove('error');
}

export function showError(err) {
  el().textContent = err instanceof Error ? err.message : String(err);
  el().classList.add('error');
}

/** Runs an async action with a busy button and status messages. */
export async function busy(button, label, action) {
  if (button) button.disabled = true;
  showStatus(`${label}…`);
  try {
    const out = await action();
    showStatus('');
    return out;
  } catch (err) {
    showError(err);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}
