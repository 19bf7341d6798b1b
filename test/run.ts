import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runSuitesInHost } from './harness/hostTests';
import { findFiles, runMocha } from './harness/mochaRun';
import { cacheDir, copyDir, freshDir, repoRoot } from './harness/paths';
import type { TierResult } from './harness/results';

/**
 * `npm test`: every tier in order, a summary per tier, and a closing "N passed, N failed" line.
 * Exits 1 when any test failed. `node out/test/run.js unit integration` runs a subset.
 */
type Tier = 'unit' | 'package' | 'integration' | 'e2e';
const allTiers: Tier[] = ['unit', 'package', 'integration', 'e2e'];

const outTest = path.join(repoRoot, 'out', 'test');
export const vsixPath = path.join(cacheDir, 'ucanpay-secure.vsix');

async function runTier(tier: Tier): Promise<TierResult> {
  switch (tier) {
    case 'unit':
      return runMocha(findFiles(path.join(outTest, 'unit'), '.test.js'), { timeout: 20_000, reporter: 'spec' });
    case 'package':
      // Packaging rebuilds dist/ in production mode; the later tiers run that same bundle.
      execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'package.js'), '--out', vsixPath], { stdio: 'inherit' });
      process.env.UCANPAY_VSIX = vsixPath;
      return runMocha(findFiles(path.join(outTest, 'package'), '.test.js'), { timeout: 60_000, reporter: 'spec' });
    case 'integration': {
      const workspace = freshDir('integration', 'workspace');
      copyDir(path.join(repoRoot, 'test', 'fixtures', 'integration-workspace'), workspace);
      const trusted = await runSuitesInHost({ workspace, runName: 'integration-host' });
      const untrustedWorkspace = freshDir('integration-restricted', 'workspace');
      const restricted = await runSuitesInHost({
        workspace: untrustedWorkspace,
        runName: 'integration-restricted-host',
        workspaceTrust: true,
        env: { UCANPAY_TEST_SUITE: 'restricted' },
      });
      return {
        passed: trusted.passed + restricted.passed,
        failed: trusted.failed + restricted.failed,
        skipped: trusted.skipped + restricted.skipped,
        failures: [...trusted.failures, ...restricted.failures],
      };
    }
    case 'e2e':
      if (!fs.existsSync(vsixPath)) {
        execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'package.js'), '--out', vsixPath], { stdio: 'inherit' });
      }
      process.env.UCANPAY_VSIX = vsixPath;
      return runMocha(findFiles(path.join(outTest, 'e2e'), '.e2e.js'), { timeout: 180_000, reporter: 'spec' });
  }
}

async function main(): Promise<void> {
  const requested = process.argv.slice(2) as Tier[];
  const unknown = requested.filter((tier) => !allTiers.includes(tier));
  if (unknown.length) {
    console.error(`Unknown tier(s): ${unknown.join(', ')}. Tiers: ${allTiers.join(', ')}`);
    process.exit(2);
  }
  const tiers = requested.length ? requested : allTiers;
  const results: Array<[Tier, TierResult, number]> = [];
  for (const tier of tiers) {
    console.log(`\n=== ${tier} tests ===`);
    const started = Date.now();
    let result: TierResult;
    try {
      result = await runTier(tier);
    } catch (error) {
      result = { passed: 0, failed: 1, skipped: 0, failures: [{ title: `${tier} tier`, message: error instanceof Error ? error.stack ?? error.message : String(error) }] };
    }
    results.push([tier, result, Date.now() - started]);
  }
  console.log('\n=== summary ===');
  for (const [tier, result] of results) {
    for (const failure of result.failures) {
      console.log(`FAILED [${tier}] ${failure.title}\n  ${failure.message.split('\n').join('\n  ')}`);
    }
  }
  for (const [tier, result, ms] of results) {
    console.log(`${tier.padEnd(12)} ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped (${(ms / 1000).toFixed(1)} s)`);
  }
  const passed = results.reduce((sum, [, r]) => sum + r.passed, 0);
  const failed = results.reduce((sum, [, r]) => sum + r.failed, 0);
  const skipped = results.reduce((sum, [, r]) => sum + r.skipped, 0);
  // A tier that ran nothing is a broken harness, not a pass.
  const empty = results.filter(([, r]) => r.passed + r.failed === 0).map(([tier]) => tier);
  if (empty.length) {
    console.log(`No tests ran in: ${empty.join(', ')}`);
  }
  console.log(`total: ${passed} passed, ${failed + empty.length} failed, ${skipped} skipped`);
  process.exitCode = failed + empty.length > 0 ? 1 : 0;
}

void main();
