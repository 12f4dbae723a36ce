/**
 * The built web app in Chromium: first start, the bundled sample data, the samples table, the SQL
 * console; and that the app asks nothing of any host but its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, chromiumAvailable, screenshot, type AppUnderTest } from '../util/browser';

const reason = 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); .ci/run installs it';

describe.skipIf(!chromiumAvailable())(`web app (${chromiumAvailable() ? 'Chromium' : reason})`, () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('offers to create or open a workspace, or to try the sample data, on first start', async () => {
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'Signature Workbench' }).isVisible()).toBe(true);
    expect(await page.getByTestId('welcome-create').isVisible()).toBe(true);
    expect(await page.getByTestId('load-samples').isVisible()).toBe(true);
    expect(await page.getByText('No recent workspaces in this browser').isVisible()).toBe(true);
    await screenshot(page, '01-first-start');
  });

  it('loads the bundled sample data in one click and shows the samples with counts', async () => {
    const { page } = app;
    await page.getByTestId('load-samples').click();
    // The workspace opens on Home; the import runs on with its progress bar until every file is in.
    await page.getByTestId('home-view').waitFor({ timeout: 120_000 });
    await page.getByTestId('task').waitFor({ state: 'detached', timeout: 120_000 });
    await page.getByTestId('nav-samples').click();
    await page.getByTestId('samples-table').waitFor({ timeout: 60_000 });
    await expect.poll(async () => page.getByTestId('row-count').textContent(), { timeout: 60_000 }).toMatch(/^[\d,]+ rows$/);
    const count = Number((await page.getByTestId('row-count').textContent())!.replace(/\D/g, ''));
    expect(count).toBeGreaterThan(100);
    expect(await page.getByTestId('workspace-name').textContent()).toBe('Sample data');
    // Real rows, not placeholders: the first cell holds a sample id.
    await expect.poll(() => page.locator('[role=gridcell]').first().textContent()).toMatch(/\w/);
    await screenshot(page, '02-samples-table');
  });

  it('sorts and filters the table from DuckDB', async () => {
    const { page } = app;
    await page.getByRole('columnheader', { name: 'sample_id' }).click();
    await expect.poll(() => page.getByRole('columnheader', { name: /sample_id/ }).getAttribute('aria-sort')).toBe('ascending');
    const firstAsc = await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().textContent();
    await page.getByRole('columnheader', { name: /sample_id/ }).click();
    await expect.poll(() => page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().textContent()).not.toBe(firstAsc);
    await page.getByLabel('Filter rows').fill(firstAsc!);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('1 row match');
    await page.getByLabel('Filter rows').fill('');
  });

  it('runs a read-only query in the SQL console, refuses a write, and copies the result as CSV', async () => {
    const { page } = app;
    await page.getByTestId('nav-sql').click();
    await page.getByTestId('sql-input').fill('SELECT region, count(*) AS samples FROM samples WHERE region IS NOT NULL GROUP BY region ORDER BY samples DESC');
    await page.getByTestId('sql-run').click();
    await expect.poll(() => page.getByTestId('sql-result').getByTestId('row-count').textContent()).toMatch(/^\d+ rows?$/);
    await expect.poll(() => page.getByTestId('sql-result').locator('[role=columnheader]').allTextContents()).toEqual(['region', 'samples']);
    await screenshot(page, '03-sql-console');
    await page.getByTestId('sql-copy').click();
    const csv = await page.evaluate(() => navigator.clipboard.readText());
    expect(csv.split('\r\n')[0]).toBe('region,samples');
    expect(await page.getByTestId('sql-capped').count()).toBe(0);

    // A result over the console's cap: the first rows, in order, and the console says so and how to get every row.
    await page.getByTestId('sql-input').fill('SELECT i FROM range(250000) r(i) ORDER BY i DESC');
    await page.getByTestId('sql-run').click();
    await expect.poll(() => page.getByTestId('sql-capped').textContent()).toMatch(/^The statement gives more than 10,000 rows: only the first 10,000 are shown and copied\. .*sigwb query/);
    expect(await page.getByTestId('sql-row-count').textContent()).toMatch(/^The first 10,000 rows in \d+ ms$/);
    expect(await page.getByTestId('sql-result').getByTestId('row-count').textContent()).toBe('10,000 rows');
    expect(await page.getByTestId('sql-copy').textContent()).toBe('Copy the first 10,000 rows as CSV');
    await screenshot(page, '03-sql-console-capped');
    await page.getByTestId('sql-copy').click();
    const capped = (await page.evaluate(() => navigator.clipboard.readText())).trimEnd().split('\r\n');
    expect([capped.length, capped[1], capped.at(-1)]).toEqual([10_001, '249999', '240000']);

    await page.getByTestId('sql-input').fill('DROP TABLE samples');
    await page.getByTestId('sql-run').click();
    await expect.poll(() => page.getByTestId('sql-error').textContent()).toMatch(/Refused: only a reading statement .*it starts with DROP/);
  });

  it('runs the console on a confined engine: no URL, OPFS or registered file is read, nothing hidden runs, Cancel stops a long statement', async () => {
    const { page } = app;
    const finished = async () => Number(await page.getByTestId('sql-console').getAttribute('data-finished'));
    const run = async (sql: string) => {
      const before = await finished();
      await page.getByTestId('sql-input').fill(sql);
      await page.getByTestId('sql-run').click();
      await expect.poll(finished, { timeout: 30_000 }).toBe(before + 1);
      return (await page.getByTestId('sql-error').count()) ? page.getByTestId('sql-error').textContent() : null;
    };
    // The app's own origin serves files: an engine with external access would read them over HTTP.
    expect(await run(`SELECT * FROM read_text('${new URL('index.html', app.url).href}')`)).toMatch(/Permission Error: .*disabled by configuration/);
    expect(await run("SELECT * FROM read_csv('opfs://workspaces/x/workspace.json')")).toMatch(/Permission Error|disabled/);
    expect(await run("SELECT 1; COPY (SELECT 1) TO 'opfs://x.csv'")).toMatch(/Refused: one statement at a time/);
    expect(await run('SET enable_external_access = true')).toMatch(/Refused: only a reading statement/);
    expect(await run("SELECT current_setting('enable_external_access') AS a, current_setting('lock_configuration') AS l")).toBeNull();
    await expect.poll(() => page.getByTestId('sql-result').getByRole('gridcell').allTextContents()).toEqual(['false', 'true']);
    await page.getByTestId('sql-input').fill('SELECT count(*) FROM range(1000000000000) a');
    await page.getByTestId('sql-run').click();
    await page.getByTestId('sql-cancel').click();
    await expect.poll(() => page.getByTestId('sql-error').textContent(), { timeout: 30_000 }).toMatch(/^Cancelled: the statement was stopped/);
    expect(await run('SELECT count(*) AS n FROM samples')).toBeNull();
  });

  it('reopens the workspace from browser storage after a reload', async () => {
    const { page } = app;
    await page.reload();
    await page.getByRole('button', { name: 'Sample data', exact: true }).click();
    await expect.poll(() => page.getByTestId('workspace-name').textContent(), { timeout: 60_000 }).toBe('Sample data');
    await page.getByTestId('nav-samples').click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 60_000 }).toMatch(/^[\d,]+ rows$/);
  });

  it('requested nothing from any host but its own', () => {
    const origin = new URL(app.url).origin;
    const foreign = app.requests.map((r) => r.url()).filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(app.requests.length).toBeGreaterThan(5);
    expect(foreign).toEqual([]);
  });
});
