// "Ask about this site" from the card: a dialog whose form goes to the site's bureau (POST /sites/{layer}/{code}/inquiries)
// with the search it came from, if any; the answer is a reference number. The form token is fetched as the dialog
// opens: the service takes it no sooner than a person could have filled the form in.
import { el } from './dom.js';
import { t } from './i18n.js';

export function askButton(layer, code, lang, requirements) {
  return el('button', { type: 'button', 'data-action': 'ask', onclick: () => open(layer, code, lang, requirements) }, t('ask', lang));
}

async function open(layer, code, lang, requirements) {
  const ticket = fetch('/sites/inquiry-form').then((r) => r.json());
  const status = el('p', { class: 'ask-status', role: 'status' });
  const field = (name, type = 'text', attributes = {}, label = name) => el('label', {}, t(label, lang),
    type === 'textarea' ? el('textarea', { name, rows: 4, maxlength: 4000, required: true, ...attributes })
      : el('input', { name, type, maxlength: 200, ...attributes }));
  const form = el('form', { method: 'dialog' },
    field('name', 'text', { required: true, autocomplete: 'name' }), field('company', 'text', { autocomplete: 'organization' }),
    field('contact', 'text', { required: true, autocomplete: 'email' }, 'contactWay'), field('message', 'textarea'),
    el('label', {}, t('requirements', lang), el('input', { name: 'requirements', value: requirements ?? '', maxlength: 2000 })),
    el('p', { class: 'privacy' }, t('privacy', lang)),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, t('send', lang)),
      el('button', { type: 'button', onclick: () => dialog.close() }, t('close', lang))), status);
  const dialog = el('dialog', { class: 'ask', 'aria-label': t('ask', lang) }, el('h2', {}, t('ask', lang)), form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const response = await fetch(`/sites/${layer}/${encodeURIComponent(code)}/inquiries`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...data, lang, formToken: (await ticket).formToken }),
    });
    const body = await response.json();
    if (!response.ok) {
      status.textContent = body.errors?.map((x) => `${x.field}: ${x.message}`).join('; ') || body.detail || String(response.status);
      status.className = 'ask-status error';
      return;
    }
    form.replaceChildren(el('p', { class: 'sent', 'data-reference': body.reference },
      t('sent', lang).replace('{reference}', body.reference).replace('{bureau}', lang === 'zh' ? body.bureau.nameZh : body.bureau.nameEn)),
    el('button', { type: 'button', onclick: () => dialog.close() }, t('close', lang)));
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
