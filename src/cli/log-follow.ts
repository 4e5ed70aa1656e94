// `steps logs --follow` reads the log's tail again and again: this finds which lines of the new
// tail come after what was already printed, so nothing is printed twice.

const ANCHOR = 3;

export function linesAfter(printed: readonly string[], tail: readonly string[]): string[] {
  if (printed.length === 0) return [...tail];
  // The longest anchor of the last printed lines that the tail still holds (it may have scrolled past some).
  for (let size = Math.min(ANCHOR, printed.length); size > 0; size -= 1) {
    const anchor = printed.slice(-size);
    for (let end = tail.length; end >= size; end -= 1) {
      if (anchor.every((line, i) => tail[end - size + i] === line)) return tail.slice(end);
    }
  }
  return [...tail];
}
