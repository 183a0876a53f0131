// The search page in a real browser: Debian's chromium, headless, driven by playwright-core.
// Usage: node page_test.mjs BIN_DIR SOURCE_DIR SCREENSHOT_DIR
// Indexes the bundled list and xss-papers.jsonl, starts mlsys-serve on a free port, and checks
// what a person sees against what the JSON API answers for the same state.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [binDir, sourceDir, shotDir] = process.argv.slice(2);
const scratch = mkdtempSync(join(tmpdir(), 'mlsys-browser-'));
let server;
let browser;

function startServer(db) {
  return new Promise((resolve, reject) => {
    const child = spawn(join(binDir, 'mlsys-serve'), ['--db', db, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let seen = '';
    child.stderr.on('data', (chunk) => {
      seen += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(seen);
      if (match) resolve({ child, base: match[1] });
    });
    child.on('exit', (code) => reject(new Error('mlsys-serve exited ' + code + ': ' + seen)));
  });
}

async function api(base, path) {
  const response = await fetch(base + path);
  assert.equal(response.status, 200, path);
  return response.json();
}

const ids = (response) => response.results.map((hit) => hit.id);
const shownIds = (page) => page.$$eval('#results li.result', (cards) => cards.map((card) => card.dataset.id));
const facetCounts = (page, field) =>
  page.$$eval(`#facet-${field} li`, (items) => items.map((item) => item.querySelector('.value').textContent + '=' + item.querySelector('.count').textContent));

// Waits until the page shows the results the API gives for `path`.
async function expectResults(page, base, path) {
  const expected = ids(await api(base, path));
  await page.waitForFunction((want) => {
    const cards = Array.from(document.querySelectorAll('#results li.result')).map((card) => card.dataset.id);
    return !document.body.classList.contains('loading') && JSON.stringify(cards) === JSON.stringify(want);
  }, expected, { timeout: 10000 }).catch(async () => {
    assert.deepEqual(await shownIds(page), expected, 'results for ' + path);
  });
  return expected;
}

async function main() {
  const db = join(scratch, 'index');
  const built = spawnSync(join(binDir, 'mlsys-index'), ['--db', db, '--quiet', join(sourceDir, 'data/papers.jsonl'),
    join(sourceDir, 'tests/browser/xss-papers.jsonl')], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  server = await startServer(db);
  const base = server.base;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const errors = [];
  const watch = (page) => {
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(error.message));
    return page;
  };
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = watch(await desktop.newPage());

  // Load the page: every paper, newest first.
  await page.goto(base + '/');
  await expectResults(page, base, '/api/search?limit=10');
  assert.equal(await page.textContent('#status'), '34 papers · 1–10');

  // "/" focuses the box; typing searches as you type.
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('scheduling', { delay: 30 });
  await expectResults(page, base, '/api/search?q=scheduling&limit=10');
  await page.waitForURL(/\?q=scheduling$/);
  const marked = await page.$$eval('#results .snippet mark', (marks) => marks.map((mark) => mark.textContent.toLowerCase()));
  assert.ok(marked.length > 0 && marked.every((word) => word.startsWith('schedul')), 'snippets mark the query word: ' + marked);

  // Tick a venue: the results and the other facets follow; the venue facet keeps its alternatives.
  const unfiltered = await api(base, '/api/search?q=scheduling&limit=10');
  const yearsBefore = await facetCounts(page, 'year');
  await page.check('#facet-venue input[value="OSDI"]');
  const filtered = await api(base, '/api/search?q=scheduling&venue=OSDI&limit=10');
  await expectResults(page, base, '/api/search?q=scheduling&venue=OSDI&limit=10');
  await page.waitForURL(/\?q=scheduling&venue=OSDI$/);
  const yearsAfter = await facetCounts(page, 'year');
  assert.deepEqual(yearsAfter, filtered.facets.year.map((v) => v.value + '=' + v.count));
  assert.notDeepEqual(yearsAfter, yearsBefore, 'the year counts change with the venue');
  const venues = await facetCounts(page, 'venue');
  assert.deepEqual(venues, unfiltered.facets.venue.map((v) => v.value + '=' + v.count), 'the venue facet keeps its alternatives');
  assert.ok(venues.length > 1);
  assert.ok(await page.isChecked('#facet-venue input[value="OSDI"]'));
  const sharedUrl = page.url();

  // Related work of the first result, under the same venue filter.
  const first = (await shownIds(page))[0];
  await page.click(`#results li.result[data-id="${first}"] button.related`);
  await expectResults(page, base, `/api/related?id=${first}&venue=OSDI&limit=10`);
  assert.match(await page.textContent('#status'), /related to “/);

  // Back returns to the filtered search.
  await page.goBack();
  await page.waitForURL(sharedUrl);
  await expectResults(page, base, '/api/search?q=scheduling&venue=OSDI&limit=10');

  // The shared URL restores the same page in a fresh browser context.
  const other = watch(await (await browser.newContext()).newPage());
  await other.goto(sharedUrl);
  assert.deepEqual(await expectResults(other, base, '/api/search?q=scheduling&venue=OSDI&limit=10'), ids(filtered));
  assert.equal(await other.inputValue('#q'), 'scheduling');
  assert.ok(await other.isChecked('#facet-venue input[value="OSDI"]'));

  // Markup in the index stays text: in a result card and on the paper page.
  const evilTitle = '<script>window.__xss = 1</script> Scheduling <img src=x onerror="window.__xss = 2"> on GPUs';
  await page.goto(base + '/?q=gpus+markup');
  await page.waitForSelector('#results li.result[data-id="xss-script-title"]');
  const card = '#results li.result[data-id="xss-script-title"]';
  assert.equal(await page.textContent(card + ' a.title'), evilTitle);
  assert.equal(await page.getAttribute(card + ' a.title', 'href'), '/?paper=xss-script-title', 'a javascript: URL is no link');
  assert.equal(await page.$$eval('#content script, #content img', (nodes) => nodes.length), 0);
  await page.goto(base + '/?paper=xss-script-title');
  await page.waitForSelector('#paper:not([hidden]) h2');
  assert.equal(await page.textContent('#paper h2'), evilTitle);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script from the index ran');

  // The screenshots (README's): a search of the bundled list's papers alone, at desktop and phone width.
  const shown = '/?q=deep+learning&venue=OSDI&venue=NSDI';
  await page.goto(base + shown);
  await expectResults(page, base, '/api/search?q=deep+learning&venue=OSDI&venue=NSDI&limit=10');
  await page.screenshot({ path: join(shotDir, 'desktop.png') });
  const phone = watch(await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })).newPage());
  await phone.goto(base + shown);
  await expectResults(phone, base, '/api/search?q=deep+learning&venue=OSDI&venue=NSDI&limit=10');
  await phone.screenshot({ path: join(shotDir, 'phone.png') });

  assert.deepEqual(errors, [], 'console errors');
  console.log('browser test passed; screenshots in ' + shotDir);
}

mkdirSync(shotDir, { recursive: true });
try {
  await main();
} finally {
  if (browser) await browser.close();
  if (server) server.child.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
}
