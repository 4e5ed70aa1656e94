// The pieces the Steps and Executions panes share: a yes/no answer from a key, and the list
// window after a cursor key.
import { describe, expect, it } from 'vitest';
import { answerPrompt, yesNo, type PromptAnswers } from '../../src/ui/prompt-keys.js';
import { NO_KEY } from '../../src/ui/shell/shell-input.js';
import { moveWindow } from '../../src/ui/windowing.js';

describe('shared pane keys', () => {
  it('reads y as yes, n and Esc as no, anything else as no answer', () => {
    expect(['y', 'Y', 'n', 'N', 'esc', 'x', 'enter'].map(yesNo)).toEqual(['yes', 'yes', 'no', 'no', 'no', undefined, undefined]);
  });

  it('answers a question with y (dismissed first), n or Esc; other keys are taken and ignored', () => {
    const said: string[] = [];
    const question: PromptAnswers = { dismiss: () => said.push('dismiss'), yes: () => said.push('yes') };
    expect(answerPrompt('x', NO_KEY, question)).toBe(true);
    expect(said).toEqual([]);
    answerPrompt('y', NO_KEY, question);
    answerPrompt('n', NO_KEY, question);
    answerPrompt('', { ...NO_KEY, escape: true }, question);
    expect(said).toEqual(['dismiss', 'yes', 'dismiss', 'dismiss']);
  });

  it('edits a form: typed text and erase, its own keys, Enter submits after dismissing, Esc drops it; n is text there', () => {
    const said: string[] = [];
    const form: PromptAnswers = {
      dismiss: () => said.push('dismiss'),
      form: {
        edit: (text) => said.push(`edit ${text === '\b' ? 'erase' : text}`),
        submit: () => said.push('submit'),
        own: (name) => name === 'f' && said.push('force') > 0,
      },
    };
    answerPrompt('2026-11', NO_KEY, form);
    answerPrompt('', { ...NO_KEY, backspace: true }, form);
    answerPrompt('f', NO_KEY, form);
    answerPrompt('n', NO_KEY, form);
    answerPrompt('', { ...NO_KEY, return: true }, form);
    answerPrompt('', { ...NO_KEY, escape: true }, form);
    expect(said).toEqual([...'2026-11'].map((c) => `edit ${c}`).concat(['edit erase', 'force', 'edit n', 'dismiss', 'submit', 'dismiss']));
  });

  it('moves the cursor within the list and jumps to either end, keeping it on screen', () => {
    const start = { cursor: 0, offset: 0 };
    expect(moveWindow(start, { type: 'move', delta: 3, height: 2, total: 10 })).toEqual({ cursor: 3, offset: 2 });
    expect(moveWindow(start, { type: 'move', delta: -1, height: 2, total: 10 })).toEqual(start);
    expect(moveWindow(start, { type: 'jump', to: 'bottom', height: 4, total: 10 })).toEqual({ cursor: 9, offset: 6 });
    expect(moveWindow({ cursor: 9, offset: 6 }, { type: 'jump', to: 'top', height: 4, total: 10 })).toEqual(start);
    expect(moveWindow(start, { type: 'jump', to: 'bottom', height: 4, total: 0 })).toEqual(start);
  });
});
