// Reading a step's log files: the last lines (read from the end, never the whole file) and the
// head of stderr where Spark reports the UI port.
import fs from 'node:fs/promises';

const TAIL_CHUNK = 64 * 1024;

export async function tailLines(file: string, lines: number): Promise<string[]> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const { size } = await handle.stat();
    let start = size;
    let text = '';
    while (start > 0) {
      const length = Math.min(TAIL_CHUNK, start);
      start -= length;
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, start);
      text = buffer.toString('utf8') + text;
      if (text.split('\n').length > lines + 1) break;
    }
    const all = text.split('\n');
    if (all[all.length - 1] === '') all.pop();
    return all.slice(-lines);
  } finally {
    await handle.close();
  }
}

export async function readText(file: string, maxBytes = 4 * 1024 * 1024): Promise<string> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  try {
    const buffer = Buffer.alloc(Math.min(maxBytes, (await handle.stat()).size));
    await handle.read(buffer, 0, buffer.length, 0);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
