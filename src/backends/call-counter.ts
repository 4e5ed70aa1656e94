// Counts the calls a backend makes (S3 requests, folder listings…), shown in the status bar so a
// user sees what browsing costs.
import type { ApiCallCounter } from '../core/backend.js';

export class CallCounter implements ApiCallCounter {
  count = 0;

  add(n = 1): void {
    this.count += n;
  }
}
