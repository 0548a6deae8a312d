// Drives the dashboard at phone size through the gateway; run.sh starts the suite and sets the environment.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const GATEWAY = required('GATEWAY_URL');
const USERS_API_PID = Number(required('USERS_API_PID'));
const HELLO1402_PID = Number(required('HELLO1402_PID'));
const AUTH_PID = Number(required('AUTH_PID'));
const SCREENSHOTS = fileURLToPath(new URL('../target/screenshots/', import.meta.url));
const WAIT = { timeout: 20_000 };
// auth's DEV ONLY demo account (auth/README.md), there whenever auth runs without DATABASE_HOST.
const ADMIN = { username: 'admin', password: 'admin-dev-only' };
const NOT_SIGNED_IN = 'Not added: sign in first — writes need a signed-in user (HTTP 401)';
const BEARER = /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/;

let context;
let page;
let profile;
const consoleErrors = [];
let expectedError = null;
const expectedSeen = [];

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  profile = await mkdtemp(join(tmpdir(), 'dashboard-chromium-'));
  // A persistent context is how Playwright accepts a user-data-dir: a fresh one per run.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = `${message.text()} (${message.location().url})`;
    (expectedError?.test(text) ? expectedSeen : consoleErrors).push(text);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.goto(`${GATEWAY}/`);
});

after(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

test('every service reports ready in the health panel', async () => {
  await page.waitForFunction(() => {
    const states = [...document.querySelectorAll('#health .status')].map((cell) => cell.dataset.state);
    return states.length === 8 && states.every((state) => state === 'up');
  }, null, WAIT);
  await shoot('01-healthy');
});

test('the page fits a phone screen without sideways scrolling', async () => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
});

test('calls to /echo spread over the three replicas', async () => {
  await page.fill('#replicas-count', '30');
  await page.click('#replicas button[type=submit]');
  await page.locator('#replicas .progress', { hasText: '30 / 30 calls' }).waitFor(WAIT);
  const bars = await page.$$eval('#replicas .bars li', (items) => items.map((item) => ({
    host: item.dataset.host,
    count: Number(item.querySelector('.count').textContent),
  })));
  assert.deepEqual(bars.map((bar) => bar.host), ['echo-1', 'echo-2', 'echo-3']);
  assert.ok(bars.every((bar) => bar.count > 0), JSON.stringify(bars));
  assert.equal(bars.reduce((sum, bar) => sum + bar.count, 0), 30);
  await shoot('02-replicas', '#replicas');
});

test('the chain shows two hops, the first with its latency', async () => {
  await page.click('#chain button');
  const hops = page.locator('#chain .hop');
  await hops.nth(1).waitFor(WAIT);
  assert.equal(await hops.count(), 2);
  assert.match(await hops.nth(0).locator('.what').textContent(), /^called http:\/\/127\.0\.0\.1:\d+: \d+ ms$/);
  assert.equal(await hops.nth(1).locator('.what').textContent(), 'answered: hello world');
  assert.equal(await page.locator('#chain .error').isVisible(), false);
  await shoot('03-chain', '#chain');
});

test('signed out, adding a user shows the 401 in words and adds nobody', async () => {
  assert.equal(await page.isVisible('#signin form'), true, 'the page starts signed out');
  await assertAddRefusedWithoutAToken('signed.out');
  await shoot('04-users-signed-out', '#users');
});

test('a wrong password is explained and the password field is cleared', async () => {
  await causing(401, async () => {
    await signIn({ username: ADMIN.username, password: 'not-the-password' });
    await page.locator('#signin .error', { hasText: '(HTTP 401)' }).waitFor(WAIT);
  });
  assert.equal(await page.textContent('#signin .error'), 'Not signed in: wrong username or password (HTTP 401)');
  assert.equal(await page.inputValue('#signin-password'), '');
  assert.equal(await page.isVisible('#signin .signed-in'), false);
  await shoot('05-signin-wrong-password', '#signin');
});

test('too many failed sign-ins are explained with the wait', async () => {
  const username = `mallory.${Date.now()}`;
  let answer;
  await causing(/status of (401|429)\b/, async () => {
    for (let attempt = 1; attempt <= 10 && answer?.status() !== 429; attempt++) {
      const response = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/login');
      await signIn({ username, password: `guess-${attempt}` });
      answer = await response;
      await page.locator('#signin .error', { hasText: `(HTTP ${answer.status()})` }).waitFor(WAIT);
    }
  });
  assert.equal(answer.status(), 429, 'auth never refused the guesses');
  const seconds = Number(answer.headers()['retry-after']);
  assert.ok(seconds > 0, `Retry-After: ${answer.headers()['retry-after']}`);
  const wait = seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
  assert.equal(await page.textContent('#signin .error'),
    `Not signed in: too many attempts — try again in ${wait} (HTTP 429)`);
  await shoot('06-signin-too-many', '#signin');
});

test('signing in shows who and until when, and keeps the token out of storage, cookies and the URL', async () => {
  const response = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/login');
  await signIn(ADMIN);
  const login = await response;
  assert.equal(login.status(), 200);
  const token = (await login.json()).access_token;
  assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  await page.locator('#signin .signed-in').waitFor(WAIT);
  assert.match(await page.textContent('#signin .who'), /^Signed in as admin \(users:write\) until \d\d:\d\d:\d\d$/);
  assert.equal(await page.isVisible('#signin form'), false);
  assert.equal(await page.inputValue('#signin-password'), '');

  const kept = await page.evaluate(() => ({
    localStorage: Object.entries(localStorage),
    sessionStorage: Object.entries(sessionStorage),
    cookie: document.cookie,
    url: location.href,
  }));
  assert.deepEqual(kept.localStorage, []);
  assert.deepEqual(kept.sessionStorage, []);
  assert.equal(kept.cookie, '');
  assert.ok(!kept.url.includes(token), kept.url);
  assert.deepEqual(await context.cookies(), []);
  await shoot('07-signed-in', '#signin');
});

test("signed in, a bad email shows the API's validation error next to the email field", async () => {
  await ensureSignedIn();
  await causing(400, async () => {
    await addUser('not-an-email');
    await page.locator('#user-email-error:not(:empty)').waitFor(WAIT);
  });
  assert.equal(await page.textContent('#user-name-error'), '');
  assert.equal(await page.getAttribute('#user-email', 'aria-invalid'), 'true');
  await shoot('08-users-invalid-email', '#users');
});

test('signed in, a user can be added and then deleted, each with the token', async () => {
  await ensureSignedIn();
  const email = `ada.${Date.now()}@example.com`;
  const post = page.waitForRequest(write('POST'));
  await addUser(email);
  await page.locator('#users .form-status', { hasText: `added ${email}` }).waitFor(WAIT);
  assert.match((await post).headers().authorization ?? 'none', BEARER);
  assert.equal(await page.textContent('#user-email-error'), '');

  const row = page.locator(`#users tr[data-email="${email}"]`);
  await showPageWith(row);
  await shoot('09-users-added', '#users');
  const remove = page.waitForRequest(write('DELETE'));
  await row.locator('button.delete').click();
  await row.waitFor({ state: 'detached', ...WAIT });
  assert.match((await remove).headers().authorization ?? 'none', BEARER);
  assert.ok(!(await allUserEmails()).includes(email), `${email} is still listed by the API`);
  await shoot('10-users-deleted', '#users');
});

test("a 403 is explained in words (users-api's answer stubbed: the demo account has the role)", async () => {
  await ensureSignedIn();
  // The answer users-api gives a valid token without users:write (users-api/README.md).
  await page.route('**/users', (route) => (route.request().method() !== 'POST' ? route.continue() : route.fulfill({
    status: 403,
    contentType: 'application/problem+json',
    headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' },
    body: JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403,
      detail: 'the token does not grant the role this request needs' }),
  })));
  try {
    await causing(403, async () => {
      await addUser(`forbidden.${Date.now()}@example.com`);
      await page.locator('#users .form-status', { hasText: '(HTTP 403)' }).waitFor(WAIT);
    });
  } finally {
    await page.unroute('**/users');
  }
  assert.equal(await page.textContent('#users .form-status'),
    'Not added: your account may not change users — writes need the role users:write (HTTP 403)');
  await shoot('11-users-forbidden', '#users');
});

test('signing out forgets the token: a later add or delete gets the 401 in words', async () => {
  await ensureSignedIn();
  await page.click('#signin .sign-out');
  await page.locator('#signin form').waitFor(WAIT);
  assert.equal(await page.isVisible('#signin .signed-in'), false);
  assert.equal(await page.textContent('#signin .form-status'), 'Signed out: the token is forgotten.');

  await assertAddRefusedWithoutAToken('after.sign.out');

  const row = page.locator('#users tbody tr[data-email]').first();
  const kept = await row.getAttribute('data-email');
  const remove = page.waitForRequest(write('DELETE'));
  await causing(401, async () => {
    await row.locator('button.delete').click();
    await page.locator('#users .error', { hasText: '(HTTP 401)' }).waitFor(WAIT);
  });
  assert.equal((await remove).headers().authorization, undefined);
  assert.equal(await page.textContent('#users .error'),
    `Cannot delete ${kept}: sign in first — writes need a signed-in user (HTTP 401)`);
  assert.ok((await allUserEmails()).includes(kept), `${kept} was deleted after signing out`);
  await shoot('12-users-signed-out-delete', '#users');
});

test('a token past its expires_in counts as signed out', async () => {
  // Only the lifetime the page is told: users-api would still take the token, so a 401 means the page dropped it.
  await page.route('**/auth/login', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), expires_in: 3 } });
  });
  try {
    await signIn(ADMIN);
    await page.locator('#signin .signed-in').waitFor(WAIT);
  } finally {
    await page.unroute('**/auth/login');
  }
  await page.locator('#signin .form-status', { hasText: 'Your sign-in expired' }).waitFor(WAIT);
  assert.equal(await page.isVisible('#signin .signed-in'), false);
  await shoot('13-signin-expired', '#signin');

  const post = page.waitForRequest(write('POST'));
  await causing(401, async () => {
    await addUser(`expired.${Date.now()}@example.com`);
    await page.locator('#users .form-status', { hasText: '(HTTP 401)' }).waitFor(WAIT);
  });
  assert.equal((await post).headers().authorization, undefined);
  assert.equal(await page.textContent('#users .form-status'), NOT_SIGNED_IN);
});

test('no console errors while every service is up', () => {
  assert.deepEqual(consoleErrors, []);
});

test('with users-api, hello1402 and auth stopped the page shows errors and keeps working', async () => {
  process.kill(USERS_API_PID, 'SIGTERM');
  process.kill(HELLO1402_PID, 'SIGTERM');
  process.kill(AUTH_PID, 'SIGTERM');
  await until(async () => (await fetch(`${GATEWAY}/users-api/health/readiness`)).status === 502, 'users-api to stop');
  await until(async () => (await fetch(`${GATEWAY}/chain`)).status === 502, 'hello1402 to stop');
  await until(async () => (await fetch(`${GATEWAY}/auth/health/readiness`)).status === 502, 'auth to stop');

  await page.reload();
  await page.locator('#users .error', { hasText: 'Cannot list users: HTTP 502' }).waitFor(WAIT);
  await page.locator('#chain .error', { hasText: 'The chain is broken: HTTP 502' }).waitFor(WAIT);
  await page.locator('#health tr[data-service="users-api"] .status[data-state="down"]').waitFor(WAIT);
  await page.locator('#health tr[data-service="auth"] .status[data-state="down"]').waitFor(WAIT);
  await page.locator('#health tr[data-service="hello1401"] .status[data-state="up"]').waitFor(WAIT);
  await signIn(ADMIN);
  await page.locator('#signin .error', { hasText: 'Not signed in: the auth service is not answering (HTTP 502)' })
    .waitFor(WAIT);
  assert.equal(await page.inputValue('#signin-password'), '');

  await page.fill('#replicas-count', '6');
  await page.click('#replicas button[type=submit]');
  await page.locator('#replicas .progress', { hasText: '6 / 6 calls, 3 replicas answered' }).waitFor(WAIT);
  await shoot('14-services-down');
});

async function signIn({ username, password }) {
  await page.fill('#signin-username', username);
  await page.fill('#signin-password', password);
  await page.click('#signin form button[type=submit]');
}

// A test that writes signs in first, unless the test before it left the page signed in.
async function ensureSignedIn() {
  if (await page.isVisible('#signin .signed-in')) return;
  await signIn(ADMIN);
  await page.locator('#signin .signed-in').waitFor(WAIT);
}

/** Signed out, an add sends no token, gets users-api's 401 in words, and adds nobody. */
async function assertAddRefusedWithoutAToken(prefix) {
  const email = `${prefix}.${Date.now()}@example.com`;
  const post = page.waitForRequest(write('POST'));
  await causing(401, async () => {
    await addUser(email);
    await page.locator('#users .form-status', { hasText: '(HTTP 401)' }).waitFor(WAIT);
  });
  assert.equal((await post).headers().authorization, undefined);
  assert.equal(await page.textContent('#users .form-status'), NOT_SIGNED_IN);
  assert.ok(!(await allUserEmails()).includes(email), `${email} was added without a token`);
}

async function addUser(email, name = 'Ada Lovelace') {
  await page.fill('#user-name', name);
  await page.fill('#user-email', email);
  await page.click('#users form button[type=submit]');
}

function write(method) {
  return (request) => request.method() === method && /^\/users(\/|$)/.test(new URL(request.url()).pathname);
}

// Chromium logs each 4xx answer as a console error: a test names the ones it causes, and must see them.
async function causing(status, action) {
  expectedError = status instanceof RegExp ? status : new RegExp(`status of ${status}\\b`);
  const seen = expectedSeen.length;
  try {
    await action();
    await until(async () => expectedSeen.length > seen, `the console to log ${expectedError}`);
  } finally {
    expectedError = null;
  }
}

// Pages forward until the row shows, as a person would: a new user lands on the last page.
async function showPageWith(row) {
  for (let pages = 0; pages < 100 && !(await row.isVisible()); pages++) {
    const next = page.locator('#users .next');
    assert.ok(await next.isEnabled(), 'the new user is on no page');
    const current = await page.textContent('#users .page');
    await next.click();
    await page.locator('#users .page', { hasNotText: current }).waitFor(WAIT);
  }
  await row.waitFor(WAIT);
}

async function allUserEmails() {
  const emails = [];
  for (let number = 0; number < 100; number++) {
    const response = await fetch(`${GATEWAY}/users?page=${number}&size=50`, { headers: { Accept: 'application/json' } });
    assert.equal(response.status, 200);
    const users = await response.json();
    emails.push(...users.map((user) => user.email));
    if (users.length < 50) return emails;
  }
  assert.fail('more than 100 pages of users');
}

async function until(condition, what) {
  const deadline = Date.now() + 30_000;
  while (!(await condition().catch(() => false))) {
    assert.ok(Date.now() < deadline, `gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function shoot(name, selector) {
  const path = join(SCREENSHOTS, `${name}.png`);
  if (selector) await page.locator(selector).screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
}

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with dashboard/test/run.sh`);
  return value;
}
