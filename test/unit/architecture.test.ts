import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layout's rules, checked on the import graph of the source (every static import, `export …
 * from` and dynamic import(), resolved as the bundler resolves them, type-only imports included):
 * no import cycle anywhere; the domain knows nothing of Lambda, HTTP or AWS; only adapters import
 * an AWS SDK; ports import entities, never a use case; each capability of the domain is a folder.
 */
const ROOT = resolve(__dirname, '..', '..');
const SOURCE_DIRS = ['shared', 'functions', 'infra', 'bench'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(name)) out.push(path);
  }
  return out;
}

const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)));
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
}

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith('#shared/') ? join(ROOT, 'shared', specifier.slice('#shared/'.length)) : specifier.startsWith('.') ? resolve(dirname(from), specifier) : undefined;
  if (!base) return undefined;
  return [base, `${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

const graph = new Map(files.map((file) => [file, specifiers(file)]));
const localEdges = new Map([...graph].map(([file, specs]) => [file, specs.map((s) => resolveLocal(file, s)).filter((t): t is string => t !== undefined && t.endsWith('.ts'))]));
const rel = (file: string) => relative(ROOT, file);

/** Strongly connected components with more than one file (Tarjan), or a file importing itself. */
function cycles(): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of localEdges.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) as number, indices.get(next) as number));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(rel(member));
      } while (member !== node);
      if (component.length > 1 || (localEdges.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const file of files) if (!indices.has(file)) visit(file);
  return found;
}

const under = (prefix: string) => [...graph.keys()].filter((file) => rel(file).startsWith(prefix));

describe('the layout', () => {
  it('has no import cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it('keeps the domain free of Lambda, HTTP and AWS', () => {
    const offending = under('shared/domain/').flatMap((file) =>
      (graph.get(file) ?? []).filter((s) => /^@aws-sdk\/|^aws-lambda$|^@middy\/|^@aws-lambda-powertools\//.test(s) || /\/(http|adapters|events)\//.test(resolveLocal(file, s) ?? '')).map((s) => `${rel(file)} → ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it('lets only adapters import an AWS SDK client', () => {
    const offending = [...under('shared/'), ...under('functions/')]
      .filter((file) => !rel(file).startsWith('shared/adapters/'))
      .flatMap((file) => (graph.get(file) ?? []).filter((s) => /^@aws-sdk\/client-/.test(s)).map((s) => `${rel(file)} → ${s}`));
    expect(offending).toEqual([]);
  });

  it('has ports that import entities, never a use case', () => {
    const offending = under('shared/ports/').flatMap((file) =>
      (localEdges.get(file) ?? []).filter((target) => /use-cases|sweep|erasure/.test(rel(target))).map((target) => `${rel(file)} → ${rel(target)}`),
    );
    expect(offending).toEqual([]);
  });

  it('groups the domain by capability: no rule sits loose at the top of shared/domain', () => {
    const capabilities = readdirSync(join(ROOT, 'shared', 'domain')).filter((name) => statSync(join(ROOT, 'shared', 'domain', name)).isDirectory());
    expect(capabilities.sort()).toEqual(['customers', 'inventory', 'invoices', 'kernel', 'notices', 'orders', 'receivables', 'retention', 'rights']);
    expect(readdirSync(join(ROOT, 'shared', 'domain')).filter((name) => name.endsWith('.ts'))).toEqual([]);
  });

  it('finds a cycle when there is one (the check checks)', () => {
    // Given two files of the graph made to import each other, Tarjan's walk reports them.
    const [a, b] = under('shared/domain/kernel/');
    localEdges.set(a as string, [...(localEdges.get(a as string) ?? []), b as string]);
    localEdges.set(b as string, [...(localEdges.get(b as string) ?? []), a as string]);
    try {
      expect(cycles()).toEqual([[rel(a as string), rel(b as string)].sort()]);
    } finally {
      localEdges.set(a as string, (localEdges.get(a as string) ?? []).filter((t) => t !== b));
      localEdges.set(b as string, (localEdges.get(b as string) ?? []).filter((t) => t !== a));
    }
  });
});
