// The search page, drawn over Pagefind's JS API (https://pagefind.app/docs/api/) through the
// package's query layer (src/search/query/), bundled in at build time: stop words dropped,
// synonyms from synonyms.yaml, typos corrected against the site's vocabulary, and pages holding
// most of the words when few hold them all. A first search loads Pagefind's script and wasm, the
// index's metadata, one index chunk per word and the fragments of the results shown, five at a
// time; the vocabulary only for a word the index does not hold; filters only when the reader
// opens them (or arrives with some set). /search/?q=term&f.topic=Sleep is a deep link: it runs
// on load, and the address follows the reader's typing and ticking.
// Everything shown comes from the site's data: it goes into the page as text, never as markup.
import { searchQuery, synonymTable } from 'answerpress/search-query';

const PAGE = 5;
const SUB_RESULTS = 3;
const DEBOUNCE_MS = 250;

const config = JSON.parse(document.getElementById('search-config')?.textContent ?? 'null');
const form = document.querySelector('form[data-search]');
if (config && form) start(config, form);

function start({ bundle, script, cacheTag, labels, vocabulary = {}, synonyms = [] }, form) {
  const input = form.elements.namedItem('q');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const more = document.getElementById('search-more');
  const pane = document.getElementById('search-filters');
  const correction = document.getElementById('search-correction');
  const lang = document.documentElement.lang || undefined;
  const language = lang || 'en';
  const table = synonymTable(synonyms, language);
  const plural = new Intl.PluralRules(lang);
  const selected = new Map();
  const valuesOf = (name) => selected.get(name) ?? selected.set(name, new Set()).get(name);
  let pagefind;
  let filterBoxes = null;
  let totalCounts;
  let results = [];
  let shown = 0;
  let sequence = 0;
  let lastCounts;
  const words = new Map();

  // Searching on the page's own thread spares a 12 KB worker script; one search takes milliseconds.
  // Pagefind's script comes by its content-hashed name, so no cache pairs an older one with this
  // build's index. A failed load (the connection dropped) is tried again by the next search.
  const engine = () =>
    (pagefind ??= import(`${bundle}${script || 'pagefind.js'}`)
      .then((module) => module.createInstance({ basePath: bundle, metaCacheTag: cacheTag || undefined, excerptLength: 24, noWorker: true }))
      .catch((error) => {
        pagefind = undefined;
        throw error;
      }));

  // The vocabulary file of one first letter, loaded once; a letter with none is an empty list.
  const vocabularyOf = (key) => {
    let entries = words.get(key);
    if (!entries) {
      const name = vocabulary[key];
      entries = name
        ? fetch(`${bundle}vocabulary/${name}`).then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
        : Promise.resolve([]);
      entries = entries.catch(() => {
        words.delete(key);
        return [];
      });
      words.set(key, entries);
    }
    return entries;
  };

  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  let verbatim = params.get('verbatim') === '1';
  const query = (instance, term, filters) => searchQuery(instance, term, { language, synonyms: table, filters, vocabulary: vocabularyOf, verbatim });
  for (const [key, value] of params) {
    if (key.startsWith('f.') && value) valuesOf(key.slice(2)).add(value);
  }

  pane.addEventListener('toggle', () => {
    if (pane.open) void loadFilters();
  });
  if (selected.size > 0) pane.open = true;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(0);
  });
  input.addEventListener('input', () => {
    verbatim = false;
    void run(DEBOUNCE_MS);
  });
  more.addEventListener('click', () => void showMore(sequence, true));
  // Arrow keys move between the box and the results' links; Enter follows a link as usual.
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown') return;
    const first = list.querySelector('a');
    if (!first) return;
    event.preventDefault();
    first.focus();
  });
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = [...list.querySelectorAll('a')];
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? links[at + 1] : links[at - 1];
    (next ?? (event.key === 'ArrowUp' ? input : links[at])).focus();
  });

  // Marks the form once the first results are on screen, or at once with nothing to search:
  // offline.js registers the service worker only then.
  const settle = () => {
    form.dataset.settled = '';
    form.dispatchEvent(new Event('answerpress:settled'));
  };
  if (input.value.trim() || selected.size > 0) void run(0).finally(settle);
  else settle();

  function filterOptions() {
    const filters = {};
    for (const [name, values] of selected) if (values.size > 0) filters[name] = [...values];
    return filters;
  }

  function keepAddress(term) {
    const url = new URL(location.href);
    for (const key of [...url.searchParams.keys()]) if (key === 'q' || key === 'verbatim' || key.startsWith('f.')) url.searchParams.delete(key);
    if (term) url.searchParams.set('q', term);
    if (term && verbatim) url.searchParams.set('verbatim', '1');
    for (const [name, values] of selected) for (const value of values) url.searchParams.append(`f.${name}`, value);
    history.replaceState(history.state, '', url);
  }

  async function run(delay) {
    const term = input.value.trim();
    const filters = filterOptions();
    const current = ++sequence;
    // Typing waits for a pause: a search superseded meanwhile ends here.
    if (delay > 0) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (current !== sequence) return;
    }
    keepAddress(term);
    if (!term && Object.keys(filters).length === 0) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = '';
      correction.replaceChildren();
      lastCounts = undefined;
      if (filterBoxes) showCounts(undefined);
      return;
    }
    let outcome;
    try {
      const instance = await engine();
      outcome = await query(instance, term, filters);
    } catch {
      if (current === sequence) status.textContent = labels.unavailable;
      return;
    }
    if (outcome === null || current !== sequence) return;
    results = outcome.results;
    shown = 0;
    await showMore(current, false);
    if (current !== sequence) return;
    const count = results.length.toLocaleString(lang);
    const shownTerm = outcome.corrections.length > 0 ? outcome.searched : term;
    status.textContent = !term
      ? labels.filtered.replace('{n}', count)
      : (results.length === 0 ? labels.noResultsFor : (labels.results[plural.select(results.length)] ?? labels.results.other)).replace('{n}', count).replace('{q}', shownTerm);
    showCorrection(term, outcome);
    lastCounts = outcome.filters;
    if (filterBoxes) showCounts(lastCounts);
  }

  // "Showing results for rhinoplasty · Search instead for rhinoplsty", and the words no page has.
  function showCorrection(term, outcome) {
    const parts = [];
    if (outcome.corrections.length > 0) {
      const searchedFor = element('span');
      fill(searchedFor, labels.showingFor, element('strong', '', outcome.searched));
      const instead = link(verbatimAddress(term), '');
      fill(instead, labels.insteadFor, element('em', '', term));
      instead.addEventListener('click', (event) => {
        event.preventDefault();
        verbatim = true;
        void run(0);
      });
      parts.push(searchedFor, ' · ', instead);
    }
    if (outcome.unknown.length > 0) {
      if (parts.length > 0) parts.push(' · ');
      parts.push(labels.notFound.replace('{words}', outcome.unknown.join(', ')));
    }
    correction.replaceChildren(...parts);
  }

  // The address of a search for the words as typed: the link works in a new tab too.
  function verbatimAddress(term) {
    const url = new URL(location.href);
    url.searchParams.set('q', term);
    url.searchParams.set('verbatim', '1');
    return url.href;
  }

  async function showMore(current, append) {
    const batch = results.slice(shown, shown + PAGE);
    let data;
    try {
      data = await Promise.all(batch.map(async ({ result, missing }) => ({ ...(await result.data()), missing })));
    } catch {
      if (current === sequence) status.textContent = labels.unavailable;
      return;
    }
    if (current !== sequence) return;
    const items = data.map(resultItem);
    if (append) list.append(...items);
    else list.replaceChildren(...items);
    shown += batch.length;
    more.hidden = shown >= results.length;
    // After "Show more", the first new result takes the focus, so a keyboard reader goes on from there.
    if (append) items[0]?.querySelector('a')?.focus();
  }

  function resultItem(data) {
    const item = element('li', 'search-result');
    const heading = element('h2', 'search-result-title');
    heading.append(link(data.url, data.meta?.title || data.url));
    item.append(heading);
    const facts = [data.meta?.answers, formatDate(data.meta?.date)].filter(Boolean);
    if (facts.length > 0) item.append(element('p', 'search-result-meta', facts.join(' · ')));
    if (data.missing.length > 0) {
      const missing = element('p', 'search-missing', `${labels.missing} `);
      data.missing.forEach((word, at) => missing.append(at > 0 ? ', ' : '', element('s', '', word)));
      item.append(missing);
    }
    const subs = (data.sub_results ?? []).filter((sub) => sub.url !== data.url).slice(0, SUB_RESULTS);
    if (subs.length === 0) {
      item.append(excerpt(data.excerpt));
    } else {
      const nested = element('ul', 'search-subresults');
      for (const sub of subs) {
        const entry = element('li');
        entry.append(link(sub.url, sub.title), excerpt(sub.excerpt));
        nested.append(entry);
      }
      item.append(nested);
    }
    return item;
  }

  function formatDate(iso) {
    if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  }

  async function loadFilters() {
    if (filterBoxes) return;
    filterBoxes = new Map();
    let totals;
    try {
      totals = await (await engine()).filters();
    } catch {
      filterBoxes = null;
      status.textContent = labels.unavailable;
      return;
    }
    const order = Object.keys(labels.filters);
    const names = Object.keys(totals).sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b, lang));
    for (const name of names) {
      const group = element('fieldset', 'filter-group');
      group.append(element('legend', '', labels.filters[name] ?? name));
      const values = Object.keys(totals[name]).sort((a, b) => a.localeCompare(b, lang));
      for (const value of values) {
        const label = element('label', 'filter-option');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.value = value;
        box.checked = selected.get(name)?.has(value) ?? false;
        box.addEventListener('change', () => {
          const set = valuesOf(name);
          if (box.checked) set.add(value);
          else set.delete(value);
          if (set.size === 0) selected.delete(name);
          void run(0);
        });
        const count = element('span', 'filter-count');
        // The count is tied to the value's last word, so the two never wrap apart.
        const text = element('span', 'filter-text', `${labels.values?.[name]?.[value] ?? value}\u00a0`);
        text.append(count);
        label.append(box, text);
        group.append(label);
        filterBoxes.set(`${name}\u0000${value}`, count);
      }
      pane.append(group);
    }
    totalCounts = totals;
    showCounts(lastCounts);
    // Pagefind counts a search's results by filter only once the filters are loaded: with a
    // search on screen, it runs again (its index chunks are loaded) for the counts.
    const term = input.value.trim();
    if (term || selected.size > 0) {
      const current = sequence;
      const outcome = await engine()
        .then((instance) => query(instance, term, filterOptions()))
        .catch(() => null);
      if (outcome && current === sequence) {
        lastCounts = outcome.filters;
        showCounts(lastCounts);
      }
    }
  }

  // Counts for the current search, else the totals. A value no result has goes last, unless ticked.
  function showCounts(counts) {
    const shownCounts = counts ?? totalCounts;
    const groups = new Set();
    for (const [key, span] of filterBoxes) {
      const [name, value] = key.split('\u0000');
      const count = shownCounts?.[name]?.[value] ?? 0;
      span.textContent = `(${count.toLocaleString(lang)})`;
      const option = span.closest('.filter-option');
      option.dataset.empty = count === 0 && !option.querySelector('input').checked ? 'true' : 'false';
      groups.add(option.parentElement);
    }
    for (const group of groups) {
      const options = [...group.querySelectorAll('.filter-option')];
      const ordered = [...options.filter((o) => o.dataset.empty === 'false'), ...options.filter((o) => o.dataset.empty === 'true')];
      if (ordered.some((option, at) => option !== options[at])) group.append(...ordered);
    }
  }
}

function rank(order, name) {
  const at = order.indexOf(name);
  return at < 0 ? order.length : at;
}

function element(name, className = '', text = '') {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// A label such as "Showing results for {q}" with `{q}` as the node given.
function fill(parent, template, node) {
  const [before, after = ''] = template.split('{q}');
  parent.append(before, node, after);
}

function link(href, text) {
  const node = element('a', '', text);
  node.href = href;
  return node;
}

// Pagefind's excerpts are the page's text with < and > escaped and the matches in <mark>: they
// are split on the marks and put in as text, so nothing in them can become markup.
function excerpt(html = '') {
  const paragraph = element('p', 'search-excerpt');
  html.split(/(<mark>|<\/mark>)/).reduce((inMark, part) => {
    if (part === '<mark>') return true;
    if (part === '</mark>') return false;
    if (!part) return inMark;
    const text = part.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    paragraph.append(inMark ? element('mark', '', text) : text);
    return inMark;
  }, false);
  return paragraph;
}
