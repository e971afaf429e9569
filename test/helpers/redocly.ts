import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export type LintProblem = { ruleId: string; severity: 'error' | 'warn'; message: string; at: string };

/** Redocly's lint of an OpenAPI document: `recommended`, plus `rules` (in a child process; see redocly-lint.mjs). */
export function redoclyLint(document: unknown, rules: Record<string, 'error' | 'warn' | 'off'> = {}): LintProblem[] {
  const output = execFileSync(process.execPath, [join(__dirname, 'redocly-lint.mjs'), JSON.stringify(rules)], { input: JSON.stringify(document) });
  return JSON.parse(output.toString('utf8')) as LintProblem[];
}
