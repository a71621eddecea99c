// Renders a batch of templates the way Backstage's fetch:template does (scaffolder-backend 4.3.0): nunjitsu's
// renderer with regex execution allowed, no trimBlocks/lstripBlocks, the input values under `values`.
// Reads [{ "template": "<hex>", "values": {...} }, ...] as JSON on stdin and writes one JSON array of
// { "ok": true, "output": "<hex>" } or { "ok": false, "error": "<hex>" } on stdout. Strings travel as hex UTF-16 code
// units because rendered text may hold lone surrogates (reversing or slicing an emoji), which JSON readers refuse.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [, , nunjitsuEntry] = process.argv;
const { createTemplateRenderer } = await import(pathToFileURL(nunjitsuEntry).href);
const renderer = createTemplateRenderer({ allowRegexExecution: true, trimBlocks: false, lstripBlocks: false });
const fromHex = (hex) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
const toHex = (text) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i).toString(16).padStart(4, '0')).join('');
const cases = JSON.parse(readFileSync(0, 'utf8'));
const results = cases.map(({ template, values }) => {
  try {
    return { ok: true, output: toHex(renderer.render(fromHex(template), renderer.prepareContext({ values }))) };
  } catch (error) {
    return { ok: false, error: toHex(String(error?.message ?? error)) };
  }
});
process.stdout.write(JSON.stringify(results));
