// The reply a CloudFormation custom resource owes: one PUT of a JSON document to the pre-signed
// ResponseURL of the request. Without it the stack waits for an hour, so every handler path ends here.
export interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  ResourceType?: string;
  PhysicalResourceId?: string;
  ResourceProperties: Record<string, unknown>;
  OldResourceProperties?: Record<string, unknown>;
}

export interface CustomResourceResult {
  Status: 'SUCCESS' | 'FAILED';
  Reason: string;
  PhysicalResourceId: string;
  Data?: Record<string, string>;
}

/** Well inside the function's timeout, so a response URL that hangs shows up as an error in the log. */
const RESPONSE_TIMEOUT_MS = 30_000;

export async function sendResponse(event: CustomResourceEvent, result: CustomResourceResult): Promise<void> {
  const body = Buffer.from(
    JSON.stringify({
      ...result,
      // CloudFormation rejects a response whose reason is over 4 KB.
      Reason: result.Reason.slice(0, 3000),
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
    }),
  );
  // A byte body and no content-type: the URL is pre-signed without one.
  const response = await fetch(event.ResponseURL, { method: 'PUT', body, signal: AbortSignal.timeout(RESPONSE_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`CloudFormation response URL answered HTTP ${response.status}`);
}
