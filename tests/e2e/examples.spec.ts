/**
 * Runnable examples and the terminal in a real browser, on the built site:
 * run, edit (CodeMirror loads on demand), error marking at the YAML line,
 * reset, edits surviving a reload, share links, exercises, the terminal with
 * history and tab completion, and hostile input staying text.
 */
import { test, expect, type Page, type Locator } from '@playwright/test';

/** The n-th visible example (its island is mounted when it scrolls into view). */
async function example(page: Page, n: number): Promise<Locator> {
  const ex = page.locator('.k8s-example:not(.k8s-solution)').nth(n);
  await ex.scrollIntoViewIfNeeded();
  await expect(ex.locator('.k8s-toolbar')).toBeVisible();
  return ex;
}

async function exampleWith(page: Page, text: string): Promise<Locator> {
  const ex = page.locator('.k8s-example:not(.k8s-solution)', { has: page.locator('pre', { hasText: text }) }).first();
  await ex.scrollIntoViewIfNeeded();
  await expect(ex.locator('.k8s-toolbar')).toBeVisible();
  return ex;
}

async function setEditor(page: Page, ex: Locator, code: string) {
  const content = ex.locator('.cm-content');
  await expect(content).toBeVisible();
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

async function replaceInEditor(page: Page, ex: Locator, from: string, to: string) {
  const content = ex.locator('.cm-content');
  await expect(content).toBeVisible();
  const code = (await content.innerText()).replace(from, to);
  await setEditor(page, ex, code);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('k8s-e2e-keep')) localStorage.clear();
  });
});

test('Run shows the live output in place of the build-time output (Korean UI)', async ({ page }) => {
  await page.goto('/objects/');
  const ex = await example(page, 0);
  await expect(ex.locator('.k8s-output')).toContainText('k8s-master');
  await ex.getByRole('button', { name: /실행/ }).click();
  await expect(ex.locator('.k8s-live .k8s-terminal-out')).toContainText('k8s-node1');
  await expect(ex.locator('.k8s-live .k8s-terminal-out')).toContainText('kube-system');
  await expect(ex.locator('.k8s-output')).toBeHidden();
  await expect(ex.locator('.k8s-status')).toContainText('ms');
});

test('editing loads the editor; a broken manifest is marked at its line; Reset restores the example', async ({ page }) => {
  await page.goto('/en/objects/');
  const ex = await exampleWith(page, 'my-nginx-pod');
  await ex.getByRole('button', { name: /Edit/ }).click();
  await expect(ex.locator('.cm-editor')).toBeVisible();
  // a typo in a field name: strict decoding rejects it
  await replaceInEditor(page, ex, 'containerPort: 80', 'contanerPort: 80');
  await ex.getByRole('button', { name: /Run/ }).first().click();
  const out = ex.locator('.k8s-live .k8s-terminal-out');
  await expect(out).toContainText('strict decoding error: unknown field "spec.containers[0].ports[0].contanerPort"');
  await expect(ex.locator('.k8s-message')).toContainText('line');
  await expect(ex.locator('.cm-line.k8s-error-line')).toContainText('contanerPort');
  await expect(ex.locator('.k8s-badge')).toBeVisible();
  await ex.getByRole('button', { name: /Reset/ }).click();
  await expect(ex.locator('.cm-content')).toContainText('containerPort: 80');
  await expect(ex.locator('.k8s-badge')).toBeHidden();
  await expect(ex.locator('.cm-line.k8s-error-line')).toHaveCount(0);
});

test('an edit survives a reload; a share link carries it to a fresh browser', async ({ page, context, browser, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/en/objects/');
  await page.evaluate(() => sessionStorage.setItem('k8s-e2e-keep', '1'));
  const ex = await exampleWith(page, 'my-nginx-pod');
  await ex.getByRole('button', { name: /Edit/ }).click();
  await replaceInEditor(page, ex, 'name: my-nginx-pod', 'name: my-edited-pod');
  await expect(ex.locator('.k8s-badge')).toBeVisible();
  await page.reload();
  const again = await exampleWith(page, 'my-nginx-pod');
  await expect(again.locator('.cm-content')).toContainText('my-edited-pod');
  await expect(again.locator('.k8s-badge')).toBeVisible();
  await again.getByRole('button', { name: /Run/ }).first().click();
  await expect(again.locator('.k8s-live .k8s-terminal-out')).toContainText('pod/my-edited-pod created');

  // share link: copied to the clipboard
  await again.getByRole('button', { name: /Copy link/ }).click();
  await expect(again.locator('.k8s-message')).toContainText('Link copied');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toContain('/en/objects/#');
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url.replace(/^https?:\/\/[^/]+/, baseURL!));
  const shared = await exampleWith(other, 'my-nginx-pod');
  await expect(shared.locator('.cm-content')).toContainText('my-edited-pod');
  await fresh.close();
});

test('an exercise is checked by the simulator', async ({ page }) => {
  await page.goto('/en/objects/');
  const ex = await exampleWith(page, 'contianers');
  await ex.getByRole('button', { name: /Check/ }).click();
  await expect(ex.locator('.k8s-message')).toContainText('Not yet');
  await ex.getByRole('button', { name: /Edit/ }).click();
  await replaceInEditor(page, ex, 'contianers', 'containers');
  await ex.getByRole('button', { name: /Check/ }).click();
  await expect(ex.locator('.k8s-message')).toContainText('Solved');
});

test('the terminal runs commands on the page cluster, with history and tab completion', async ({ page }) => {
  await page.goto('/en/pod/');
  await page.locator('details.k8s-terminal-panel > summary').click();
  const input = page.getByRole('textbox', { name: /Terminal|terminal/ });
  await expect(input).toBeVisible();
  await input.fill('kubectl ge');
  await input.press('Tab');
  await expect(input).toHaveValue('kubectl get ');
  await input.fill('kubectl get nodes');
  await input.press('Enter');
  const log = page.locator('.k8s-terminal .k8s-terminal-out');
  await expect(log).toContainText('k8s-node2');
  await expect(log).toContainText('v1.35.0');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('kubectl get nodes');
  // an interactive shell in a new pod, then back to the node
  await input.fill('kubectl run -it --rm t --image=busybox --restart=Never -- sh');
  await input.press('Enter');
  await expect(page.locator('.k8s-terminal-input')).toContainText('/ #');
  await input.fill('hostname');
  await input.press('Enter');
  await expect(log).toContainText(/\n?t\n/);
  await input.fill('exit');
  await input.press('Enter');
  await expect(log).toContainText('pod "t" deleted from default namespace');
  await expect(page.locator('.k8s-terminal-input')).not.toContainText('/ #');
  // curl's progress meter redraws its line with '\r': the terminal shows the last drawing only
  await input.fill('kubectl run meter --image=nginx');
  await input.press('Enter');
  await expect(log).toContainText('pod/meter created');
  await input.fill('kubectl exec meter -- curl http://localhost -o /dev/null');
  await input.press('Enter');
  await expect(log).toContainText('% Total');
  const meter = await log.locator('.k8s-stderr').allTextContents();
  expect(meter.join('')).not.toContain('\r');
  expect(meter.join('')).toMatch(/\n100 {3}615 {2}100 {3}615 /);
  await input.fill('echo "<img src=x onerror=alert(1)>"');
  await input.press('Enter');
  await expect(log).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('.k8s-terminal img')).toHaveCount(0);
});

test('hostile YAML stays text and the page keeps working', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/en/objects/');
  const ex = await exampleWith(page, 'my-nginx-pod');
  await ex.getByRole('button', { name: /Edit/ }).click();
  await replaceInEditor(page, ex, 'name: my-nginx-pod', 'name: "<script>alert(1)</script>"');
  await ex.getByRole('button', { name: /Run/ }).first().click();
  const out = ex.locator('.k8s-live .k8s-terminal-out');
  await expect(out).toContainText('<script>alert(1)</script>');
  await expect(out).toContainText('Invalid value');
  await expect(ex.locator('.k8s-live script')).toHaveCount(0);
  // an alias bomb is refused quickly
  const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n';
  await setEditor(page, ex, bomb);
  await ex.getByRole('button', { name: /Run/ }).first().click();
  await expect(out).toContainText('error');
  expect(errors).toEqual([]);
});

test('the panels show the cluster right after the cell, even when later cells change it', async ({ page }) => {
  await page.goto('/en/objects/');
  const ex = await exampleWith(page, 'my-nginx-pod');
  await ex.getByRole('button', { name: /Run/ }).first().click();
  // later cells of the page delete my-nginx-pod; the panels were taken before they ran
  await expect(ex.locator('.k8s-panels .k8s-table').first()).toContainText('my-nginx-pod');
  await expect(ex.locator('.k8s-diagram')).toContainText('my-nginx-pod');
});
