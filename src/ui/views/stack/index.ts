// What the shell needs of the Stack view: the component, and why it cannot open on a backend
// without a stack. The local lake has no CloudFormation stack, and the view does not pretend it
// has one: its key and palette entry stay listed, greyed, with the command that makes one.
import type { Backend } from '../../../core/backend.js';

export { StackView, type StackViewControls } from './StackView.js';

export function stackUnavailableReason(backend: Backend): string | undefined {
  if (backend.stack) return undefined;
  if (backend.kind === 'local') return 'local lake: no stack — `lakedeck deploy --stack NAME` creates one';
  return 'opened by bucket, no stack — start with `lakedeck --stack NAME`';
}
