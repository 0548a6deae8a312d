// The signed-in user's token lives in this module's memory only, never in storage, cookies or the URL: a reload or a
// closed tab signs out, and nothing else on the origin can read it back.

// setTimeout fires at once beyond about 24.8 days; a longer token just re-arms.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

let current = null;
let timer = null;
const listeners = [];

/** Keeps a login's token until Sign out or expiresAt (ms since the epoch), whichever comes first. */
export function signIn({ token, username, roles, expiresAt }) {
  current = { token, username, roles, expiresAt };
  arm();
  notify(null);
}

export function signOut() {
  drop('signed out');
}

/** { username, roles, expiresAt } while signed in, otherwise null; the token itself never leaves this module. */
export function signedIn() {
  // Timers stall in a background tab, so the clock decides as well.
  if (current && !(Date.now() < current.expiresAt)) drop('expired');
  return current && view(current);
}

/** The header that proves the sign-in, or none when signed out. */
export function authorization() {
  return signedIn() ? { Authorization: `Bearer ${current.token}` } : {};
}

/** Calls listener(session, reason) on every change; reason is 'signed out' or 'expired' when the session ends. */
export function onChange(listener) {
  listeners.push(listener);
}

function arm() {
  clearTimeout(timer);
  if (!current) return;
  const left = Math.max(0, current.expiresAt - Date.now());
  timer = setTimeout(() => { if (signedIn()) arm(); }, Math.min(LONGEST_TIMER_MS, left));
}

function drop(reason) {
  if (!current) return;
  clearTimeout(timer);
  current = null;
  notify(reason);
}

function notify(reason) {
  const session = current && view(current);
  for (const listener of listeners) listener(session, reason);
}

function view({ username, roles, expiresAt }) {
  return { username, roles, expiresAt };
}
