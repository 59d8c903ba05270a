// 党建品牌展示库 — the /search/ page (design in docs/search.md).
//
// The index holds tokens, not Chinese words (generator/search/tokens.py): the query is
// normalised and tokenised (tokens.js) exactly as the records were at build time, then handed
// to Pagefind's JS API. Snippets are built here from each record's original text.
// Everything is fetched from this site: pagefind/ (the index) and assets/search/.

import { makeNormaliser, makeTokens, mapChanges } from "./tokens.js";

/** JSON from a file that may be gzip-compressed (unless the server already decoded it). */
async function readJson(response) {
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  let bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Words naming the index chunks that hold extensions of each token beyond the chunk Pagefind
    picks for the token itself (generator/search/bundle.py: _probe_words): the chunks whose first
    word starts with the token. */
export function chunkProbes(chunks, tokens) {
  return [...new Set(tokens.flatMap((token) => chunks.filter((first) => first.startsWith(token))))];
}

// ---------------------------------------------------------------------------------------
// Highlighting: find the query's pieces in a text, aligned character by character.

/** The strings to mark for a query: each Han run and its bigrams, lone characters, words. */
export function needles(query, normalise, runs) {
  const found = new Set();
  for (const [isHan, run] of runs(normalise(query))) {
    const chars = Array.from(run);
    found.add(run);
    if (isHan) for (let i = 0; i + 1 < chars.length; i++) found.add(chars[i] + chars[i + 1]);
  }
  return [...found].map((s) => Array.from(s)).sort((a, b) => b.length - a.length);
}

/** The positions in `needleList` of the query's whole runs (a word or a Han run, not a bigram). */
export function wholeNeedles(query, normalise, runs, needleList) {
  const whole = new Set(runs(normalise(query)).map(([, run]) => run));
  const ids = new Set();
  needleList.forEach((needle, id) => { if (whole.has(needle.join(""))) ids.add(id); });
  return ids;
}

/** For each character of `chars` (code points), the index of the needle covering it, or -1. */
export function markPositions(chars, norm, needleList) {
  const marks = new Array(chars.length).fill(-1);
  needleList.forEach((needle, id) => {
    const n = needle.length;
    outer: for (let i = 0; i + n <= norm.length; i++) {
      for (let j = 0; j < n; j++) if (norm[i + j] !== needle[j]) continue outer;
      let free = false;
      for (let j = 0; j < n; j++) if (marks[i + j] === -1) free = true;
      if (!free) continue;
      for (let j = 0; j < n; j++) if (marks[i + j] === -1) marks[i + j] = id;
    }
  });
  return marks;
}

function highlighted(chars, marks, start, end) {
  const frag = document.createDocumentFragment();
  let i = start;
  while (i < end) {
    const marked = marks[i] !== -1;
    let j = i;
    while (j < end && (marks[j] !== -1) === marked) j++;
    const text = chars.slice(i, j).join("").replace(/\s+/g, " ");
    if (marked) {
      const mark = document.createElement("mark");
      mark.textContent = text;
      frag.append(mark);
    } else {
      frag.append(text);
    }
    i = j;
  }
  return frag;
}

const BREAK = /[\n。！？；：，、,.;:!?）)」』”]/u;

/** A window of about `width` characters around the best cluster of matches (null: none): the
    most whole words of the query (`whole`: their needle ids), then the most distinct pieces.
    It starts at a clause boundary shortly before the first match when there is one. */
export function bestWindow(chars, marks, width, whole = new Set()) {
  let best = null;
  for (let s = 0; s < marks.length; s++) {
    if (marks[s] === -1 || (s > 0 && marks[s - 1] === marks[s])) continue;
    let lineStart = s;
    while (lineStart > 0 && chars[lineStart - 1] !== "\n") lineStart--;
    let start = Math.max(0, s - Math.floor(width / 4));
    if (s - lineStart <= width / 3) start = lineStart; // the paragraph's start fits
    else for (let k = s - 1; k >= start; k--) if (BREAK.test(chars[k])) { start = k + 1; break; }
    while (start < s && /\s/u.test(chars[start])) start++;
    const end = Math.min(marks.length, start + width);
    const ids = new Set();
    let covered = 0;
    for (let k = start; k < end; k++) if (marks[k] !== -1) { ids.add(marks[k]); covered++; }
    const wholeIds = [...ids].filter((id) => whole.has(id)).length;
    const score = wholeIds * 1e6 + ids.size * 1000 + covered;
    if (!best || score > best.score) best = { start, end, score };
  }
  return best;
}

// ---------------------------------------------------------------------------------------
// The page.

const ROOT = new URL("../../", import.meta.url); // assets/search/search.js → site root
// Pages are numbered newest first (generator/search/bundle.py: in_page_order) and a result's
// id is its page's fragment name, <bundle>/<page number, digits reversed>: sorting by date is
// sorting by that number, ascending for "new".
const SORTS = { new: 1, old: -1 };
const pageNumber = (result) => parseInt([...result.id.split("/").pop()].reverse().join(""), 10);
const SNIPPET_WIDTH = 110;
const FACET_SHOWN = 8;
const SIMILAR_SHOWN = 6;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("data-") || k === "href" || k === "type" || k === "value" || k === "hidden"
             || k === "src" || k === "alt" || k === "loading" || k === "aria-label" || k === "role") {
      node.setAttribute(k, v === true ? "" : v);
    } else node[k] = v;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

class SearchPage {
  constructor(root) {
    this.root = root;
    this.config = JSON.parse(root.querySelector(".sc-search__config").textContent);
    this.tokens = makeTokens(this.config.tokens);
    this.facetNames = Object.keys(this.config.facets);
    this.kindCodes = Object.fromEntries(Object.entries(this.config.kinds).map(([code, label]) => [label, code]));
    this.form = root.querySelector(".sc-search__form");
    this.input = root.querySelector(".sc-search__input");
    this.sortSelect = root.querySelector('select[name="sort"]');
    this.status = root.querySelector(".sc-search__status");
    this.chips = root.querySelector(".sc-search__chips");
    this.facetsBox = root.querySelector(".sc-search__facets");
    this.list = root.querySelector(".sc-search__results");
    this.more = root.querySelector(".sc-search__more");
    this.filtersButton = root.querySelector(".sc-search__filters-button");
    this.filtersButton.addEventListener("click", () => {  // shown on narrow screens only (search.css)
      const open = this.root.classList.toggle("sc-search--filters-open");
      this.filtersButton.setAttribute("aria-expanded", String(open));
    });
    this.seq = 0;
    this.expanded = new Set();
    this.state = this.fromUrl(location.search);
  }

  // -- address ⇄ state ------------------------------------------------------------------
  fromUrl(search) {
    const params = new URLSearchParams(search);
    const state = { q: params.get("q") || "", sort: params.get("sort") || "", filters: {} };
    if (!SORTS[state.sort]) state.sort = "";
    for (const name of this.facetNames) {
      let values = params.getAll(name).filter((v) => v !== "");
      if (name === "kind") values = values.map((v) => this.config.kinds[v] || v);
      state.filters[name] = [...new Set(values)];
    }
    return state;
  }

  toUrl(state) {
    const params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q.trim());
    for (const name of this.facetNames) {
      for (const value of state.filters[name]) params.append(name, name === "kind" ? (this.kindCodes[value] || value) : value);
    }
    if (state.sort) params.set("sort", state.sort);
    const query = params.toString();
    return location.pathname + (query ? `?${query}` : "");
  }

  commit(push) {
    const url = this.toUrl(this.state);
    if (url !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
    this.run();
  }

  // -- start ---------------------------------------------------------------------------------
  async start() {
    this.showState();
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(this.typing);
      this.state.q = this.input.value;
      this.commit(true);
    });
    this.input.addEventListener("input", () => {
      clearTimeout(this.typing);
      this.typing = setTimeout(() => { this.state.q = this.input.value; this.commit(false); }, 300);
    });
    this.sortSelect.addEventListener("change", () => { this.state.sort = this.sortSelect.value; this.commit(true); });
    this.more.addEventListener("click", () => this.showMore());
    window.addEventListener("popstate", () => {
      this.state = this.fromUrl(location.search);
      this.showState();
      this.run();
    });
    if (location.protocol === "file:") {
      this.fail("从本地文件打开时无法搜索：请通过网站地址（http://…）访问本页。");
      return;
    }
    try {
      const [pagefind, data] = await Promise.all([
        import(new URL("pagefind/pagefind.js", ROOT).href),
        fetch(new URL("pagefind/showcase-search.json.gz", ROOT)).then(readJson),
      ]);
      this.t2sIndex = data.t2s;
      this.norm = makeNormaliser({});
      this.chunks = data.chunks || [];
      this.stops = new Set(data.stops || []);
      this.stopFilter = data.stopFilter || ["~", "1"];
      this.pagefind = pagefind;
      await pagefind.options({ basePath: new URL("pagefind/", ROOT).pathname, baseUrl: ROOT.pathname,
        noWorker: true, ranking: this.config.ranking || {} });
    } catch (error) {
      console.warn("search index unavailable", error);
      this.fail("搜索索引不可用：本网站构建时没有生成搜索索引（设置了 search: false 或 SHOWCASE_SEARCH=0），请重新运行 mkdocs build。");
      return;
    }
    this.run();
  }

  /** Load the traditional → simplified map if `text` has a character it changes. */
  async ensureMap(text) {
    if (this.mapLoading || !this.t2sIndex || !mapChanges(this.t2sIndex, text)) return this.mapLoading;
    this.mapLoading = fetch(new URL("pagefind/showcase-t2s.json.gz", ROOT)).then(readJson)
      .then((t2s) => { this.norm = makeNormaliser(t2s); });
    return this.mapLoading;
  }

  fail(message) {
    this.status.textContent = message;
    this.root.dataset.status = "error";
  }

  showState() {
    this.input.value = this.state.q;
    this.sortSelect.value = this.state.sort;
  }

  // -- searching --------------------------------------------------------------------------
  pagefindFilters() {
    const filters = {};
    for (const name of this.facetNames) if (this.state.filters[name].length) filters[name] = [...this.state.filters[name]];
    return filters;
  }

  async run() {
    if (!this.pagefind) return;
    const seq = ++this.seq;
    this.root.dataset.status = "searching";
    const state = this.state;
    const query = state.q.trim();
    await this.ensureMap(query);
    if (seq !== this.seq) return;
    const tokens = query ? this.tokens.queryTokens(query, this.norm.normalise) : [];
    const filters = this.pagefindFilters();
    const filtered = Object.keys(filters).length > 0;
    let sort = SORTS[state.sort] || 0;
    if (!query && !sort) sort = SORTS.new; // browsing: newest first
    const search = async () => {
      if (query && !tokens.length) return { results: [], filters: {} }; // only punctuation
      // A stop token (on nearly every page) is searched by the filter of the pages that lack
      // it (generator/search/stops.py), the other tokens as words: none left, every page.
      const words = tokens.filter((t) => !this.stops.has(t));
      const [prefix, value] = this.stopFilter;
      const all = { ...filters };
      for (const t of tokens) if (this.stops.has(t)) all[prefix + t] = { none: [value] };
      const probes = chunkProbes(this.chunks, words);
      if (probes.length) await this.pagefind.preload(probes.join(" "));
      const response = await this.pagefind.search(words.length ? words.join(" ") : null, { filters: all });
      const order = sort || (words.length ? 0 : SORTS.new); // stop tokens only: no relevance, newest first
      if (order) response.results.sort((a, b) => order * (pageNumber(a) - pageNumber(b)));
      return response;
    };
    let response = await search();
    if (seq !== this.seq) return; // a newer search has started
    this.results = response.results;
    this.shown = 0;
    const synonyms = query ? this.synonymsOf(query) : [];
    const searched = [query, ...synonyms].join(" ");
    this.needles = query ? needles(searched, this.norm.normalise, this.tokens.runs) : [];
    this.whole = wholeNeedles(searched, this.norm.normalise, this.tokens.runs, this.needles);
    this.renderChips();
    this.list.replaceChildren();
    const count = this.results.length;
    if (query) {
      this.status.textContent = count ? `找到 ${count} 条与“${query}”相关的记录` : `没有找到与“${query}”相关的记录`;
      if (synonyms.length) this.status.textContent += `（同时查找了同义词：${synonyms.join("、")}）`;
    } else {
      this.status.textContent = filtered ? `符合条件的记录共 ${count} 条` : `共 ${count} 条记录，输入关键词开始搜索`;
    }
    await this.renderSuggestions(count ? null : { query, filtered }, seq);
    if (seq !== this.seq) return;
    await this.showMore(seq);
    if (seq !== this.seq) return;
    this.root.dataset.count = String(count);
    if (!this.filtersLoaded) {
      // Facet counts need every filter file: fetched once, after the first results are shown.
      this.root.dataset.status = "results";
      this.facetsBox.replaceChildren(el("p", { class: "sc-muted", text: "正在加载筛选条件…" }));
      await this.pagefind.filters();
      this.filtersLoaded = true;
      if (seq !== this.seq) return;
      response = await search(); // again, now with the counts
      if (seq !== this.seq) return;
    }
    this.renderFacets(response.filters || {});
    this.root.dataset.seq = String(seq);
    this.root.dataset.status = "done";
  }

  async showMore(seq = this.seq) {
    const slice = this.results.slice(this.shown, this.shown + this.config.pageSize);
    this.shown += slice.length;
    const data = await Promise.all(slice.map((r) => r.data()));
    if (seq !== this.seq) return;
    await this.ensureMap(data.map((d) => Object.values(d.meta || {}).map(this.tokens.unhide).join("") + this.tokens.hiddenText(d.content)).join(""));
    if (seq !== this.seq) return;
    for (const item of data) this.list.append(this.renderResult(item));
    this.more.hidden = this.shown >= this.results.length;
  }

  /** The configured synonyms of the words in `query` (the index holds them: docs/search.md). */
  synonymsOf(query) {
    const norm = this.norm.normalise(query);
    const found = [];
    for (const group of this.config.synonyms || []) {
      if (!group.some((word) => norm.includes(this.norm.normalise(word)))) continue;
      for (const word of group) if (!norm.includes(this.norm.normalise(word)) && !found.includes(word)) found.push(word);
    }
    return found;
  }

  /** Words like `query` from search/words.json, fetched the first time a search finds nothing. */
  async similarTo(query) {
    if (!query) return [];
    // Loaded only now, so that a search that finds something costs nothing more (docs/search.md).
    this.wordsLoading ||= Promise.all([
      import(new URL("similar.js", import.meta.url).href),
      fetch(new URL("search/words.json", ROOT)).then(readJson),
    ]).catch((error) => { console.warn("similar words unavailable", error); return null; });
    const loaded = await this.wordsLoading;
    if (!loaded) return [];
    const [{ similarWords }, { words, norm }] = loaded;
    return similarWords(query, words, norm, this.norm.normalise, this.tokens.runs, SIMILAR_SHOWN);
  }

  /** A link that searches `word` (keeping the filters and the sort). */
  searchLink(word, attrs = {}) {
    const state = { q: word, sort: this.state.sort, filters: this.state.filters };
    const link = el("a", { class: "sc-search__chip", href: this.toUrl(state), text: word, ...attrs });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      this.state.q = word;
      this.showState();
      this.commit(true);
    });
    return link;
  }

  /** Under an empty result: what to try instead (without the filters, each word alone, synonyms,
      similar words). */
  async renderSuggestions(empty, seq) {
    if (!this.suggest) {
      this.suggest = el("div", { class: "sc-search__suggest", role: "note" });
      this.chips.before(this.suggest);
    }
    this.suggest.replaceChildren();
    this.suggest.hidden = !empty;
    if (!empty) return;
    const tries = [];
    if (empty.filtered) {
      const clear = el("button", { type: "button", class: "sc-search__chip", text: "去掉所有筛选条件再搜" });
      clear.addEventListener("click", () => {
        for (const name of this.facetNames) this.state.filters[name] = [];
        this.commit(true);
      });
      tries.push(clear);
    }
    const words = empty.query.split(/\s+/).filter(Boolean);
    const others = [...new Set([...(words.length > 1 ? words : []), ...this.synonymsOf(empty.query)])];
    tries.push(...others.map((word) => this.searchLink(word)));
    const similar = (await this.similarTo(empty.query)).filter((word) => !others.includes(word));
    if (seq !== this.seq) return;
    if (tries.length) this.suggest.append(el("p", { class: "sc-muted", text: "可以试试：" }), ...tries);
    if (similar.length) {
      this.suggest.append(el("p", { class: "sc-muted", text: "相近的词：" }),
        ...similar.map((word) => this.searchLink(word, { "data-similar": true })));
    }
    if (!tries.length && !similar.length) {
      this.suggest.append(el("p", { class: "sc-muted", text: "换一个词试试：用更短的词（如“防汛”而不是“防汛抗洪工作”），或检查错别字。" }));
    }
  }

  // -- rendering -------------------------------------------------------------------------------
  renderResult(data) {
    const meta = Object.fromEntries(Object.entries(data.meta || {}).map(([k, v]) => [k, this.tokens.unhide(v)]));
    const kind = meta.kind || "";
    const orgs = ((data.filters || {}).org || []).join("、");
    const title = meta.title || data.url;
    const titleChars = Array.from(title);
    const titleMarks = markPositions(titleChars, titleChars.map((c) => this.norm.normChar(c)), this.needles);
    const link = el("a", { class: "sc-search__title", href: data.url },
      highlighted(titleChars, titleMarks, 0, titleChars.length));
    const info = el("div", { class: "sc-search__info" },
      el("span", { class: `sc-badge sc-kind sc-kind--${kind}`, text: this.config.kinds[kind] || kind }),
      meta.date ? el("span", { class: "sc-search__date", text: meta.date }) : null,
      orgs ? el("span", { class: "sc-search__org", text: orgs }) : null);
    const item = el("li", { class: "sc-search__result", "data-url": data.url }, info, el("h3", {}, link),
      this.snippet(this.tokens.hiddenText(data.content), meta.summary || ""));
    if (meta.image) {
      item.classList.add("sc-search__result--image");
      item.prepend(el("img", { class: "sc-search__thumb", src: new URL(meta.image, ROOT).pathname, alt: "", loading: "lazy" }));
    }
    return item;
  }

  /** Body text around the best match when the body holds a whole word of the query (or a
      synonym); otherwise the summary line, its matching pieces marked — never field lines. */
  snippet(text, summary) {
    const p = el("p", { class: "sc-search__snippet" });
    const marked = (source) => {
      const chars = Array.from(source);
      return [chars, markPositions(chars, chars.map((c) => this.norm.normChar(c)), this.needles)];
    };
    if (this.needles.length) {
      const [chars, marks] = marked(text);
      const win = marks.some((id) => this.whole.has(id)) && bestWindow(chars, marks, SNIPPET_WIDTH, this.whole);
      if (win) {
        if (win.start > 0) p.append("…");
        p.append(highlighted(chars, marks, win.start, win.end));
        if (win.end < chars.length) p.append("…");
        return p;
      }
    }
    const [chars, marks] = marked(summary || text.split("\n")[0] || "");
    const end = Math.min(chars.length, SNIPPET_WIDTH);
    p.append(highlighted(chars, marks, 0, end));
    if (end < chars.length) p.append("…");
    return p;
  }

  renderChips() {
    this.chips.replaceChildren();
    for (const name of this.facetNames) {
      for (const value of this.state.filters[name]) {
        const button = el("button", { type: "button", class: "sc-search__chip", "data-facet": name, value,
          "aria-label": `移除条件：${this.config.facets[name]} ${value}` },
        `${this.config.facets[name]}：${value} ×`);
        button.addEventListener("click", () => this.toggle(name, value, false));
        this.chips.append(button);
      }
    }
    if (this.chips.childElementCount > 1) {
      const clear = el("button", { type: "button", class: "sc-search__chip sc-search__chip--clear", text: "清除全部条件" });
      clear.addEventListener("click", () => {
        for (const name of this.facetNames) this.state.filters[name] = [];
        this.commit(true);
      });
      this.chips.append(clear);
    }
  }

  toggle(name, value, on) {
    const values = this.state.filters[name].filter((v) => v !== value);
    if (on) values.push(value);
    this.state.filters[name] = values;
    this.commit(true);
  }

  facetOrder(name, entries) {
    if (name === "kind") {
      const order = Object.values(this.config.kinds);
      return entries.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
    }
    if (name === "honor") {
      const order = this.config.honorLevels || [];
      return entries.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
    }
    if (name === "year") return entries.sort((a, b) => b[0].localeCompare(a[0]));
    return entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh"));
  }

  renderFacets(counts) {
    this.facetsBox.replaceChildren();
    for (const name of this.facetNames) {
      const selected = this.state.filters[name];
      const entries = Object.entries((counts && counts[name]) || {}).filter(([v, n]) => n > 0 || selected.includes(v));
      for (const value of selected) if (!entries.some(([v]) => v === value)) entries.push([value, 0]);
      if (!entries.length) continue;
      this.facetOrder(name, entries);
      const list = el("ul", { class: "sc-search__values" });
      const expanded = this.expanded.has(name);
      entries.forEach(([value, count], i) => {
        const checked = selected.includes(value);
        const box = el("input", { type: "checkbox", value, "data-facet": name, "data-count": String(count) });
        box.checked = checked;
        box.addEventListener("change", () => this.toggle(name, value, box.checked));
        const hidden = !expanded && i >= FACET_SHOWN && !checked;
        list.append(el("li", { hidden }, el("label", {}, box, el("span", { class: "sc-search__value", text: value }),
          el("span", { class: "sc-count", text: String(count) }))));
      });
      const set = el("fieldset", { class: "sc-search__facet", "data-facet": name },
        el("legend", { text: this.config.facets[name] }), list);
      if (entries.length > FACET_SHOWN) {
        const toggle = el("button", { type: "button", class: "sc-search__toggle",
          text: expanded ? "收起" : `更多（${entries.length}）` });
        toggle.addEventListener("click", () => {
          if (this.expanded.has(name)) this.expanded.delete(name); else this.expanded.add(name);
          this.renderFacets(counts);
        });
        set.append(toggle);
      }
      this.facetsBox.append(set);
    }
  }
}

const host = typeof document !== "undefined" && document.querySelector("[data-sc-search]");
if (host) {
  const page = new SearchPage(host);
  window.scSearch = page; // for debugging and the browser tests
  page.start();
}
