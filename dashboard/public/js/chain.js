import { call, describe } from './http.js';
import { el, showError } from './dom.js';

export function startChain(section) {
  const button = section.querySelector('button');
  const error = section.querySelector('.error');
  const hops = section.querySelector('.hops');

  async function run() {
    button.disabled = true;
    const result = await call('/chain');
    button.disabled = false;
    if (!result.ok || !Array.isArray(result.data?.hops)) {
      hops.replaceChildren();
      const upstream = result.data?.upstream ? ` (upstream ${result.data.upstream})` : '';
      showError(error, `The chain is broken: ${describe(result)}${upstream}`);
      return;
    }
    showError(error, null);
    draw(hops, result.data.hops, result.ms);
  }
  button.addEventListener('click', run);
  run();
}

function draw(list, hops, roundTripMs) {
  const slowest = Math.max(1, ...hops.map((hop) => hop.latencyMs ?? 0));
  list.replaceChildren(...hops.map((hop, index) => {
    const last = hop.upstream == null;
    const fill = el('span', { class: 'fill' });
    fill.style.width = `${(100 * (hop.latencyMs ?? 0)) / slowest}%`;
    return el('li', { class: 'hop' },
      el('div', { class: 'who' }, el('strong', {}, hop.service), ` on ${hop.host}:${hop.port}`),
      el('div', { class: 'what' }, last
        ? 'answered: hello world'
        : `called ${hop.upstream}: ${hop.latencyMs} ms`),
      index === 0 ? el('div', { class: 'hint' }, `round trip from this browser: ${roundTripMs} ms`) : null,
      last ? null : el('span', { class: 'track' }, fill));
  }));
}
