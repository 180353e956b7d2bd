/**
 * The built site in a real browser: both locales, the language picker,
 * Korean search (Pagefind), offline use after one visit, and no request
 * leaving the origin.
 */
import { test, expect, type Page } from '@playwright/test';

function trackForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  return foreign;
}

test('Korean at / and English at /en/, nothing loaded from other origins', async ({ page, baseURL }) => {
  const foreign = trackForeignRequests(page, baseURL!);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.locator('h1')).toContainText('쿠버네티스');
  await page.goto('/en/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toContainText('Kubernetes Objects Lab');
  await page.goto('/objects/');
  await expect(page.locator('.k8s-output').first()).toContainText('k8s-master');
  expect(foreign).toEqual([]);
});

test('the language picker switches to the same page in English', async ({ page }) => {
  await page.goto('/objects/');
  const select = page.locator('starlight-lang-select select').first();
  await select.selectOption({ label: 'English' });
  await page.waitForURL('**/en/objects/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test("code blocks speak the page's language (copy button, terminal frame)", async ({ page }) => {
  // Starlight's English strings lack expressive-code's texts; without src/content/i18n/en.json the English pages
  // fell back to the Korean default locale's ones
  await page.goto('/en/pod/');
  await expect(page.locator('.expressive-code .frame.is-terminal .sr-only').first()).toHaveText('Terminal window');
  await expect(page.locator('.expressive-code .copy button').first()).toHaveAttribute('title', 'Copy to clipboard');
  await page.goto('/pod/');
  await expect(page.locator('.expressive-code .frame.is-terminal .sr-only').first()).toHaveText('터미널 창');
  await expect(page.locator('.expressive-code .copy button').first()).toHaveAttribute('title', '클립보드로 복사');
});

test('search finds a Korean word', async ({ page }) => {
  await page.goto('/objects/');
  const input = page.locator('#starlight__search input, .pagefind-ui__search-input').first();
  // a click before the search component has started does nothing: click again until the dialog shows its input
  await expect(async () => {
    await page.locator('button[data-open-modal]').first().click();
    await expect(input).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await input.fill('매니페스트');
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 15_000 });
});

test('pages load offline after a first visit (service worker)', async ({ page, context }) => {
  await page.goto('/');
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return !!reg.active;
  });
  // wait until the precache is complete (the worker has activated and controls the page)
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 }).toBe(true);
  await context.setOffline(true);
  await page.goto('/en/objects/');
  await expect(page.locator('h1')).toContainText('Kubernetes objects');
  await expect(page.locator('.k8s-output').first()).toContainText('k8s-node1');
  await context.setOffline(false);
});
