// 党建品牌展示库 — the query's tokens, made as generator/search/tokens.py makes them (its
// docstring has the design). The constants (Han ranges, code blocks, hiding offsets) come
// from that module through the page's config ("tokens"), so only the steps are written twice;
// a browser test compares the two on random text.

/** The tokeniser for the constants Python sends (generator/search/tokens.py: browser_constants). */
export function makeTokens(c) {
  const han = c.han;
  const runsPattern = new RegExp(`([${han}]+)|((?:(?![${han}])[\\p{L}\\p{N}])+)`, "gu");
  const folded = c.blocks.reduce((n, [a, b]) => n + b - a + 1, 0);
  const [puaA, puaB] = c.hidden;

  /** A Han character's 3-digit code (han_number). */
  function hanCode(ch) {
    const cp = ch.codePointAt(0);
    let offset = 0;
    let n = null;
    for (const [first, last] of c.blocks) {
      if (cp >= first && cp <= last) { n = offset + cp - first; break; }
      offset += last - first + 1;
    }
    if (n === null) n = folded + (cp % (c.codeSpace - folded));
    return c.digits[Math.floor(n / 1296)] + c.digits[Math.floor(n / 36) % 36] + c.digits[n % 36];
  }

  /** (isHan, run) for each run of already-normalised text. */
  function runs(normalised) {
    const out = [];
    for (const m of normalised.matchAll(runsPattern)) out.push(m[1] ? [true, m[1]] : [false, m[2]]);
    return out;
  }

  /** The tokens a query is searched as (query_tokens). */
  function queryTokens(text, normalise) {
    const tokens = [];
    for (const [isHan, run] of runs(normalise(text))) {
      if (isHan) {
        const codes = Array.from(run, hanCode);
        if (codes.length === 1) tokens.push(codes[0]);
        for (let i = 0; i + 1 < codes.length; i++) tokens.push(codes[i] + codes[i + 1]);
      } else {
        tokens.push(c.word + run);
      }
    }
    return [...new Set(tokens)];
  }

  /** Original text stored out of the index (hide), back to text (unhide). */
  function unhide(hidden) {
    let out = "";
    const cps = Array.from(hidden, (ch) => ch.codePointAt(0));
    for (let i = 0; i < cps.length; i++) {
      const n = cps[i];
      if (n >= puaB) out += String.fromCodePoint(n - puaB);
      else if (n >= puaA && n < puaA + 0x400 && i + 1 < cps.length) {
        out += String.fromCodePoint(0x10000 + ((n - puaA) << 10) + (cps[++i] - puaA - 0x400));
      }
    }
    return out;
  }

  /** The original text in a result's stored content: its words of hidden characters, joined. */
  function hiddenText(content) {
    return unhide((content || "").split(/\s+/).filter((w) => w.codePointAt(0) >= puaA).join(""));
  }

  return { hanCode, runs, queryTokens, unhide, hiddenText };
}

/** normalise and normalise_char for a traditional → simplified map ({from, to}; {} for none). */
export function makeNormaliser(t2s) {
  const map = new Map();
  const from = Array.from(t2s.from || "");
  const to = Array.from(t2s.to || "");
  from.forEach((ch, i) => map.set(ch, to[i]));
  const mapChars = (s) => Array.from(s, (ch) => map.get(ch) || ch).join("");
  return {
    /** NFKC, lower case, traditional → simplified. */
    normalise: (text) => mapChars(text.normalize("NFKC").toLowerCase()),
    /** One character (code point) as normalise maps it, kept to one code point. */
    normChar(ch) {
      let folded = ch.normalize("NFKC").toLowerCase();
      if (Array.from(folded).length !== 1) {
        const lower = ch.toLowerCase();
        folded = Array.from(lower).length === 1 ? lower : ch;
      }
      return map.get(folded) || folded;
    },
  };
}

/** Whether the map changes a character of `text`, from the bitset of the search data
    (generator/search/pagefind.py: search_data), so the map is fetched only when needed. */
export function mapChanges(index, text) {
  if (!index.bytes) index.bytes = Uint8Array.from(atob(index.bits), (ch) => ch.charCodeAt(0));
  for (const ch of text.normalize("NFKC").toLowerCase()) {
    const n = ch.codePointAt(0) - index.first;
    if (n >= 0 && n < index.bytes.length * 8 ? (index.bytes[n >> 3] >> (n & 7)) & 1 : index.other.includes(ch)) {
      return true;
    }
  }
  return false;
}
