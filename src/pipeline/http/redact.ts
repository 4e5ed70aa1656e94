// URLs end up in manifests, logs and error lines: keep credentials out of them.
const SECRET_PARAM =
  /^(\$\$)?(app_?token|token|access_?token|api_?key|key|password|secret|signature|x-amz-signature|x-amz-credential|x-amz-security-token)$/i;

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.password) parsed.password = '***';
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, '***');
  }
  // URLSearchParams percent-encodes $ and :, which makes SODA queries unreadable.
  return parsed.href.replace(/%24/g, '$').replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}
