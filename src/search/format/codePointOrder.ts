/**
 * Orders strings by code point, which is the order of their UTF-8 bytes: Rust's order for
 * strings, and so the order in which Pagefind sorts words, chunk bounds, filters and meta
 * fields, and compares a query's words with chunk bounds. JavaScript's `<` compares UTF-16
 * units, which puts characters above U+FFFF before U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) return codePointRank(x) - codePointRank(y);
    return x - y;
  }
  return a.length - b.length;
}

/** Surrogates (U+D800–U+DFFF, the halves of code points above U+FFFF) rank after U+FFFF. */
function codePointRank(unit: number): number {
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}
