// The bureau's inquiries (an admin's: every bureau's): newest first, by status; each with who asked, how to reach them,
// what they asked and the search they came from; status and the bureau's own note are saved as they are changed.
import { el } from '../dom.js';
import { call } from './api.js';
import { w } from './words.js';

const statuses = ['new', 'answered', 'closed'];

export async function inboxView(root, { lang, say }) {
  const list = el('div', { id: 'inquiries' });
  const filter = el('select', { name: 'status', 'aria-label': w('inquiryStatus', lang), onchange: () => refresh() },
    el('option', { value: '' }, w('allStatuses', lang)), statuses.map((s) => el('option', { value: s, selected: s === 'new' }, w(`inquiry_${s}`, lang))));
  const count = el('p', { id: 'inquiry-count', role: 'status' });
  const refresh = async () => {
    const { json } = await call(`/workspace/inquiries?limit=200${filter.value ? `&status=${filter.value}` : ''}`);
    count.textContent = w('inquiryCount', lang, { n: json.numberMatched });
    list.replaceChildren(...(json.inquiries.length === 0 ? [el('p', {}, w('noInquiries', lang))] : json.inquiries.map((q) => card(q))));
  };
  const card = (q) => {
    const note = el('textarea', { name: 'note', rows: 2, maxlength: 4000, 'aria-label': w('note', lang) }, q.note ?? '');
    const status = el('select', { name: 'status', 'aria-label': w('inquiryStatus', lang) },
      statuses.map((s) => el('option', { value: s, selected: s === q.status }, w(`inquiry_${s}`, lang))));
    const save = async () => {
      await call(`/workspace/inquiries/${q.reference}`, { method: 'PATCH', body: { status: status.value, note: note.value } });
      say(w('saved', lang, { code: q.reference }));
      await refresh();
    };
    return el('article', { class: 'inquiry box', 'data-reference': q.reference, 'data-status': q.status },
      el('header', {}, el('strong', {}, q.reference), ' · ', el('a', { href: `/sites/${q.layer}/${encodeURIComponent(q.code)}?lang=${lang}`, target: '_blank' }, `${q.layer}/${q.code}`),
        ' · ', q.createdAt.slice(0, 16).replace('T', ' ')),
      el('p', {}, el('span', { class: 'who' }, q.name), q.company ? ` · ${q.company}` : '', ' · ', el('span', { class: 'contact' }, q.contact),
        ` · ${q.language === 'zh' ? '中文' : 'English'}`),
      el('blockquote', {}, q.message),
      q.requirements ? el('p', { class: 'requirements' }, w('fromSearch', lang), ' ', el('a', { href: `/#lang=${lang}&find=${encodeURIComponent(q.requirements)}`, target: '_blank' }, q.requirements)) : null,
      el('div', { class: 'inline' }, status, note, el('button', { type: 'button', class: 'primary save', onclick: save }, w('save', lang))),
      q.handledBy ? el('p', { class: 'muted' }, w('handledBy', lang, { who: q.handledBy, when: q.updatedAt.slice(0, 16).replace('T', ' ') })) : null);
  };
  root.append(el('h2', {}, w('inbox', lang)), el('div', { class: 'inline' }, filter), count, list);
  await refresh();
}
