import { describe, expect, it } from 'vitest';
import { escapeLongLines, LONG_LINE } from '../../src/render/long-lines.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { stripAnsi } from '../../src/render/width.js';

describe('very long lines', () => {
  it('leave short notes and code untouched', () => {
    const code = `\`\`\`js\n${'a_b*'.repeat(LONG_LINE)}\n\`\`\``;
    expect(escapeLongLines('**bold** _em_')).toBe('**bold** _em_');
    expect(escapeLongLines(code)).toBe(code);
  });

  it('render as their text, quickly, whatever markup they repeat', { timeout: 30_000 }, () => {
    for (const unit of ['_a', '*a', '[a', '`a', '<a']) {
      const line = unit.repeat(100_000);
      const started = performance.now();
      const out = renderMarkdown(`${line}\n\n**after**`, { width: 80, color: false });
      expect(performance.now() - started, unit).toBeLessThan(3_000);
      const text = stripAnsi(out).replace(/\n/gu, '');
      expect(text.startsWith(unit.repeat(30)), unit).toBe(true);
      expect(out.trimEnd().endsWith('after'), unit).toBe(true);
    }
  });
});
