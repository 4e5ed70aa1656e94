// patches/@aws-sdk+xml-builder+*.patch speeds up the AWS SDK's XML parser (S3 listings). The
// expected values are what the unpatched parser returns, errors included.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseXML } from '@aws-sdk/xml-builder';
import { describe, expect, it } from 'vitest';

const CASES: [string, unknown][] = [
  ['<a>x &amp; y &#34;q&#34; &#x41;</a>', { a: 'x & y "q" A' }],
  ['<a>\n  </a>', { a: '' }],
  ['<a></a>', { a: '' }],
  ['<a><b>1</b><b>2</b><c/></a>', { a: { b: ['1', '2'], c: '' } }],
  ['<a id="1">t</a>', { a: { '#text': 't', id: '1' } }],
  ['<a>t<![CDATA[<raw>]]></a>', { a: 't<raw>' }],
  ['<a><k>v</k ></a>', { a: { k: 'v' } }],
  ['<?xml version="1.0"?>\r\n<a><!-- c --><k>Bogotá</k></a>', { a: { k: 'Bogotá' } }],
];

describe('patched AWS SDK XML parser', () => {
  it('is installed (npm ci runs patch-package)', () => {
    const file = createRequire(import.meta.url).resolve('@aws-sdk/xml-builder');
    expect(readFileSync(file, 'utf8')).toContain('lakedeck patch');
  });

  it('parses as the SDK did', () => {
    for (const [xml, expected] of CASES) expect(parseXML(xml), xml).toEqual(expected);
  });

  it('rejects what the SDK rejected, with the same message', () => {
    expect(() => parseXML('<a><b>1</b></c></a>')).toThrow('@aws-sdk XML parse error: mismatched tags <a> and </c>.');
    expect(() => parseXML('<a>open')).toThrow('@aws-sdk XML parse error: missing closing tag </a>.');
  });

  it('reads a listing page with its 1000 keys', () => {
    let xml = '<ListBucketResult><Name>lake</Name><IsTruncated>true</IsTruncated>';
    for (let i = 0; i < 1000; i++) xml += `<Contents><Key>raw/k${i}.jsonl</Key><ETag>&#34;e${i}&#34;</ETag><Size>${i}</Size></Contents>`;
    xml += '<NextContinuationToken>t</NextContinuationToken></ListBucketResult>';
    const page = parseXML(xml) as { ListBucketResult: { Contents: { Key: string; ETag: string; Size: string }[]; NextContinuationToken: string } };
    expect(page.ListBucketResult.Contents).toHaveLength(1000);
    expect(page.ListBucketResult.Contents[999]).toEqual({ Key: 'raw/k999.jsonl', ETag: '"e999"', Size: '999' });
    expect(page.ListBucketResult.NextContinuationToken).toBe('t');
  });
});
