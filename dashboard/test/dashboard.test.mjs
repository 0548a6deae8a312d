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
const SCREENSHOTS = fileURLToPath(new URL('../target/screenshots/', import.meta.url));
const WAIT = { timeout: 20_000 };

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
    return states.length === 7 && states.every((state) => state === 'up');
  }, null, WAIT);
  await shoot('1-healthy');
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
  await shoot('2-replicas', '#replicas');
});

test('the chain shows two hops, the first with its latency', async () => {
  await page.click('#chain button');
  const hops = page.locator('#chain .hop');
  await hops.nth(1).waitFor(WAIT);
  assert.equal(await hops.count(), 2);
  assert.match(await hops.nth(0).locator('.what').textContent(), /^called http:\/\/127\.0\.0\.1:\d+: \d+ ms$/);
  assert.equal(await hops.nth(1).locator('.what').textContent(), 'answered: hello world');
  assert.equal(await page.locator('#chain .error').isVisible(), false);
  await shoot('3-chain', '#chain');
});

test("a bad email shows the API's validation error next to the email field", async () => {
  expectedError = /status of 400/;
  try {
    await page.fill('#user-name', 'Ada Lovelace');
    await page.fill('#user-email', 'not-an-email');
    await page.click('#users form button[type=submit]');
    await page.locator('#user-email-error:not(:empty)').waitFor(WAIT);
  } finally {
    expectedError = null;
  }
  assert.equal(await page.textContent('#user-name-error'), '');
  assert.equal(await page.getAttribute('#user-email', 'aria-invalid'), 'true');
  await shoot('4-users-invalid-email', '#users');
});

test('a user can be added and then deleted', async () => {
  const email = `ada.${Date.now()}@example.com`;
  await page.fill('#user-name', 'Ada Lovelace');
  await page.fill('#user-email', email);
  await page.click('#users form button[type=submit]');
  await page.locator('#users .form-status', { hasText: `added ${email}` }).waitFor(WAIT);
  assert.equal(await page.textContent('#user-email-error'), '');

  const row = page.locator(`#users tr[data-email="${email}"]`);
  await showPageWith(row);
  await shoot('5-users-added', '#users');
  await row.locator('button.delete').click();
  await row.waitFor({ state: 'detached', ...WAIT });
  assert.ok(!(await allUserEmails()).includes(email), `${email} is still listed by the API`);
  await shoot('6-users-deleted', '#users');
});

test('no console errors while every service is up', () => {
  assert.deepEqual(consoleErrors, []);
  assert.equal(expectedSeen.length, 1, 'the rejected POST is the only logged failure');
});

test('with users-api and hello1402 stopped the page shows errors and keeps working', async () => {
  process.kill(USERS_API_PID, 'SIGTERM');
  process.kill(HELLO1402_PID, 'SIGTERM');
  await until(async () => (await fetch(`${GATEWAY}/users-api/health/readiness`)).status === 502, 'users-api to stop');
  await until(async () => (await fetch(`${GATEWAY}/chain`)).status === 502, 'hello1402 to stop');

  await page.reload();
  await page.locator('#users .error', { hasText: 'Cannot list users: HTTP 502' }).waitFor(WAIT);
  await page.locator('#chain .error', { hasText: 'The chain is broken: HTTP 502' }).waitFor(WAIT);
  await page.locator('#health tr[data-service="users-api"] .status[data-state="down"]').waitFor(WAIT);
  await page.locator('#health tr[data-service="hello1401"] .status[data-state="up"]').waitFor(WAIT);

  await page.fill('#replicas-count', '6');
  await page.click('#replicas button[type=submit]');
  await page.locator('#replicas .progress', { hasText: '6 / 6 calls, 3 replicas answered' }).waitFor(WAIT);
  await shoot('7-services-down');
});

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
