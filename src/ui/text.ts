// Display-width aware text fitting: every row is cut to its column so a frame never wraps.
// Accents may arrive decomposed (NFD) from CSV headers; combining marks take no cell.

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemeWidth(grapheme: string): number {
  const code = grapheme.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (/\p{Extended_Pictographic}/u.test(grapheme)) return 2;
  if (isWide(code)) return 2;
  return 1;
}

// East Asian Wide/Fullwidth blocks, enough for what file names and CSV cells carry.
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

export function displayWidth(text: string): number {
  if (ASCII_PRINTABLE.test(text)) return text.length;
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

/** Cuts `text` to at most `width` cells, ending with '…' when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const clean = sanitize(text);
  if (displayWidth(clean) <= width) return clean;
  if (ASCII_PRINTABLE.test(clean)) return clean.slice(0, width - 1) + '…';
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(clean)) {
    const w = graphemeWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return out + '…';
}

/**
 * Cuts `text` to at most `width` cells by taking out its middle: for keys and URLs, whose start
 * (zone, host) and end (file name, path) both matter.
 */
export function shortenMiddle(text: string, width: number): string {
  const clean = sanitize(text);
  if (displayWidth(clean) <= width) return clean;
  if (width <= 1) return truncate(clean, width);
  const graphemes = Array.from(segmenter.segment(clean), ({ segment }) => segment);
  const room = width - 1;
  const tailRoom = Math.ceil(room / 2);
  let tail = '';
  let used = 0;
  for (let i = graphemes.length - 1; i >= 0; i--) {
    const w = graphemeWidth(graphemes[i]);
    if (used + w > tailRoom) break;
    tail = graphemes[i] + tail;
    used += w;
  }
  return truncate(clean, room - used + 1).replace(/\u2026$/, '') + '…' + tail;
}

/** Truncates then pads with spaces to exactly `width` cells. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const gap = Math.max(0, width - displayWidth(cut));
  return align === 'right' ? ' '.repeat(gap) + cut : cut + ' '.repeat(gap);
}

/** Control characters (tabs, newlines, escapes) from data would break the frame: show them as spaces. */
export function sanitize(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/** A run of text with one tone, e.g. the dim `key=` of a partition name. */
export interface Segment {
  text: string;
  muted?: boolean;
}

/** Fits styled segments into exactly `width` cells; what does not fit is cut with '…'. */
export function fitSegments(segments: readonly Segment[], width: number, align: 'left' | 'right' = 'left'): Segment[] {
  const clean = segments.map((s) => ({ ...s, text: sanitize(s.text) }));
  const whole = clean.map((s) => s.text).join('');
  const used = displayWidth(whole);
  if (used <= width) {
    const gap = { text: ' '.repeat(width - used) };
    return align === 'right' ? [gap, ...clean] : [...clean, gap];
  }
  // Cut the joined text, then give each segment back its share of what is left.
  let rest = truncate(whole, width);
  const out: Segment[] = [];
  for (const segment of clean) {
    if (rest === '') break;
    const piece = rest.slice(0, segment.text.length);
    out.push({ ...segment, text: piece });
    rest = rest.slice(piece.length);
  }
  if (rest !== '' && out.length > 0) out[out.length - 1].text += rest;
  return out;
}

/** Lines `text` takes when word-wrapped to `width` (a word wider than a line is cut): a bound for layout. */
export function wrappedLineCount(text: string, width: number): number {
  const room = Math.max(1, width);
  let lines = 1;
  let used = 0;
  for (const word of text.split(' ')) {
    const size = displayWidth(word);
    if (used > 0 && used + 1 + size <= room) {
      used += 1 + size;
      continue;
    }
    if (used > 0) lines += 1;
    lines += Math.max(0, Math.ceil(size / room) - 1);
    used = size % room === 0 && size > 0 ? room : size % room;
  }
  return lines;
}
