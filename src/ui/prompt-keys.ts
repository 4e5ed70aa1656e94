// One key while a pane asks something: a question answered y/n (Esc is no), or a small form
// (a run date typed, Backspace erases, Enter submits, Esc drops it) with a few keys of its own.
// The Steps and Executions panes ask this way; each says what its form and its yes do.
import type { Key } from 'ink';
import { keyName, typedText } from './shell/keys.js';

export interface PromptForm {
  /** Typed text, or '\b' for an erase. */
  edit(text: string): void;
  /** Enter: the prompt is dismissed first. */
  submit(): void;
  /** The form's own keys (a job cycled, force toggled): true when `name` was one. */
  own?(name: string): boolean;
}

export interface PromptAnswers {
  dismiss(): void;
  /** Set when the prompt is a form; otherwise it is a y/n question. */
  form?: PromptForm;
  /** y on a question (the prompt is dismissed first). */
  yes?(): void;
}

/** A yes/no answer from a key name: y yes; n or Esc no; anything else is ignored. */
export function yesNo(name: string): 'yes' | 'no' | undefined {
  if (name === 'y' || name === 'Y') return 'yes';
  if (name === 'n' || name === 'N' || name === 'esc') return 'no';
  return undefined;
}

/** Handles the key; a prompt takes every key while it is shown, so this always answers true. */
export function answerPrompt(input: string, key: Key, answers: PromptAnswers): true {
  const name = keyName(input, key);
  const { form } = answers;
  if (name === 'esc' || (!form && yesNo(name) === 'no')) {
    answers.dismiss();
    return true;
  }
  if (form) {
    if (form.own?.(name)) return true;
    if (name === 'backspace' || name === 'delete') form.edit('\b');
    else if (name === 'enter') {
      answers.dismiss();
      form.submit();
    } else for (const char of typedText(input, key) ?? '') form.edit(char);
    return true;
  }
  if (yesNo(name) === 'yes') {
    answers.dismiss();
    answers.yes?.();
  }
  return true;
}
