// `steps logs --follow` reads the log's tail again and again: this finds which lines of the new
// tail come after what was already printed, so nothing is printed twice.

const ANCHOR = 3;

export function linesAfter(printed: readonly string[], tail: readonly string[]): string[] {
  if (printed.length === 0) return [...tail];
  const anchor = printed.slice(-Math.min(ANCHOR, printed.length));
  for (let end = tail.length; end >= anchor.length; end -= 1) {
    if (anchor.every((line, i) => tail[end - anchor.length + i] === line)) return tail.slice(end);
  }
  return [...tail];
}
