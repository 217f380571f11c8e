// Drives the planner's workspace in Debian's headless Chromium for one scenario and prints what it saw as JSON; the
// xunit tests (WorkspacePageTests) compare that with PostGIS. Arguments after the artifact folder are the scenario's.
//   node workspace.e2e.mjs <scenario> <baseUrl> <artifactDir> [arguments…]
import { openPage, run } from './chromium.mjs';
import { workspaceSession } from './workspace-session.mjs';

const [scenario, baseUrl, artifacts, ...args] = process.argv.slice(2);
// A refused request is logged by Chromium as "Failed to load resource"; the scenarios expect some (401 before signing
// in, 403, 412, 422) and check what the page shows of them. Anything else in the console is an error of the page.
const { browser, page, errors } = await openPage({ viewport: { width: 1280, height: 860 } }, { allowFailedLoads: true });

const { ready, open, signIn } = workspaceSession(page, baseUrl);
const shot = (name) => page.screenshot({ path: `${artifacts}/workspace-${name}.png`, fullPage: true });
const text = (selector) => page.textContent(selector);
const listed = () => page.$$eval('#records tbody tr', (rows) => rows.map((r) => r.dataset.code));

/** Another person's change, made outside this browser with their personal access token. */
async function elsewhere(token, url, properties) {
  const headers = { Authorization: `Bearer ${token}` };
  const current = await fetch(`${baseUrl}${url}`, { headers });
  const response = await fetch(`${baseUrl}${url}`, { method: 'PATCH', body: JSON.stringify({ properties }),
    headers: { ...headers, 'Content-Type': 'application/merge-patch+json', 'If-Match': current.headers.get('ETag') } });
  return response.status;
}

/** Dry-runs a file in the upload view and waits for its review. */
async function dryRun(path, layer) {
  await page.click('#nav a[data-view=upload]');
  await ready('upload');
  await page.setInputFiles('#upload input[type=file]', path);
  if (Array.isArray(path)) await page.waitForSelector('#upload select[name=crs] option[data-prj]', { state: 'attached' });
  if (layer) await page.selectOption('#upload select[name=layer]', layer);
  await page.evaluate(() => { delete document.body.dataset.review; });
  await page.click('#upload button[type=submit]');
  await page.waitForSelector('body[data-review]', { timeout: 60000 });
}

/** What the review shows: the state, the counts, each change's fields, what the map drew. */
async function review() {
  const counts = Object.fromEntries(await page.$$eval('#summary td', (tds) => tds.map((td) => [td.dataset.count, Number(td.textContent)])));
  const changes = await page.$$eval('#changes tbody tr', (rows) => rows.map((r) => ({ key: r.dataset.key, change: r.dataset.change,
    fields: [...r.querySelectorAll('li')].map((li) => li.dataset.field), text: r.textContent })));
  const problems = await page.$$eval('#problems li', (items) => items.map((i) => ({ feature: i.dataset.feature, field: i.dataset.field, text: i.textContent })));
  const drawn = await page.evaluate(() => new Promise((resolve) => {
    const map = window.landInventoryWorkspace.review?.map;
    if (!map) return resolve({});
    const count = () => Object.fromEntries(['old', 'changed', 'added', 'removed', 'problem'].map((k) =>
      [k, new Set(map.queryRenderedFeatures({ layers: [k === 'problem' ? 'problem-point' : `${k}-line`] }).map((f) => f.properties.key)).size]));
    if (map.loaded()) { map.once('idle', () => resolve(count())); map.triggerRepaint(); } else map.once('idle', () => resolve(count()));
  }));
  return { state: await page.getAttribute('body', 'data-review'), counts, changes, problems, drawn,
    commit: await page.$('#commit') !== null, job: new URLSearchParams(new URL(page.url()).hash.slice(1)).get('job') };
}

async function commit() {
  await page.evaluate(() => { delete document.body.dataset.review; });
  await page.click('#commit');
  await page.waitForSelector('body[data-review]:not([data-review="running"])', { timeout: 60000 });
}

const scenarios = {
  async signin([user, password]) {
    await open();
    await shot('signin');
    await signIn(user, password);
    await shot('records');
    const result = { listed: await listed(), who: await text('#who'), count: await text('#records-count'),
      stale: await page.$$eval('#records tr.stale', (rows) => rows.map((r) => r.dataset.code)),
      csv: await page.$$eval('#downloads a[data-format=csv]', (as) => as[0]?.getAttribute('href') ?? null) };
    await page.click('#signout');
    await ready('signin');
    // A reload after signing out stays signed out: the cookie is gone, not only the page's memory.
    await page.reload();
    await ready('signin');
    return { ...result, afterSignOut: await page.getAttribute('body', 'data-view') };
  },
  async lockout([user, password, attempts]) {
    await open();
    const messages = [];
    const attempt = async (value) => {
      await page.evaluate(() => { document.querySelector('#signin-error').textContent = ''; });
      await page.fill('#signin input[name=userName]', user);
      await page.fill('#signin input[name=password]', value);
      await page.click('#signin button[type=submit]');
      await page.waitForFunction(() => document.querySelector('#signin-error').textContent !== '');
      return text('#signin-error');
    };
    for (let i = 0; i < Number(attempts); i++) messages.push(await attempt(`${password}-wrong-${i}`));
    const right = await attempt(password);
    await shot('locked');
    return { messages, right, view: await page.getAttribute('body', 'data-view') };
  },
  async edit([user, password, code, contact, confirmCode]) {
    await signIn(user, password);
    await page.click(`#records tr[data-code="${code}"] button.edit`);
    await page.waitForSelector('#edit-form');
    await page.fill('#edit-form input[name=contactName]', contact);
    await shot('editor');
    await page.click('#edit-form button[type=submit]');
    await page.waitForFunction(() => !document.querySelector('#edit-form') && document.querySelector('#status').textContent.startsWith('Saved'));
    const saved = await text('#status');
    // A rule of the API, shown by the field: a negative deposit (parcels) or vacancy.
    await page.click(`#records tr[data-code="${code}"] button.edit`);
    await page.waitForSelector('#edit-form');
    const numeric = await page.$eval('#edit-form input[type=number]', (i) => i.name);
    await page.fill(`#edit-form input[name=${numeric}]`, '-5');
    await page.click('#edit-form button[type=submit]');
    await page.waitForFunction((f) => document.querySelector(`#edit-form .field-error[data-field="${f}"]`)?.textContent, numeric);
    const refused = { field: numeric, message: await text(`#edit-form .field-error[data-field="${numeric}"]`) };
    await shot('editor-refused');
    await page.click('#edit-form button[type=button]');
    await page.click(`#records tr[data-code="${confirmCode}"] button.confirm`);
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Confirmed'));
    return { saved, refused, confirmed: await text('#status'),
      verified: await page.textContent(`#records tr[data-code="${confirmCode}"] td.verified`) };
  },
  async conflict([user, password, layer, code, otherToken]) {
    await signIn(user, password);
    await page.click(`#records tr[data-code="${code}"] button.edit`);
    await page.waitForSelector('#edit-form');
    await page.fill('#edit-form input[name=contactName]', 'Mine, from the page');
    const other = await elsewhere(otherToken, `/ogc/collections/${layer}/items/${encodeURIComponent(code)}`, { contactPhone: '028-0000-1111' });
    await page.click('#edit-form button[type=submit]');
    await page.waitForSelector('#conflict li');
    await shot('conflict');
    const theirs = await page.$$eval('#conflict li', (items) => items.map((i) => ({ field: i.dataset.field, text: i.textContent })));
    await page.click('#reapply');
    await page.waitForFunction(() => !document.querySelector('#edit-form') && document.querySelector('#status').textContent.startsWith('Saved'));
    return { other, theirs, status: await text('#status') };
  },
  async tokens([user, password]) {
    await signIn(user, password);
    await page.click('#nav a[data-view=tokens]');
    await ready('tokens');
    await page.fill('#issue-token input[name=name]', 'from the browser');
    await page.fill('#issue-token input[name=days]', '5');
    await page.click('#issue-token button[type=submit]');
    await page.waitForSelector('#token-secret');
    const token = await text('#token-secret');
    await shot('tokens');
    const use = async () => (await fetch(`${baseUrl}/workspace/session`, { headers: { Authorization: `Bearer ${token}` } })).status;
    const before = await use();
    await page.click('#tokens tbody tr button.revoke');
    await page.waitForFunction(() => document.querySelector('#tokens tbody tr td.state').textContent === 'Revoked');
    return { token, before, after: await use(), listedSecret: (await text('#tokens')).includes(token) };
  },
  async accounts([admin, password, newUser, bureau, newPassword]) {
    await signIn(admin, password);
    await page.click('#nav a[data-view=accounts]');
    await ready('accounts');
    await page.fill('#create-account input[name=userName]', newUser);
    await page.selectOption('#create-account select[name=bureau]', bureau);
    await page.click('#create-account button[type=submit]');
    await page.waitForSelector('#one-time-password');
    const oneTime = await text('#one-time-password');
    await shot('accounts');
    await page.click('#signout');
    await ready('signin');
    await signIn(newUser, oneTime, 'password');
    const must = await text('#must-change');
    await shot('password');
    await page.fill('#password input[name=currentPassword]', oneTime);
    await page.fill('#password input[name=newPassword]', newPassword);
    await page.fill('#password input[name=repeat]', newPassword);
    await page.click('#password button[type=submit]');
    await ready('records');
    return { must, listed: await listed(), who: await text('#who') };
  },
  async forged([user, password, layer, code]) {
    await signIn(user, password);
    // The page's own session, a write without the antiforgery header: what a forged request would be at best.
    return page.evaluate(async ({ layer, code }) => {
      const url = `/ogc/collections/${layer}/items/${encodeURIComponent(code)}`;
      const etag = (await fetch(url)).headers.get('ETag');
      const response = await fetch(url, { method: 'PATCH', credentials: 'same-origin', body: JSON.stringify({ properties: { contactName: 'forged' } }),
        headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': etag } });
      return { status: response.status, problem: await response.json() };
    }, { layer, code });
  },
  async upload([user, password, path]) {
    await signIn(user, password);
    await dryRun(path);
    const reviewed = await review();
    await shot('review');
    // Left and come back: the job is in the URL, its review is shown again.
    await page.goto(`${baseUrl}/workspace#view=upload&lang=en&job=${reviewed.job}`);
    await ready('upload');
    await page.waitForSelector('body[data-review]');
    const back = await review();
    await commit();
    return { reviewed, back: back.changes.length, committed: await review(), written: await page.$('#written') !== null };
  },
  // A field mapping kept from the upload view (first one the server refuses, then one it takes), chosen, and a survey
  // with Chinese field names dry-run with it.
  async mapping([user, password, path, refusedJson, keptJson]) {
    await signIn(user, password);
    await page.click('#nav a[data-view=upload]');
    await ready('upload');
    await page.selectOption('#upload select[name=layer]', 'parcels');
    await page.click('#mappings summary');
    await page.fill('#keep-mapping input[name=mappingName]', '测绘院成果');
    const keep = async (json) => {
      await page.evaluate(() => { document.querySelector('#mapping-error').textContent = ''; });
      await page.fill('#keep-mapping textarea', json);
      await page.click('#keep-mapping button[type=submit]');
    };
    await keep(refusedJson);
    await page.waitForFunction(() => document.querySelector('#mapping-error').textContent !== '');
    const refused = await text('#mapping-error');
    await keep(keptJson);
    await page.waitForSelector('#upload select[name=mapping] option[data-kept][value="测绘院成果"]', { state: 'attached' });
    const chosen = await page.$eval('#upload select[name=mapping]', (s) => s.value);
    const options = await page.$$eval('#upload select[name=mapping] option', (os) => os.map((o) => o.value));
    await shot('mapping');
    // In this view, as it is: the kept mapping stays chosen.
    await page.setInputFiles('#upload input[type=file]', path);
    await page.evaluate(() => { delete document.body.dataset.review; });
    await page.click('#upload button[type=submit]');
    await page.waitForSelector('body[data-review]', { timeout: 60000 });
    return { refused, chosen, options, reviewed: await review() };
  },
  async problems([user, password, path]) {
    await signIn(user, password);
    await dryRun(path, 'parcels');
    const first = await review();
    await shot('review-problems');
    const suggested = await page.$$eval('#problems button.suggested', (b) => b.map((x) => x.textContent));
    await page.evaluate(() => { delete document.body.dataset.review; });
    await page.click('#problems button.suggested');
    await page.waitForSelector('body[data-review]', { timeout: 60000 });
    return { first, suggested, second: await review(), crs: await page.textContent('#review .hint') };
  },
  async placed([user, password, path]) {
    await signIn(user, password);
    await dryRun(path, 'parcels');
    const seen = await review();
    const placed = await page.$$eval('#problems li[data-placed]', (items) => items.map((i) => i.textContent));
    await page.click('#problems li[data-placed] button.place');
    const centre = await page.evaluate(() => window.landInventoryWorkspace.review.map.getCenter().toArray());
    await shot('review-problem-places');
    const reported = await page.evaluate(() => window.landInventoryWorkspace.review.job.report.problems);
    return { ...seen, placed, centre, reported };
  },
  async prj([user, password, path, prjPath]) {
    await signIn(user, password);
    await dryRun([path, prjPath]);
    return { ...(await review()), crs: await page.textContent('#review .hint'), chosen: await text('#chosen-file') };
  },
  async stale([user, password, path, code, otherToken]) {
    await signIn(user, password);
    await dryRun(path);
    const reviewed = await review();
    const other = await elsewhere(otherToken, `/ogc/collections/parcels/items/${encodeURIComponent(code)}`, { contactName: 'Changed meanwhile' });
    await commit();
    const stale = { ...(await review()), notice: await page.$('#stale') !== null };
    await shot('review-stale');
    await commit();
    return { reviewed, other, stale, committed: await review(), written: await page.$('#written') !== null };
  },
  async history([user, password, code, restoreTo]) {
    await signIn(user, password);
    await page.click(`#records tr[data-code="${code}"] button.history`);
    await page.waitForSelector('#timeline > li');
    const timeline = () => page.$$eval('#timeline > li', (items) => items.map((i) => ({ id: i.dataset.change, operation: i.dataset.operation,
      text: i.querySelector('.when').textContent + ' ' + [...i.querySelectorAll('li')].map((x) => x.textContent).join(' | '),
      restorable: i.querySelector('button.restore') !== null })));
    const before = await timeline();
    await shot('history');
    await page.click(`#timeline > li[data-change="${restoreTo}"] button.restore`);
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Restored'));
    await page.waitForFunction((n) => document.querySelectorAll('#timeline > li').length === n, before.length + 1);
    return { before, after: await timeline(), status: await text('#status') };
  },
  // The benchmark (tests/GisApi.Benchmarks/run-workspace-benchmark.sh): from the job's end to the review on screen.
  async benchreview([user, password, path]) {
    await signIn(user, password);
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
        .observe({ type: 'longtask', buffered: false });
    });
    await dryRun(path);
    await page.waitForFunction(() => performance.getEntriesByName('review-map-idle').length > 0, null, { timeout: 120000 });
    return page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0].startTime;
      const { job } = window.landInventoryWorkspace.review;
      return { changes: job.report.layers[0].changes.length, shownMs: at('review-shown') - at('job-finished'),
        mapIdleMs: at('review-map-idle') - at('job-finished'), longestTaskMs: window.__longest,
        rows: document.querySelectorAll('#changes tbody tr').length };
    });
  },
  async provider([code]) {
    await open();
    await shot('signin-provider');
    await page.click('#signin-provider');
    await ready('records');
    const result = { view: await page.getAttribute('body', 'data-view'), who: await text('#who'), listed: await listed() };
    await page.click(`#records tr[data-code="${code}"] button.confirm`);
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Confirmed'));
    // Personal access tokens are local accounts': the provider's planner is refused one.
    const tokens = await page.evaluate(async () => {
      const csrf = (await (await fetch('/workspace/session')).json()).antiforgeryToken;
      return (await fetch('/workspace/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({ name: 'script' }) })).status;
    });
    return { ...result, tokens };
  },
  async providerRefused() {
    await open();
    await page.click('#signin-provider');
    await page.waitForSelector('#provider-failed');
    await ready('signin');
    return { view: await page.getAttribute('body', 'data-view'), failed: true };
  },
  async language([user, password]) {
    await signIn(user, password);
    const before = { nav: await page.$$eval('#nav a', (as) => as.map((a) => a.textContent)), status: await text('#records tbody tr td:nth-child(3)') };
    await page.click('#language');
    await ready('records');
    const after = { nav: await page.$$eval('#nav a', (as) => as.map((a) => a.textContent)), status: await text('#records tbody tr td:nth-child(3)'),
      lang: await page.getAttribute('html', 'lang'), hash: new URL(page.url()).hash, who: await text('#who') };
    await shot('records-zh');
    // By keyboard alone: to the first record's Edit button, Enter opens its editor with the focus in it.
    await page.focus('#records tbody tr button.edit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#edit-form');
    const focused = await page.evaluate(() => document.activeElement?.closest('#edit-form') !== null);
    return { before, after, focused };
  },
  async phone([user, password]) {
    await page.setViewportSize({ width: 375, height: 812 });
    await open();
    // The form takes the focus itself: a phone's keyboard opens on the user name.
    const first = await page.evaluate(() => document.activeElement?.name || document.activeElement?.id);
    await page.keyboard.type(user);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await ready('records');
    await shot('phone');
    return { first, width: await page.evaluate(() => document.documentElement.scrollWidth), listed: (await listed()).length };
  },
};

await run(scenarios, scenario, browser, errors, args);
