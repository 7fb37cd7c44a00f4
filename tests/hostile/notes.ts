import { PLANTED_SGR } from './control.js';

/** Escape sequences and control characters a downloaded note may hold, raw. */
export const RAW_ATTACKS = {
  clear: '\u001b[2J',
  clipboard: '\u001b]52;c;aGVsbG8=\u0007',
  hyperlink: '\u001b]8;;http://x\u001b\\',
  bel: '\u0007',
  csi8: '\u009b2J',
  nel: '\u0085',
  del: '\u007f',
  colour: PLANTED_SGR,
} as const;

/** The same, written as HTML character references, which marked's lexer decodes into real control characters. */
export const ENTITY_ATTACKS = ['&#27;[2J', '&#x1b;]52;c;aGk=&#7;', '&#155;31m', '&#X1B;[5;38;5;199m'] as const;

/** Every attack in one string, raw and as entities. */
export const ALL_ATTACKS = [...Object.values(RAW_ATTACKS), ...ENTITY_ATTACKS].join(' ');

/** A file name with an escape sequence in it. */
export const EVIL_FILE = `evil${RAW_ATTACKS.clear}${RAW_ATTACKS.csi8}.md`;

/**
 * A note with an attack in every place text comes from: the deck (front matter `title:`, with YAML
 * escapes `\e`, `\a` and `\x9b`), section titles, questions, answers (prose, emphasis, code spans,
 * lists, quotes, tables, code blocks, links, images, HTML, `<details>`) and an empty question, which
 * `prep check` quotes.
 */
export const EVIL_NOTE = `---
title: "Evil \\e]52;c;aGVsbG8=\\a deck \\e[2J\\x9b31m"
---

## Section ${ALL_ATTACKS} sectionword

### Why is ${ALL_ATTACKS} evilword?

Answer ${ALL_ATTACKS} with a ${RAW_ATTACKS.hyperlink}link${RAW_ATTACKS.hyperlink}, **bold ${ALL_ATTACKS}**, *em ${RAW_ATTACKS.clear}*, ~~del ${RAW_ATTACKS.csi8}~~, \`code ${ALL_ATTACKS}\`.

- item ${ALL_ATTACKS}
  - nested ${RAW_ATTACKS.bel} &#27;[2J
    1. deeper ${RAW_ATTACKS.clipboard}
- [ ] task ${RAW_ATTACKS.clear}

> quote ${ALL_ATTACKS}
> > inner ${RAW_ATTACKS.csi8}

| head ${RAW_ATTACKS.clear} | b &#27;[2J |
| --- | --- |
| cell ${ALL_ATTACKS} | ${RAW_ATTACKS.csi8} |

\`\`\`js
const x = "${RAW_ATTACKS.clear}"; // ${ALL_ATTACKS}
\`\`\`

\`\`\`${RAW_ATTACKS.clear}
fence with an evil language ${RAW_ATTACKS.clipboard}
\`\`\`

    indented code ${ALL_ATTACKS}

![alt ${ALL_ATTACKS}](http://x/${RAW_ATTACKS.clear}.png "img ${RAW_ATTACKS.bel}")

[link ${RAW_ATTACKS.clear}](http://example.com/&#27;[2J "title ${RAW_ATTACKS.clipboard}") <http://auto/${RAW_ATTACKS.csi8}> https://bare.example/&#27;[2J

<div>html ${ALL_ATTACKS}</div>

<pre>pre ${ALL_ATTACKS}</pre>

inline <span title="${RAW_ATTACKS.clear}">span ${ALL_ATTACKS}</span> and<br>break

---

### ${ALL_ATTACKS} How about &#27;[2J this evilword?

<details><summary>Summary ${ALL_ATTACKS}</summary>

Inside ${ALL_ATTACKS}

</details>

### Empty ${ALL_ATTACKS} question?

## Plain section

### What is a plain evilword card?

Plain answer, so that \`prep due\` and \`prep stats\` have more than one card.
`;

/** A second note: the deck set by `deck:` with a raw ESC (YAML refuses it) and by escapes. */
export const EVIL_DECK_NOTE = `---
deck: "Deck \\e[2J\\u0085\\x7f name"
---

## Is the deck ${RAW_ATTACKS.colour} name safe?

Yes ${RAW_ATTACKS.clear}.
`;

/** Front matter holding a raw ESC, which YAML itself rejects: a diagnostic that must not quote it raw. */
export const RAW_FRONT_MATTER_NOTE = `---
title: Raw ${RAW_ATTACKS.clear} title ${RAW_ATTACKS.csi8}
deck: [${RAW_ATTACKS.clipboard}
---

## What does raw front matter give?

A diagnostic.
`;
