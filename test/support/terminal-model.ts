// A terminal emulator model for frame tests: @xterm/headless with Unicode 11 widths (emoji and CJK
// two columns, as string-width and today's terminals count them) and a pty's newline translation,
// so bytes written by Ink can be replayed and the resulting screen compared cell by cell.
import xterm from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';

export interface TerminalModel {
  write(data: string): Promise<void>;
  resize(columns: number, rows: number): void;
  /** One string per row: every cell's characters and its attributes, so colour and inverse count. */
  screen(): string[];
  /** The rows as plain text, trailing blanks trimmed (for readable assertions). */
  text(): string[];
  readonly columns: number;
  readonly rows: number;
}

export function terminalModel(columns: number, rows: number): TerminalModel {
  const term = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true, convertEol: true, scrollback: 0 });
  term.loadAddon(new unicode11.Unicode11Addon());
  term.unicode.activeVersion = '11';
  const lines = () => Array.from({ length: term.rows }, (_, y) => term.buffer.active.getLine(term.buffer.active.viewportY + y));
  return {
    write: (data) => new Promise<void>((resolve) => term.write(data, resolve)),
    resize: (c, r) => term.resize(c, r),
    screen: () =>
      lines().map((line) => {
        let row = '';
        for (let x = 0; x < term.cols; x++) {
          const cell = line?.getCell(x);
          if (!cell) break;
          if (cell.getWidth() === 0) continue;
          const attrs = [
            cell.getFgColorMode(),
            cell.getFgColor(),
            cell.getBgColorMode(),
            cell.getBgColor(),
            cell.isBold(),
            cell.isDim(),
            cell.isItalic(),
            cell.isUnderline(),
            cell.isInverse(),
          ]
            .map(Number)
            .join(',');
          row += `${cell.getChars() || ' '}[${attrs}]`;
        }
        return row;
      }),
    text: () => lines().map((line) => line?.translateToString(true) ?? ''),
    get columns() {
      return term.cols;
    },
    get rows() {
      return term.rows;
    },
  };
}
