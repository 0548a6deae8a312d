import { call, describe } from './http.js';
import { el } from './dom.js';

// A few calls in flight at once, like several browser tabs: enough to keep every replica busy.
const PARALLEL = 4;

export function startReplicas(section) {
  const form = section.querySelector('form');
  const button = form.querySelector('button');
  const progress = section.querySelector('.progress');
  const bars = section.querySelector('.bars');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const total = Math.min(500, Math.max(1, Number(form.elements.count.value) || 1));
    const tally = new Map();
    let done = 0;
    let next = 0;
    button.disabled = true;
    bars.replaceChildren();

    async function worker() {
      while (next < total) {
        next++;
        const result = await call('/echo');
        const key = result.ok && result.data?.host ? result.data.host : `failed: ${describe(result)}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
        done++;
        progress.textContent = `${done} / ${total} calls, ${countHosts(tally)} replicas answered`;
        draw(bars, tally, total);
      }
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL, total) }, worker));
    button.disabled = false;
  });
}

function countHosts(tally) {
  return [...tally.keys()].filter((key) => !key.startsWith('failed: ')).length;
}

function draw(bars, tally, total) {
  const entries = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
  bars.replaceChildren(...entries.map(([key, count]) => {
    const failed = key.startsWith('failed: ');
    const fill = el('span', { class: 'fill' });
    fill.style.width = `${(100 * count) / total}%`;
    return el('li', { class: failed ? 'failed' : '', 'data-host': failed ? '' : key },
      el('span', { class: 'label' }, key),
      el('span', { class: 'track' }, fill),
      el('span', { class: 'count' }, count));
  }));
}
