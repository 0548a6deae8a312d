import { call, describe } from './http.js';
import { showError, time } from './dom.js';
import { onChange, signIn, signOut } from './session.js';

export function startSignIn(section) {
  const form = section.querySelector('form');
  const submit = form.querySelector('button[type=submit]');
  const signedIn = section.querySelector('.signed-in');
  const who = section.querySelector('.who');
  const signOutButton = section.querySelector('.sign-out');
  const error = section.querySelector('.error');
  const status = section.querySelector('.form-status');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = form.elements.username.value.trim();
    const password = form.elements.password.value;
    // Whatever the answer, the password does not stay on the page.
    form.elements.password.value = '';
    showError(error, null);
    status.textContent = 'signing in…';
    submit.disabled = true;
    // expires_in counts from before the request left, so the page never outlives the token.
    const sent = Date.now();
    const result = await call('/auth/login', { method: 'POST', body: { username, password } });
    submit.disabled = false;
    status.textContent = '';
    const answer = result.data && typeof result.data === 'object' ? result.data : {};
    if (result.ok && typeof answer.access_token === 'string') {
      signIn({
        token: answer.access_token,
        username: answer.username ?? username,
        roles: Array.isArray(answer.roles) ? answer.roles : [],
        expiresAt: sent + 1000 * Number(answer.expires_in),
      });
      return;
    }
    showError(error, `Not signed in: ${whyNot(result)}`);
  });

  signOutButton.addEventListener('click', () => signOut());

  onChange((session, reason) => {
    const focused = section.contains(document.activeElement);
    form.hidden = session !== null;
    signedIn.hidden = session === null;
    if (session) {
      const roles = session.roles.length > 0 ? ` (${session.roles.join(', ')})` : '';
      who.textContent = `Signed in as ${session.username}${roles} until ${time(new Date(session.expiresAt))}`;
      // Focus follows the form it was in, which has just been hidden.
      if (focused) signOutButton.focus();
      return;
    }
    status.textContent = reason === 'expired'
      ? 'Your sign-in expired: sign in again to add or delete users.'
      : 'Signed out: the token is forgotten.';
    if (focused) form.elements.username.focus();
  });
}

function whyNot(result) {
  if (result.status === 401) return 'wrong username or password (HTTP 401)';
  if (result.status === 429) {
    return `too many attempts — try again in ${wait(result.headers.get('Retry-After'))} (HTTP 429)`;
  }
  if (result.status === 0) return `the auth service cannot be reached: ${result.error}`;
  // The gateway's own answers when auth is down or hung; auth's 503 has a detail of its own.
  if (result.status === 502 || result.status === 504) {
    return `the auth service is not answering (HTTP ${result.status})`;
  }
  return describe(result);
}

function wait(retryAfter) {
  const seconds = Number(retryAfter);
  if (!retryAfter || !Number.isFinite(seconds)) return 'a while';
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}
