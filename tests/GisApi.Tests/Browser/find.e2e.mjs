// Drives the map's "Find sites for my project" in Debian's headless Chromium for one scenario and prints what it saw as
// JSON; FindPageTests compares it with /match and PostGIS.   node find.e2e.mjs <scenario> <baseUrl> <artifactDir> [argument]
import { openPage, run, mapPage } from './chromium.mjs';

const [scenario, baseUrl, artifacts, argument] = process.argv.slice(2);
const { browser, page, errors } = await openPage({ viewport: { width: 1400, height: 900 } });
const { open, settled } = mapPage(page, baseUrl);
// The ranked list as shown: layer/code=score and each criterion's status.
const ranked = () => page.$$eval('#matches > li > button', (buttons) => buttons.map((b) => ({
  site: `${b.dataset.layer}/${b.dataset.code}`, score: Number(b.dataset.score),
  fits: [...b.querySelectorAll('.fits li')].map((li) => ({ criterion: li.dataset.criterion, status: li.dataset.status, text: li.textContent })),
})));
// The sites the map drew coloured by fit, from the renderer.
const coloured = () => page.evaluate(() => {
  const { map } = window.landInventory;
  return [...new Set(map.queryRenderedFeatures({ layers: ['fit-fill', 'fit-circle'] }).map((f) => `${f.properties.layer}/${f.properties.code}=${f.properties.score}`))].sort();
});
const find = () => decodeURIComponent(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('find') ?? '');

const scenarios = {
  // A shared link opens on its search: the list, the map coloured by fit.
  async link() {
    await open(argument);
    await page.waitForSelector('#matches > li');
    await settled();
    await page.screenshot({ path: `${artifacts}/find-${argument.includes('lang=zh') ? 'zh' : 'en'}.png` });
    return { ranked: await ranked(), coloured: await coloured(), count: await page.textContent('#match-count'),
      oneAway: await page.$$eval('#one-away li', (items) => items.map((li) => li.dataset.criterion)) };
  },
  // The form: floor space, floor load at least 30 (must), rent at most 25 (soft, weight 2); the URL takes the search.
  async form() {
    await open('#lang=en');
    await page.click('#find-toggle');
    await page.waitForSelector('form.find');
    await page.fill('input[name="floorLoad.min"]', '30');
    await page.fill('input[name="rent.max"]', '25');
    await page.uncheck('input[name="rent.must"]');
    await page.selectOption('select[name="rent.weight"]', '2');
    await page.fill('input[name="near:expresswayEntrance.max"]', '6');
    await page.click('form.find button[type=submit]');
    await page.waitForSelector('#matches > li');
    return { find: find(), ranked: await ranked() };
  },
  // "Relax": the first one-away suggestion is taken into the search, which then finds more.
  async relax() {
    await open(argument);
    await page.waitForSelector('#one-away .relax');
    const before = await ranked();
    const criterion = await page.$eval('#one-away li', (li) => li.dataset.criterion);
    await page.click('#one-away .relax');
    await page.waitForFunction((n) => document.querySelectorAll('#matches > li').length > n, before.length);
    return { criterion, before: before.length, after: (await ranked()).length, find: find() };
  },
  // "Ask about this site" from the card of a site chosen in a search, or from the comparison it was added to: the search
  // goes with the question.
  async ask() {
    await open(argument.split(' ')[0]);
    const from = argument.split(' ')[1] ?? 'card';
    await page.waitForSelector('#card button[data-action=ask]');
    if (from === 'compare') {
      await page.click('#card button[data-action=compare]');
      await page.waitForSelector('#compare button[data-action=ask]');
    }
    await page.click(`#${from} button[data-action=ask]`);
    await page.fill('dialog.ask input[name=name]', 'Sun Ba');
    await page.fill('dialog.ask input[name=contact]', '+86 139 0000 0000');
    await page.fill('dialog.ask textarea[name=message]', 'Can we visit next week?');
    await page.waitForTimeout(1300); // a person takes a moment; the service here wants at least a second
    await page.click('dialog.ask button[type=submit]');
    await page.waitForSelector('dialog.ask .sent');
    return { reference: await page.$eval('dialog.ask .sent', (p) => p.dataset.reference), sent: await page.textContent('dialog.ask .sent'),
      spreadsheet: await page.$eval('a[data-action=spreadsheet]', (a) => a.getAttribute('href')),
      shortlist: from === 'compare' ? await page.$eval('a[data-action=shortlist-pdf]', (a) => a.getAttribute('href')) : null };
  },
  // A chosen site (the link's selection): the map brings the places around it into view, drawn and named.
  async surroundings() {
    await open(`#lang=en&layer=carriers&selected=${argument}`);
    await page.waitForSelector('#near-places li');
    await page.waitForTimeout(600); // the fit to the site and its places animates for 400 ms
    await settled();
    await page.screenshot({ path: `${artifacts}/surroundings.png` });
    return {
      places: await page.evaluate(() => [...new Set(window.landInventory.map.queryRenderedFeatures({ layers: ['places-circle'] }).map((f) => f.properties.id))].sort()),
      labels: await page.$$eval('.place-label', (labels) => labels.map((l) => l.dataset.place).sort()),
    };
  },
};

await run(scenarios, scenario, browser, errors);
