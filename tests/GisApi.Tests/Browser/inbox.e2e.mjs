// The workspace's inquiry inbox in Debian's headless Chromium: what a planner sees of their bureau's inquiries, and
// an answer recorded there.   node inbox.e2e.mjs <scenario> <baseUrl> <artifactDir> <user> <password> <reference> <note>
import { launch } from './chromium.mjs';
import { workspaceSession } from './workspace-session.mjs';

const [scenario, baseUrl, artifacts, user, password, reference, note] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
const errors = [];
// Before signing in the page asks for its session and gets a 401, which Chromium logs as a failed load.
page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(e.message));
const { ready, signIn } = workspaceSession(page, baseUrl);
const shown = () => page.$$eval('#inquiries article', (items) => items.map((a) => ({ reference: a.dataset.reference, status: a.dataset.status,
  contact: a.querySelector('.contact').textContent, requirements: a.querySelector('.requirements a')?.textContent ?? null })));

const scenarios = {
  async answer() {
    await signIn(user, password);
    await page.click('#nav a[data-view=inbox]');
    await ready('inbox');
    await page.waitForSelector('#inquiry-count');
    const fresh = await shown();
    await page.screenshot({ path: `${artifacts}/workspace-inbox.png`, fullPage: true });
    const item = `#inquiries article[data-reference="${reference}"]`;
    await page.selectOption(`${item} select[name=status]`, 'answered');
    await page.fill(`${item} textarea[name=note]`, note);
    await page.click(`${item} button.save`);
    await page.waitForFunction((r) => !document.querySelector(`#inquiries article[data-reference="${r}"]`), reference);
    await page.selectOption('select[name=status]', '');
    await page.waitForFunction((r) => document.querySelector(`#inquiries article[data-reference="${r}"][data-status="answered"]`), reference);
    return { fresh, all: await shown() };
  },
};

try {
  const result = await scenarios[scenario]();
  console.log(JSON.stringify({ ...result, errors }));
} finally {
  await browser.close();
}
