// A guide's body is plain text the province edits in a textarea: blank lines separate blocks,
// "# " starts a heading and "- " a bullet. It is parsed into blocks and rendered as React text,
// never as HTML, so nothing typed into a guide can run in a reader's browser.

export type GuideBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; lines: string[] } | { kind: 'list'; items: string[] };

export function parseGuide(body: string): GuideBlock[] {
  const blocks: GuideBlock[] = [];
  const chunks = body.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  for (const chunk of chunks) {
    let paragraph: string[] | null = null;
    let list: string[] | null = null;
    const close = () => {
      if (paragraph) blocks.push({ kind: 'paragraph', lines: paragraph });
      if (list) blocks.push({ kind: 'list', items: list });
      paragraph = null;
      list = null;
    };
    for (const raw of chunk.split('\n')) {
      const line = raw.trimEnd();
      const trimmed = line.trim();
      if (trimmed === '') continue;
      if (trimmed.startsWith('# ') || trimmed === '#') {
        close();
        const text = trimmed.slice(1).trim();
        if (text) blocks.push({ kind: 'heading', text });
      } else if (trimmed.startsWith('- ')) {
        if (paragraph) close();
        list ??= [];
        list.push(trimmed.slice(2).trim());
      } else if (list && /^\s/.test(line)) {
        // An indented line carries on the bullet above it.
        const items: string[] = list;
        items[items.length - 1] = `${items[items.length - 1] ?? ''} ${trimmed}`.trim();
      } else {
        if (list) close();
        paragraph ??= [];
        paragraph.push(trimmed);
      }
    }
    close();
  }
  return blocks;
}

/** A short plain-text summary (the first paragraph), e.g. for the list of guides. */
export function guideSummary(body: string, max = 160): string {
  const first = parseGuide(body).find((b): b is Extract<GuideBlock, { kind: 'paragraph' }> => b.kind === 'paragraph');
  if (!first) return '';
  const text = first.lines.join(' ');
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The height message an embedded guide sends to the page around it (read by public/embed.js). */
export const EMBED_MESSAGE = 'phongdich-guide-height';
