/**
 * Markdown escapers for DEPLOY.md (CommonMark + GFM tables). Profile text (names, descriptions,
 * header values, model ids) must render as the literal text it is: never as a link, heading,
 * emphasis, HTML or an extra table column.
 */

// C0/C1 controls and the Unicode bidi controls (an RLO in a value would make the rest of a table
// row read backwards). Shown as visible U+XXXX text instead.
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

// Everything mdText changes: controls and bidi marks, HTML and Markdown punctuation, and the
// block openers at the start ("#", "- ", "+ ", "1. ", "1) ").
const TEXT_ATTENTION = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069&<>\\`*_[\]|~]|^#|^[-+](?: |$)|^\d+[.)](?: |$)/;
const FENCED_ATTENTION = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069`]/;
// One character class (no ^/$ alternatives, which make every position try three branches); the
// edge spaces are checked apart.
const CODE_ATTENTION = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069`|]/;

function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

/**
 * Text for running Markdown (paragraphs, list items, table cells): HTML-significant characters as
 * entities, Markdown punctuation backslash-escaped, controls made visible, one line.
 */
export function mdText(text: string): string {
  // Plain words and numbers (most values) need nothing: one scan decides.
  if (!TEXT_ATTENTION.test(text)) return text;
  let out = visible(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
  // At the start of a list item or paragraph, "# ", "- ", "+ " or "1. " would open a heading or
  // a nested list.
  out = out.replace(/^#/, '\\#').replace(/^([-+])(?= |$)/, '\\$1').replace(/^(\d+)([.)])(?= |$)/, '$1\\$2');
  return out;
}

/**
 * An inline code span holding `text` literally (for key names, values, paths in prose). The fence
 * is one backtick longer than the longest run inside; edges that are spaces or backticks get a
 * padding space, which CommonMark strips again.
 */
export function mdCode(text: string): string {
  if (plainCode(text)) return `\`${text}\``;
  const t = visible(text);
  if (t === '') return '*(empty)*';
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[ `]|[ `]$/.test(t) ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/**
 * {@link mdCode} for a GFM table cell: `|` is escaped as `\|` (the table parser splits cells on
 * bare pipes even inside code spans, and removes the backslash again).
 */
export function mdCodeCell(text: string): string {
  // A plain value holds no `|` (CODE_ATTENTION has it): nothing to escape after mdCode.
  if (plainCode(text)) return `\`${text}\``;
  return mdCode(text).replace(/\|/g, '\\|');
}

/** Text a single-backtick code span holds as it is: not empty, no edge space, nothing CODE_ATTENTION lists. */
function plainCode(text: string): boolean {
  return text !== '' && text.charCodeAt(0) !== 32 && text.charCodeAt(text.length - 1) !== 32 && !CODE_ATTENTION.test(text);
}

/**
 * Text inside a fenced code block (shell commands, checksum lines): taken literally there, so only
 * what could end the block or split a line is neutralised: line breaks and other controls become
 * visible U+XXXX text, backticks become U+0060 (a line starting with three would close the fence).
 * View schemas pin these values to safe characters anyway; this is the second line of defence.
 */
export function mdFenced(text: string): string {
  if (!FENCED_ATTENTION.test(text)) return text;
  return visible(text).replace(/`/g, 'U+0060');
}

/**
 * The anchor GitHub gives a heading with this text (its `#fragment`): lower case, punctuation
 * dropped, spaces as hyphens. For headings written with {@link mdCode} or {@link mdText}, pass the
 * plain text, not the Markdown.
 */
export function mdAnchor(headingText: string): string {
  return headingText.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}
