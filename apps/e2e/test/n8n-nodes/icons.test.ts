// The nodes' icons as n8n shows them: one light and one dark file per node (from the built package), each a
// 60x60 drawing of its own (no text, nothing fetched), legible on n8n's light and dark canvas.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadNode } from '../../src/n8n/fake-context.js';

const dist = join(dirname(require.resolve('n8n-nodes-links/package.json')), 'dist');
const NODES = ['OneTrust', 'YandexTracker', 'DevRev'];
/** The canvas behind a node icon: white in n8n's light theme, near-black in its dark theme. */
const CANVAS = { light: '#FFFFFF', dark: '#2B2B2B' } as const;

function iconFiles(node: string): { light: string; dark: string } {
  const icon = loadNode(node).description.icon as { light: string; dark: string };
  const read = (file: string) => readFileSync(join(dist, 'nodes', node, file.replace(/^file:/, '')), 'utf8');
  return { light: read(icon.light), dark: read(icon.dark) };
}

/** WCAG 2 contrast ratio of two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

/** The colours of the first shape (the body) and of every later one (the glyph drawn on it). */
function colours(svg: string): { body: string; glyph: string[] } {
  const shapes = [...svg.matchAll(/<(?:path|rect|circle|polygon)\b[^>]*>/g)].map((m) => [...m[0].matchAll(/(?:fill|stroke)="(#[0-9A-Fa-f]{6})"/g)].map((c) => c[1]!.toUpperCase()));
  return { body: shapes[0]![0]!, glyph: [...new Set(shapes.slice(1).flat())] };
}

describe.each(NODES)('%s icon', (node) => {
  const files = iconFiles(node);

  it.each(['light', 'dark'] as const)('%s: a 60x60 drawing, no text, nothing fetched', (theme) => {
    const svg = files[theme];
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 60 60"/);
    expect(svg).not.toMatch(/<text|<image|href=|url\(|<style|font-/);
  });

  it.each(['light', 'dark'] as const)('%s: the body stands out from the canvas (3:1) and the glyph from the body (4.5:1)', (theme) => {
    const { body, glyph } = colours(files[theme]);
    expect(contrast(body, CANVAS[theme])).toBeGreaterThanOrEqual(3);
    expect(glyph.length).toBeGreaterThan(0);
    for (const colour of glyph) expect(contrast(colour, body)).toBeGreaterThanOrEqual(4.5);
  });

  it('the dark icon is the light one\'s drawing in other colours', () => {
    const shape = (svg: string) => svg.replace(/#[0-9A-Fa-f]{6}/g, '#');
    expect(shape(files.dark)).toBe(shape(files.light));
    expect(files.dark).not.toBe(files.light);
  });
});

it('each service has its own drawing, not one glyph in three colours', () => {
  const shapes = NODES.map((node) => iconFiles(node).light.replace(/#[0-9A-Fa-f]{6}/g, '#'));
  expect(new Set(shapes).size).toBe(NODES.length);
});
