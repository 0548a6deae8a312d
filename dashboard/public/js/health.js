import { call } from './http.js';
import { el, time } from './dom.js';

const REFRESH_MS = 5000;

// The gateway path that reaches each service's readiness; hello1400 has none, so any answer counts.
// users-api stays ready without its database (users-api/README.md#readiness), so users-db has a row of its own.
const SERVICES = [
  { name: 'gateway', path: '/healthz' },
  { name: 'hello1400', path: '/hello1400' },
  { name: 'hello1401', path: '/hello/health/readiness' },
  { name: 'hello1403', path: '/chain/health/readiness' },
  { name: 'echo', path: '/echo/health/readiness' },
  { name: 'users-api', path: '/users-api/health/readiness' },
  { name: 'users-db', path: '/users-api/health/database' },
  { name: 'auth', path: '/auth/health/readiness' },
];

export function startHealth(section) {
  const body = section.querySelector('tbody');
  const checked = section.querySelector('.checked');
  const rows = new Map(SERVICES.map((service) => [service.name, row(service)]));
  body.replaceChildren(...rows.values());

  async function refresh() {
    await Promise.all(SERVICES.map(async (service) => show(rows.get(service.name), await call(service.path))));
    checked.textContent = `Checked at ${time()}.`;
    // Wait after each round rather than on a fixed interval, so slow rounds never pile up.
    setTimeout(refresh, REFRESH_MS);
  }
  refresh();
}

function row(service) {
  return el('tr', { 'data-service': service.name },
    el('th', { scope: 'row' }, el('code', {}, service.name)),
    el('td', { class: 'status', 'data-state': 'unknown' }, 'checking'));
}

function show(row, result) {
  const status = row.querySelector('.status');
  const reported = result.data && typeof result.data === 'object' ? result.data.status : null;
  const up = result.ok && (reported ?? 'UP') === 'UP';
  status.dataset.state = up ? 'up' : 'down';
  status.textContent = up
    ? `UP (${result.ms} ms)`
    : `DOWN (${result.status === 0 ? result.error : `HTTP ${result.status}`})`;
}
