import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNote, type ParsedNote } from '../../src/notes/parse.js';

/*
 * Nothing silently dropped: every line of a note is in a card (its question, answer, section path
 * or deck, a title), is noise the loader knows (comments, rules), or is reported by a diagnostic, whose
 * region runs from its line to the next card's or diagnostic's. Each generated line carries a token of its own
 * (`t17`) to be found by.
 */

/** A block of one line, given the token it carries; `noise` when the loader may drop it unreported. */
interface LineKind {
  line: (token: string) => string;
  noise?: boolean;
}

const kinds: LineKind[] = [
  { line: (token) => `# What is ${token}?` },
  { line: (token) => `## Topic ${token}` },
  { line: (token) => `### ${token} 是什么？` },
  { line: (token) => `#### 一、${token}` },
  { line: (token) => `Some prose about ${token}.` },
  { line: (token) => `答案在这里 ${token}。` },
  { line: (token) => `- an item on ${token}` },
  { line: (token) => `- Why does ${token} matter?` },
  { line: (token) => `**What is ${token}?**` },
  { line: (token) => `Q: What is ${token}?` },
  { line: (token) => `A: ${token} is a thing.` },
  { line: (token) => `> Why is ${token} used?` },
  { line: (token) => `\`\`\`\ncode ${token}\n\`\`\`` },
  { line: (token) => `- ## Item ${token}\n\n    about ${token}` },
  { line: (token) => `<details><summary>What is ${token}?</summary>\n\nIt is ${token}.\n\n</details>` },
  { line: (token) => `<!-- ${token} -->`, noise: true },
  { line: () => '---', noise: true },
];

const RULE = kinds.length - 1;

// A note that starts with a rule would start with front matter (`---` … `---`): noise by design.
const note = fc.array(fc.integer({ min: 0, max: kinds.length - 1 }), { minLength: 1, maxLength: 30 }).filter((picks) => picks[0] !== RULE).map((picks) => {
  const blocks = picks.map((pick, index) => ({ kind: kinds[pick] as LineKind, token: `t${index}x` }));
  const texts = blocks.map(({ kind, token }) => kind.line(token));
  return { blocks, texts, text: texts.join('\n\n') };
});

/** The 1-based line each block starts on: blocks are joined by one blank line. */
function blockLines(texts: string[]): Map<number, number> {
  const lines = new Map<number, number>();
  let line = 1;
  texts.forEach((text, index) => {
    lines.set(index, line);
    line += text.split('\n').length + 1;
  });
  return lines;
}

/** The lines a diagnostic names: its own, and any it lists (`lines 3, 7 and 2 more`). */
function namedLines(parsed: ParsedNote): number[] {
  return parsed.diagnostics.flatMap((each) => [each.line, ...[...(/lines? ([\d, ]+)/u.exec(each.message)?.[1] ?? '').matchAll(/\d+/gu)].map(Number)]);
}

describe('nothing silently dropped', () => {
  it('every line of any generated note is in a card, is noise, or is in a diagnostic’s region', () => {
    fc.assert(
      fc.property(note, ({ blocks, texts, text }) => {
        const parsed = parseNote(text, 'any.md', 'any');
        // A note that gives no card at all is reported as a whole.
        if (parsed.drafts.length === 0) {
          expect(parsed.diagnostics.map((each) => each.message).join('\n')).toMatch(/no question\/answer structure/u);
          return;
        }
        const cardText = parsed.drafts.map((draft) => `${draft.deck}\n${draft.question}\n${draft.answer}\n${draft.path.join('\n')}`).join('\n');
        const diagnosticText = parsed.diagnostics.map((each) => each.message).join('\n');
        const starts = blockLines(texts);
        const reported = namedLines(parsed);
        // Where the loader says something starts: a card's prompt, or a diagnostic's line.
        const anchors = [...parsed.drafts.map((draft) => draft.source.line), ...reported].sort((a, b) => a - b);
        blocks.forEach(({ kind, token }, index) => {
          if (kind.noise || cardText.includes(token) || diagnosticText.includes(token)) return;
          const line = starts.get(index) ?? 0;
          const anchor = anchors.filter((each) => each <= line).at(-1);
          const inRegion = anchor !== undefined && reported.includes(anchor);
          expect(inRegion, `line ${line} (${token}) is in no card and no diagnostic:\n${text}\n${JSON.stringify(parsed.diagnostics)}`).toBe(true);
        });
      }),
      { numRuns: 400 },
    );
  });
});
