// Runs the accredit program for the tests that compare the page with it: its standard output,
// as a school would have it, from folder `dir`. Exit 1 (a verdict: not everyone achieves) and 2
// (data errors, the output still written in full) are answers too; anything else is a failure.
import {execFileSync} from 'node:child_process';

export function runAccredit(bin, dir, args) {
  try {
    return execFileSync(bin, args, {cwd: dir, maxBuffer: 1 << 28,
      env: {...process.env, NO_COLOR: '1', ACCREDIT_RULES_PATH: ''},
      stdio: ['ignore', 'pipe', 'pipe']}).toString();
  } catch (e) {
    if ((e.status === 1 || e.status === 2) && e.stdout?.length > 0) return e.stdout.toString();
    throw new Error(`accredit ${args.join(' ')} exited ${e.status}: ${e.stderr}`);
  }
}
