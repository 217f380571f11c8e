// The comparison of up to three sites: every figure of each side by side (a figure another layer has not: —), each
// site's "Ask", and the shortlist as a brochure and a spreadsheet (with the search's fit when it came from one).
import { el } from './dom.js';
import { t } from './i18n.js';
import { fields } from './fields.js';
import { askButton } from './ask.js';

/** Draws `chosen` ({ layer, code, p: properties }) into `box`; `onClear` empties the comparison. */
export function renderCompare(box, chosen, { lang, find, onClear }) {
  box.hidden = chosen.length === 0;
  if (chosen.length === 0) return;
  const name = (p) => lang === 'zh' ? p.nameZh : p.nameEn;
  const keys = [...new globalThis.Map(chosen.flatMap((c) => fields[c.layer]).map((f) => [f[0], f])).values()];
  const sites = chosen.map((c) => `${c.layer}/${encodeURIComponent(c.code)}`).join(',');
  box.replaceChildren(el('header', {}, el('h2', {}, t('compare', lang)),
    ...['pdf', 'xlsx'].map((kind) => el('a', { 'data-action': `shortlist-${kind}`,
      href: `/sites/shortlist.${kind}?lang=${lang}&sites=${sites}${find ? `&find=${encodeURIComponent(find)}` : ''}` },
    t(kind === 'pdf' ? 'brochure' : 'spreadsheet', lang))),
    el('button', { type: 'button', onclick: onClear }, t('clearCompare', lang))),
  el('table', {}, el('thead', {}, el('tr', {}, el('th', {}), chosen.map((c) => el('th', { scope: 'col' }, name(c.p), ' ',
    askButton(c.layer, c.code, lang, find))))),
  el('tbody', {}, keys.map(([key, zh, en, format]) => el('tr', {}, el('th', { scope: 'row' }, lang === 'zh' ? zh : en),
    chosen.map((c) => el('td', {}, fields[c.layer].some((f) => f[0] === key) ? format(c.p[key], lang, c.p) : '—')))))));
}
