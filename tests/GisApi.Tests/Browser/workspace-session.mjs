// Signing in to the workspace in a page, for the scripts that drive it (workspace.e2e.mjs, inbox.e2e.mjs).
export function workspaceSession(page, baseUrl) {
  const ready = (view) => page.waitForSelector(`body[data-ready="true"]${view ? `[data-view="${view}"]` : ''}`, { timeout: 30000 });
  async function open() {
    await page.goto(`${baseUrl}/workspace#lang=en`);
    await ready();
  }
  async function signIn(user, password, view = 'records') {
    await open();
    await page.fill('#signin input[name=userName]', user);
    await page.fill('#signin input[name=password]', password);
    await page.click('#signin button[type=submit]');
    await ready(view);
  }
  return { ready, open, signIn };
}
