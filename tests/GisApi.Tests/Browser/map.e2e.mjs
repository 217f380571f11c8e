// Drives the map page in Debian's headless Chromium (never a downloaded browser) for one scenario and prints what it
// saw as JSON on stdout; the xunit tests (MapPageTests) compare that with PostGIS. A failure to load exits non-zero.
//   node map.e2e.mjs <scenario> <baseUrl> <artifactDir> [argument]
import { openPage, run, mapPage } from './chromium.mjs';

const [scenario, baseUrl, artifacts, argument] = process.argv.slice(2);
const { browser, page, errors } = await openPage({ viewport: { width: 1400, height: 900 } });
const { open, settled } = mapPage(page, baseUrl);

// The codes drawn on the map for a layer: what the renderer actually put on the canvas.
const rendered = (layer) => page.evaluate((id) => {
  const features = window.landInventory.map.queryRenderedFeatures({ layers: [id] });
  return [...new Set(features.map((f) => f.properties.code))].sort();
}, layer);
const listed = () => page.$$eval('#results button', (buttons) => buttons.map((b) => b.dataset.code));
const sorted = (xs) => [...xs].sort();

const scenarios = {
  async load() {
    await open('#lang=en');
    return {
      readyMs: await page.evaluate(() => window.landInventory.readyMs),
      parcels: await rendered('parcels-fill'),
      carriers: await rendered('carriers-circle'),
      listed: sorted(await listed()),
    };
  },
  async filter() {
    await open('#lang=en');
    await page.selectOption('select[name=area]', 'shiling');
    await page.selectOption('select[name=status]', 'available');
    await page.fill('input[name=minArea]', '40');
    await page.selectOption('select[name=unit]', 'mu');
    await settled();
    return { listed: sorted(await listed()), parcels: await rendered('parcels-fill'), hash: new URL(page.url()).hash,
      filterMs: await page.evaluate(() => window.landInventory.filterMs),
      downloads: await page.$$eval('#downloads a', (as) => Object.fromEntries(as.map((a) => [a.dataset.format, a.getAttribute('href')]))) };
  },
  async card() {
    await open('#lang=en');
    const point = await page.evaluate((code) => {
      const { map, data } = window.landInventory;
      const feature = data.parcels.features.find((f) => f.properties.code === code);
      const ring = feature.geometry.coordinates[0][0];
      const centroid = ring.slice(1).reduce((a, c) => [a[0] + c[0] / (ring.length - 1), a[1] + c[1] / (ring.length - 1)], [0, 0]);
      map.jumpTo({ center: centroid, zoom: 16 });
      return centroid;
    }, argument);
    await settled();
    const box = await page.$eval('#map', (m) => { const r = m.getBoundingClientRect(); return { x: r.x, y: r.y }; });
    const screen = await page.evaluate((p) => window.landInventory.map.project(p), point);
    await page.mouse.click(box.x + screen.x, box.y + screen.y);
    await page.waitForSelector('#card:not([hidden]) table');
    const fields = await page.$$eval('#card tr[data-field]', (rows) => Object.fromEntries(rows.map((r) => [r.dataset.field, r.querySelector('td').textContent])));
    const links = await page.$$eval('#card .links a', (as) => as.map((a) => a.getAttribute('href')));
    await page.waitForSelector('#near-places li');
    const near = await page.$$eval('#near-places li', (items) => items.map((i) => `${i.dataset.kind}|${i.dataset.place}`));
    return { title: await page.textContent('#card h2'), fields, links, near };
  },
  async language() {
    await open('#lang=en&status=available');
    const before = { tabs: await page.$$eval('.tabs button', (b) => b.map((x) => x.textContent)), first: await page.textContent('#results li span') };
    await page.click('#language');
    const after = { tabs: await page.$$eval('.tabs button', (b) => b.map((x) => x.textContent)), first: await page.textContent('#results li span'),
      lang: await page.getAttribute('html', 'lang'), hash: new URL(page.url()).hash };
    return { before, after };
  },
  async shared() {
    await open(argument);
    return {
      listed: sorted(await listed()),
      carriers: await rendered('carriers-circle'),
      kind: await page.inputValue('select[name=kind]'),
      minVacant: await page.inputValue('input[name=minVacant]'),
      selectedTab: await page.textContent('.tabs button[aria-selected=true]'),
    };
  },
  async compare() {
    await open('#lang=en');
    const codes = (await listed()).slice(0, 4);
    for (const code of codes) {
      await page.click(`#results button[data-code="${code}"]`);
      const button = page.locator('#card button[data-action=compare]');
      if (await button.isEnabled()) await button.click();
    }
    return { columns: await page.$$eval('#compare thead th', (th) => th.slice(1).map((x) => x.textContent)), codes };
  },
  async nearby() {
    await open(`#lang=en&layer=parcels&selected=${encodeURIComponent(argument)}`);
    await page.waitForSelector('#card:not([hidden])');
    await page.selectOption('select[name=radius]', '1000');
    await page.click('#card .actions button:first-child');
    await page.waitForSelector('#nearby li, #nearby p');
    return { found: await page.$$eval('#nearby li', (li) => li.map((x) => x.textContent)) };
  },
  async screenshot() {
    await open('#lang=en&layer=parcels');
    const view = await page.evaluate(() => { const m = window.landInventory.map; return { center: m.getCenter(), zoom: m.getZoom() }; });
    await page.click('#results button');
    await page.waitForSelector('#card:not([hidden])');
    // Back to the whole zone, the card still open: the picture for the README.
    await page.evaluate((v) => window.landInventory.map.jumpTo(v), view);
    await settled();
    const file = `${artifacts}/map.png`;
    await page.screenshot({ path: file });
    return { file };
  },
  // For the benchmark (tests/GisApi.Benchmarks/run-map-benchmark.sh): the first load after the service started, then
  // 20 more, each in a fresh page: milliseconds from navigation to the map's first idle with every layer drawn.
  async firstpaint() {
    const times = [];
    for (let i = 0; i < 21; i++) {
      const fresh = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await fresh.goto(`${baseUrl}/#lang=en`);
      await fresh.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
      times.push(await fresh.evaluate(() => window.landInventory.readyMs));
      await fresh.close();
    }
    const warm = times.slice(1).sort((x, y) => x - y);
    return { cold: times[0], median: warm[10], p95: warm[18], max: warm[19] };
  },
  // The pages a person opens — the map and the API reference — load nothing from another host (a government network
  // reaches no outside service) and offer no outside service.
  async offline() {
    const own = new URL(baseUrl).host;
    const outside = [];
    page.on('request', (r) => { const url = new URL(r.url()); if (url.protocol.startsWith('http') && url.host !== own) outside.push(r.url()); });
    await open('#lang=en');
    await page.goto(`${baseUrl}/scalar/`, { waitUntil: 'networkidle' });
    await page.waitForSelector('text=LandInventory', { timeout: 30000 });
    const text = await page.evaluate(() => document.body.innerText);
    return { outside, offers: ['Ask AI', 'Generate SDK', 'Deploy', 'Developer Tools'].filter((t) => text.includes(t)) };
  },
  async phone() {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('#lang=zh');
    const map = await page.$eval('#map', (m) => m.getBoundingClientRect().width);
    await page.keyboard.press('Tab');
    return { mapWidth: map, focused: await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName) };
  },
};

await run(scenarios, scenario, browser, errors);
