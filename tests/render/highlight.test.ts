import { afterAll, describe, expect, it, vi } from 'vitest';

// cli-highlight has its own chalk, which decides on colour when it is first imported.
const forceColor = vi.hoisted(() => {
  const before = process.env.FORCE_COLOR;
  process.env.FORCE_COLOR = '1';
  return before;
});

afterAll(() => {
  if (forceColor === undefined) delete process.env.FORCE_COLOR;
  else process.env.FORCE_COLOR = forceColor;
});

const { renderMarkdown } = await import('../../src/render/markdown.js');

describe('renderMarkdown: highlighted code', () => {
  it('highlights code with colour on, and lets only colour sequences through', () => {
    const out = renderMarkdown('```python\ndef f():\n    return "\x1b[2J\x1b]52;c;x\x07"\n```', {
      width: 80,
      color: true,
    });
    expect(out).toMatch(/\x1b\[\d+m/);
    const withoutColour = out.replace(/\x1b\[[0-9;]*m/g, '');
    expect(withoutColour).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(withoutColour).toBe('    def f():\n        return ""');
  });

  it('prints code plain with colour off, even where colour is detected', () => {
    const out = renderMarkdown('```python\ndef f():\n    return 1\n```', { width: 80, color: false });
    expect(out).toBe('    def f():\n        return 1');
  });
});
