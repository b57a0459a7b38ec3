// The built package against the rules n8n's verification applies to community nodes: only the allowed
// modules are required, no banned globals are used, no environment or files are read.
import { parse } from 'acorn';
import { fullAncestor } from 'acorn-walk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(process.cwd(), '../../packages/n8n-nodes-links');
const ALLOWED_MODULES = new Set(['n8n-workflow', 'lodash', 'moment', 'p-limit', 'luxon', 'zod', 'crypto', 'node:crypto']);
const BANNED_GLOBALS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'process', 'globalThis', '__dirname', '__filename']);

// turbo builds the package before these tests run; a missing dist fails here rather than passing.

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] }; dependencies?: object };
const files = [...manifest.n8n.credentials, ...manifest.n8n.nodes];

interface Finding {
  requires: string[];
  globals: string[];
}

function scan(file: string): Finding {
  const ast = parse(readFileSync(join(root, file), 'utf8'), { ecmaVersion: 'latest', sourceType: 'script' });
  const requires: string[] = [];
  const globals: string[] = [];
  fullAncestor(ast, (node: any, _state: unknown, ancestors: any[]) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') {
      requires.push(node.arguments[0]?.type === 'Literal' ? String(node.arguments[0].value) : '<dynamic>');
    }
    if (node.type === 'ImportExpression') requires.push('<dynamic import>');
    if (node.type === 'Identifier' && BANNED_GLOBALS.has(node.name)) {
      const parent = ancestors[ancestors.length - 2];
      const isPropertyName = (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) || (parent?.type === 'Property' && parent.key === node && !parent.computed);
      if (!isPropertyName) globals.push(node.name);
    }
  });
  return { requires, globals };
}

describe('built dist, as n8n verification scans it', () => {
  it('has no runtime dependencies, n8n-workflow as a peer', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).peerDependencies).toEqual({ 'n8n-workflow': '*' });
  });

  it.each(files)('%s requires only allowed modules and uses no banned global', (file) => {
    const { requires, globals } = scan(file);
    expect(requires.filter((m) => !ALLOWED_MODULES.has(m))).toEqual([]);
    expect(globals).toEqual([]);
    expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/\bky\b.*\bfetch\b|readFileSync|process\.env/);
  });

  it('the scan would catch a banned global or module', () => {
    const bad = 'const fs = require("fs"); setTimeout(() => process.exit(1), 1); const x = { process: 1 }; x.process;';
    const ast = parse(bad, { ecmaVersion: 'latest' });
    const names: string[] = [];
    fullAncestor(ast, (node: any, _s: unknown, ancestors: any[]) => {
      const parent = ancestors[ancestors.length - 2];
      if (node.type === 'Identifier' && BANNED_GLOBALS.has(node.name) && !(parent?.type === 'MemberExpression' && parent.property === node) && !(parent?.type === 'Property' && parent.key === node)) names.push(node.name);
    });
    expect(names).toEqual(['setTimeout', 'process']);
  });

  it('loads in Node.js as CommonJS with the classes n8n looks for', () => {
    for (const file of files) {
      const className = file.split('/').pop()!.split('.')[0]!;
      const loaded = require(join(root, file)) as Record<string, new () => unknown>;
      expect(typeof loaded[className]).toBe('function');
    }
  });
});
