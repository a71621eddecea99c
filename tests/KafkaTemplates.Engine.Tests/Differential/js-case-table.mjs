// Prints, as JSON, how node's String.prototype.toLowerCase and toUpperCase treat every code point (surrogates
// excluded), each only where it changes the text, and toLowerCase of capital sigma next to every cased or
// case-ignorable code point, which decides whether it is a final sigma.
const map = {};
const contextual = [];
const cased = /^\p{Cased}$/u;
const ignorable = /^\p{Case_Ignorable}$/u;
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const s = String.fromCodePoint(cp);
  const lower = s.toLowerCase();
  const upper = s.toUpperCase();
  if (lower !== s || upper !== s) map[cp] = [lower, upper];
  if (cased.test(s) || ignorable.test(s) || cp % 97 === 0) {
    for (const text of [s + '\u03a3', '\u03a3' + s, 'A' + s + '\u03a3', 'A\u03a3' + s + 'b', 'A\u03a3' + s, s + '\u03a3\u0301 ' + s]) {
      contextual.push([text, text.toLowerCase()]);
    }
  }
}
process.stdout.write(JSON.stringify({ unicode: process.versions.unicode, map, contextual }));
