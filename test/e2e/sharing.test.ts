/**
 * Data → Sharing in the web build, in Chromium: another lab (made here with sigwb on the same sample data) sends a
 * signed package and its public key; the analyst makes this browser's lab key, trusts the partner's key, receives the
 * package (listed as searched under the calibration in force), reads that the browser cannot reach the national
 * store, and shares a package of their own, which verifies with the key the panel shows and is audited; then a new batch
 * (three seizures analysed again under new lab numbers) is imported, linked against the partner's profiles too, and
 * Home names the partner's class it links to.
 * Screenshot: test-results/sharing-01-panel.png.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { verifyPackage } from '../../shared/sharing/exchange-package';
import { runCli } from '../util/run-cli';
import { launchApp, chromiumAvailable, sampleDataCalibrated, screenshot, waitIdle, type AppUnderTest } from '../util/browser';

const reason = 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); .ci/run installs it';
const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');
/** The workspace's audit log, read from the origin-private file system as the web host keeps it. */
const auditLog = (page: Page) =>
  page.evaluate(async () => {
    const all = await (await navigator.storage.getDirectory()).getDirectoryHandle('workspaces');
    for await (const [, handle] of (all as unknown as { entries(): AsyncIterable<[string, FileSystemDirectoryHandle]> }).entries()) return (await (await handle.getFileHandle('audit.jsonl')).getFile()).text();
    return '';
  });

describe.skipIf(!chromiumAvailable())(`sharing in the app (${chromiumAvailable() ? 'Chromium' : reason})`, () => {
  let app: AppUnderTest;
  let page: Page;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sigwb-share-e2e-'));
    process.env.SIGWB_CONFIG_DIR = path.join(dir, 'partner-config');
    const ws = path.join(dir, 'partner');
    expect((await runCli('init', ws)).code).toBe(0);
    expect((await runCli('import', '-w', ws, ...['metadata/lims-seizures.csv', 'results/gcms-impurities.csv'].map((f) => path.join(SAMPLES, f)))).code).toBe(0);
    expect((await runCli('calibrate', '-w', ws)).code).toBe(0);
    expect((await runCli('cluster', '-w', ws, '--out', path.join(dir, 'partner-classes.csv'))).code).toBe(0);
    expect((await runCli('share', '-w', ws, '--lab', 'Partner lab', '--out', path.join(dir, 'partner.sigwb'))).code).toBe(0);
    expect((await runCli('keys', '--export', path.join(dir, 'partner.pub.json'))).code).toBe(0);
    delete process.env.SIGWB_CONFIG_DIR;
    app = await launchApp();
    page = app.page;
    await sampleDataCalibrated(page);
    await page.getByTestId('nav-data').click();
    await page.getByTestId('tab-sharing').click();
    await page.getByTestId('sharing-panel').waitFor({ timeout: 60_000 });
  }, 400_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("makes the lab key, trusts the partner's key and receives its package", async () => {
    await page.getByLabel('Lab name').fill('Browser lab');
    await page.getByRole('button', { name: 'Make the lab key' }).click();
    await expect.poll(() => page.getByTestId('lab-fingerprint').textContent(), { timeout: 30_000 }).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} …$/);
    await page.getByLabel("Partner's name").fill('partner P');
    let chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Trust a public key…' }).click();
    await (await chooser).setFiles(path.join(dir, 'partner.pub.json'));
    await expect.poll(() => page.getByTestId('trusted-keys').textContent(), { timeout: 30_000 }).toContain('partner P: lab Partner lab');
    chooser = page.waitForEvent('filechooser');
    await page.getByTestId('receive-package').click();

    await (await chooser).setFiles(path.join(dir, 'partner.sigwb'));
    await expect.poll(() => page.getByTestId('sources').textContent(), { timeout: 60_000 }).toMatch(/^S0001: 382 profiles from partner P \(package of [^;]*, with detection flags; .*\): searched as sent \(same method\)$/);
    expect(await page.getByTestId('store-browser-note').textContent()).toMatch(/^The browser build cannot reach the national store/);
    await screenshot(page, 'sharing-01-panel');
  });

  it('shares a package signed by the key it shows, and audits it', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('share-package').click();
    const d = await download;
    const chunks: Buffer[] = [];
    for await (const c of (await d.createReadStream()) as AsyncIterable<Buffer>) chunks.push(c);
    const bytes = new Uint8Array(Buffer.concat(chunks));
    const shown = (await page.getByTestId('lab-fingerprint').textContent())!.replace(/[ …]/g, '');
    // The package names its key; it must be the one the panel shows, and verify with it.
    const m = JSON.parse(new TextDecoder().decode(unzipSync(bytes)['manifest.json']));
    expect(m.signer.fingerprint.startsWith(shown)).toBe(true);
    const key = { name: 'browser lab', fingerprint: m.signer.fingerprint, public_key: m.signer.public_key };
    const verified = await verifyPackage(bytes, [key], d.suggestedFilename());
    expect(verified.manifest).toMatchObject({ lab: 'Browser lab', redaction: { profile: 'intelligence-exchange', sample_ids: 'pseudonymised' }, method: { calibration_id: 'C0001' } });
    // The app's package carries the detection flags, as sigwb share's does (schema 2).
    expect(m).toMatchObject({ schema_version: 2, detection: { schema_version: 1, non_detects: 'half-lod' } });
    expect(verified.manifest.counts.profiles).toBeGreaterThan(400);
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^Package saved to Downloads/${d.suggestedFilename().replace(/[.]/g, '[.]')}: \\d+ profiles`));
    const lines = (await auditLog(page)).trim().split('\n').map((l) => JSON.parse(l));
    const shared = lines.find((l) => l.action === 'sharing.share');
    expect(shared).toMatchObject({ details: { package_id: m.package_id, redaction: 'intelligence-exchange', fingerprint: m.signer.fingerprint } });
    // The line names the package where the save put it, with the SHA-256 of the bytes downloaded.
    expect(shared.written[0]).toEqual({ path: `Downloads/${d.suggestedFilename()}`, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(lines.find((l) => l.action === 'sharing.receive')).toBeDefined();
  });

  it("links a new batch to the partner's classes, and Home says so", async () => {
    // Three of the sample data's seizures analysed again under new lab numbers: the partner shared the same profiles.
    const renamed = (text: string): string => text.replace(/FS24-0000([123])/g, 'FS25-9000$1');
    const meta = readFileSync(path.join(SAMPLES, 'metadata/lims-seizures.csv'), 'utf8').split('\n');
    writeFileSync(path.join(dir, 'again-metadata.csv'), renamed([meta[0], ...meta.filter((l) => /^FS24-0000[123],/.test(l))].join('\n') + '\n'));
    const results = readFileSync(path.join(SAMPLES, 'results/gcms-impurities.csv'), 'utf8').split('\n');
    const header = results.findIndex((l) => l.startsWith('Data File,'));
    writeFileSync(path.join(dir, 'again-results.csv'), renamed([...results.slice(0, header + 1), ...results.filter((l) => /^FS24-0000[123]\.D,/.test(l))].join('\n') + '\n'));
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-files').click();
    await (await chooser).setFiles([path.join(dir, 'again-metadata.csv'), path.join(dir, 'again-results.csv')]);
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('preview-import').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    await waitIdle(page);
    await page.getByTestId('nav-home').click();
    const across = page.getByTestId('home-across-labs');
    await across.waitFor({ timeout: 60_000 });
    const lines = await across.locator('li').allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^B\d{4}: (class \d+|candidate class B\d{4}-N\d+|sample FS25-9000[123]) links to \d+ samples? of partner P's class \d+/);
    await screenshot(page, 'sharing-02-home-across-labs');
  });
});
