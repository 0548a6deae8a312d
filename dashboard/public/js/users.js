import { call, describe } from './http.js';
import { el, showError } from './dom.js';
import { fieldErrors } from './problem.js';
import { whyRefused } from './refusal.js';
import { authorization } from './session.js';

const PAGE_SIZE = 5;

export function startUsers(section) {
  const error = section.querySelector('.error');
  const body = section.querySelector('tbody');
  const previous = section.querySelector('.previous');
  const next = section.querySelector('.next');
  const pageLabel = section.querySelector('.page');
  const form = section.querySelector('form');
  const status = form.querySelector('.form-status');
  let page = 0;
  let latest = 0;

  async function load() {
    const ticket = ++latest;
    const result = await call(`/users?page=${page}&size=${PAGE_SIZE}`);
    // A slower, older answer must not overwrite a newer page.
    if (ticket !== latest) return;
    if (!result.ok || !Array.isArray(result.data)) {
      showError(error, `Cannot list users: ${describe(result)}`);
      body.replaceChildren();
      previous.disabled = next.disabled = true;
      return;
    }
    if (result.data.length === 0 && page > 0) {
      page--;
      return load();
    }
    showError(error, null);
    body.replaceChildren(...result.data.map(row));
    if (result.data.length === 0) body.append(el('tr', {}, el('td', { colSpan: 4, class: 'hint' }, 'no users yet')));
    pageLabel.textContent = `page ${page + 1}`;
    previous.disabled = page === 0;
    next.disabled = result.data.length < PAGE_SIZE;
  }

  function row(user) {
    const remove = el('button', { type: 'button', class: 'delete' }, 'Delete');
    remove.setAttribute('aria-label', `Delete ${user.email}`);
    remove.addEventListener('click', async () => {
      remove.disabled = true;
      const headers = authorization();
      const result = await call(`/users/${encodeURIComponent(user.id)}`, { method: 'DELETE', headers });
      if (!result.ok) {
        remove.disabled = false;
        showError(error, `Cannot delete ${user.email}: ${whyRefused(result, 'Authorization' in headers)}`);
        return;
      }
      await load();
    });
    return el('tr', { 'data-email': user.email },
      el('td', {}, user.id), el('td', {}, user.name), el('td', {}, user.email), el('td', {}, remove));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const user = { name: form.elements.name.value.trim(), email: form.elements.email.value.trim() };
    showFieldErrors(form, {});
    status.textContent = 'adding…';
    const headers = authorization();
    const result = await call('/users', { method: 'POST', body: user, headers });
    if (result.ok) {
      form.reset();
      // Announce only once the list has been reloaded, so what the status says is on screen.
      await load();
      status.textContent = `added ${result.data?.email ?? user.email}`;
      return;
    }
    const errors = fieldErrors(result);
    showFieldErrors(form, errors);
    const refused = `Not added: ${whyRefused(result, 'Authorization' in headers)}`;
    status.textContent = Object.keys(errors).length > 0 ? '' : refused;
  });

  previous.addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
  next.addEventListener('click', () => { page++; load(); });
  load();
}

function showFieldErrors(form, errors) {
  for (const slot of form.querySelectorAll('.field-error')) {
    const message = errors[slot.dataset.field] ?? '';
    slot.textContent = message;
    form.elements[slot.dataset.field].setAttribute('aria-invalid', String(message !== ''));
  }
}
