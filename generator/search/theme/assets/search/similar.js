// 党建品牌展示库 — similar words for a search that finds nothing: loaded by search.js only then,
// with search/words.json (generator/search/suggestions.py), so that other searches load neither.

function units(normalised, runs) {
  const bigrams = new Set();
  const chars = new Set();
  for (const [isHan, run] of runs(normalised)) {
    if (!isHan) { bigrams.add(run); continue; } // a Latin word or a number counts whole
    const cs = Array.from(run);
    for (const c of cs) chars.add(c);
    for (let i = 0; i + 1 < cs.length; i++) bigrams.add(cs[i] + cs[i + 1]);
  }
  return { bigrams, chars };
}

/** Up to `limit` of `words` most like `query`: most shared bigrams (then the closest in size,
    then most shared characters, then the list's order); words sharing only characters are
    offered only when none shares a bigram. `norm`: position → normalised word, where it differs. */
export function similarWords(query, words, norm, normalise, runs, limit) {
  const normalised = normalise(query);
  const q = units(normalised, runs);
  const plain = normalised.replace(/\s+/gu, "");
  const scored = [];
  words.forEach((word, i) => {
    const n = norm[String(i)] ?? word;
    if (n === plain) return;
    const w = units(n, runs);
    let shared = 0;
    for (const b of w.bigrams) if (q.bigrams.has(b)) shared++;
    let chars = 0;
    for (const c of w.chars) if (q.chars.has(c)) chars++;
    if (!shared && !chars) return;
    const union = q.bigrams.size + w.bigrams.size - shared;
    scored.push({ word, i, shared, chars, close: union ? shared / union : 0 });
  });
  scored.sort((a, b) => b.shared - a.shared || b.close - a.close || b.chars - a.chars || a.i - b.i);
  const best = scored.length && scored[0].shared ? scored.filter((s) => s.shared) : scored;
  return best.slice(0, limit).map((s) => s.word);
}
