// The search page: state in the URL, every call to the JSON API, everything from the index
// written as text (textContent, never innerHTML), so a title holding <script> stays text.
'use strict';

const FILTERS = ['venue', 'year', 'category', 'author'];
const LIMIT = 10;
const FACET_SHOWN = 15;
const DEBOUNCE_MS = 200;

let state = readState(location.search);
let latest = 0;          // the newest request: an older answer arriving late is dropped
let typingSession = false;  // the first keystroke of a search adds a history entry, the rest replace it
let debounceTimer = null;

const $ = (id) => document.getElementById(id);

function readState(search) {
  const params = new URLSearchParams(search);
  const next = {
    q: params.get('q') || '',
    sort: params.get('sort') || 'relevance',
    offset: Math.max(0, parseInt(params.get('offset') || '0', 10) || 0),
    related: params.get('related') || '',
    paper: params.get('paper') || '',
  };
  for (const name of FILTERS) next[name] = params.getAll(name);
  return next;
}

// The state as URL parameters: the page's own (related, paper) only for the page's URL.
function stateParams(s, forApi) {
  const params = new URLSearchParams();
  if (s.q && !s.related) params.set('q', s.q);
  for (const name of FILTERS) for (const value of s[name]) params.append(name, value);
  if (s.sort !== 'relevance') params.set('sort', s.sort);
  if (s.offset) params.set('offset', String(s.offset));
  if (forApi) {
    params.set('limit', String(LIMIT));
  } else {
    if (s.related) params.set('related', s.related);
    if (s.paper) params.set('paper', s.paper);
  }
  return params;
}

function go(next, push) {
  if (push) typingSession = false;
  state = next;
  const query = stateParams(state, false).toString();
  const url = '/' + (query ? '?' + query : '');
  if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  syncControls();
  render();
}

function fresh(changes) {
  return Object.assign({}, state, { offset: 0, related: '', paper: '' }, changes);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  if (response.headers.get('Content-Type').startsWith('application/json')) {
    const body = JSON.parse(text);
    if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
    return body;
  }
  if (!response.ok) throw new Error('HTTP ' + response.status);
  return text;
}

// A link only to the web (http, https): a stored "javascript:" URL never becomes one.
function webLink(hit) {
  if (hit.doi) return /^https?:\/\//i.test(hit.doi) ? hit.doi : 'https://doi.org/' + hit.doi;
  if (hit.url && /^https?:\/\//i.test(hit.url)) return hit.url;
  return '';
}

function paperHref(id) {
  return '/?paper=' + encodeURIComponent(id);
}

// The query's words, for marking them in snippets.
function queryWords(q) {
  return q.split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !['AND', 'OR', 'NOT', 'NEAR'].includes(w))
    .map((w) => w.toLowerCase().slice(0, Math.max(4, w.length - 2)));
}

// `text` as text nodes, each word beginning with a query word in a <mark>.
function highlighted(text, words) {
  const fragment = document.createDocumentFragment();
  if (!words.length) {
    fragment.append(text);
    return fragment;
  }
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp('(?<![\\p{L}\\p{N}])((?:' + escaped.join('|') + ')[\\p{L}\\p{N}]*)', 'giu');
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    fragment.append(text.slice(last, match.index));
    fragment.append(el('mark', '', match[0]));
    last = match.index + match[0].length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

function venueYear(hit) {
  const year = hit.year ? "'" + String(hit.year % 100).padStart(2, '0') : '';
  return (hit.venue || '') + year;
}

function authorsLine(authors) {
  if (!authors || !authors.length) return '';
  return authors.length > 6 ? authors.slice(0, 6).join(', ') + ' et al.' : authors.join(', ');
}

function actionButtons(id, bibtexTarget) {
  const actions = el('div', 'actions');
  const related = el('button', 'related', 'Related work');
  related.type = 'button';
  related.addEventListener('click', () => go(fresh({ related: id, q: state.q }), true));
  const bibtex = el('button', 'bibtex', 'BibTeX');
  bibtex.type = 'button';
  bibtex.addEventListener('click', async () => {
    if (!bibtexTarget.hidden) { bibtexTarget.hidden = true; return; }
    try {
      bibtexTarget.textContent = await api('/api/papers/' + encodeURIComponent(id) + '.bib');
    } catch (error) {
      bibtexTarget.textContent = error.message;
    }
    bibtexTarget.hidden = false;
  });
  const details = el('a', 'details', 'Details');
  details.href = paperHref(id);
  details.addEventListener('click', (event) => { event.preventDefault(); go(fresh({ paper: id, q: state.q }), true); });
  actions.append(related, bibtex, details);
  return actions;
}

function resultCard(hit, words) {
  const card = el('li', 'result');
  card.dataset.id = hit.id;
  const heading = el('h3');
  const link = el('a', 'title', hit.title);
  link.href = webLink(hit) || paperHref(hit.id);
  heading.append(link);
  const meta = el('p', 'meta');
  meta.append(el('span', 'venue', venueYear(hit)), el('span', 'authors', authorsLine(hit.authors)));
  if (hit.category && hit.category.length) meta.append(el('span', 'category', hit.category.join('; ')));
  const snippet = el('p', 'snippet');
  snippet.append(highlighted(hit.snippet || '', words));
  const bibtex = el('pre', 'bibtex-entry');
  bibtex.hidden = true;
  card.append(heading, meta, snippet, actionButtons(hit.id, bibtex), bibtex);
  return card;
}

function toggled(list, value) {
  return list.includes(value) ? list.filter((v) => v !== value) : list.concat([value]);
}

function facetItem(field, value, count, depth) {
  const item = el('li', 'depth-' + Math.min(depth || 0, 5));
  const label = el('label');
  const box = el('input');
  box.type = 'checkbox';
  box.name = field;
  box.value = String(value);
  box.checked = state[field].includes(String(value));
  box.addEventListener('change', () => go(fresh({ q: state.q, related: state.related, [field]: toggled(state[field], String(value)) }), true));
  label.append(box, el('span', 'value', field === 'category' ? String(value).split('/').pop() : value), el('span', 'count', count));
  item.append(label);
  return item;
}

function renderFacet(field, values) {
  const list = document.querySelector('#facet-' + field + ' ul');
  list.replaceChildren();
  const shown = new Set();
  values.forEach((entry, index) => {
    const item = facetItem(field, entry.value, entry.count, entry.depth);
    if (index >= FACET_SHOWN && !state[field].includes(String(entry.value))) item.classList.add('more');
    list.append(item);
    shown.add(String(entry.value));
  });
  // A chosen value the counts lack (a year range, a value typed into the URL) stays visible, so it can be unticked.
  for (const value of state[field]) if (!shown.has(value)) list.prepend(facetItem(field, value, 0, 0));
  if (values.length > FACET_SHOWN) {
    const more = el('button', 'show-more', 'Show all ' + values.length);
    more.type = 'button';
    more.addEventListener('click', () => { list.classList.add('all'); more.remove(); });
    list.append(more);
  }
}

function renderNotices(response) {
  const notices = $('notices');
  notices.replaceChildren();
  if (response.corrected) {
    notices.append(response.showing_corrected ? 'Showing results for ' : 'Did you mean ');
    const suggestion = el('a', 'corrected', response.corrected);
    suggestion.href = '/?q=' + encodeURIComponent(response.corrected);
    suggestion.addEventListener('click', (event) => { event.preventDefault(); go(fresh({ q: response.corrected }), true); });
    notices.append(suggestion, response.showing_corrected ? '' : '?');
  }
  for (const notice of response.filter_notices || []) notices.append(el('span', 'notice', notice.message));
  for (const unknown of response.unknown_ids || []) {
    notices.append(el('span', 'notice', 'no paper ' + unknown.id + (unknown.closest.length ? '; closest: ' + unknown.closest.join(', ') : '')));
  }
}

function statusLine(response) {
  if (response.related) return response.total + ' papers related to “' + response.related.title + '”';
  if (!response.total) return 'No papers match.';
  const first = response.offset + 1;
  const last = response.offset + response.results.length;
  return response.total + (response.total === 1 ? ' paper' : ' papers') + (response.total > LIMIT ? ' · ' + first + '–' + last : '');
}

function renderPages(response) {
  const pages = $('pages');
  pages.replaceChildren();
  if (response.total <= LIMIT) return;
  const page = (label, offset, enabled) => {
    const button = el('button', 'page', label);
    button.type = 'button';
    button.disabled = !enabled;
    button.addEventListener('click', () => { go(Object.assign({}, state, { offset }), true); window.scrollTo(0, 0); });
    return button;
  };
  const current = Math.floor(response.offset / LIMIT) + 1;
  const count = Math.ceil(response.total / LIMIT);
  pages.append(page('← Previous', Math.max(0, response.offset - LIMIT), response.offset > 0),
    el('span', 'page-of', 'Page ' + current + ' of ' + count),
    page('Next →', response.offset + LIMIT, response.offset + LIMIT < response.total));
}

function renderResponse(response) {
  $('paper').hidden = true;
  $('results').hidden = false;
  $('status').textContent = statusLine(response);
  renderNotices(response);
  const words = queryWords(response.showing_corrected ? response.corrected : response.query);
  $('results').replaceChildren(...response.results.map((hit) => resultCard(hit, words)));
  for (const field of ['venue', 'year', 'category']) renderFacet(field, response.facets[field] || []);
  renderPages(response);
  const exported = $('export');
  exported.hidden = !!state.related;
  exported.href = '/api/search.bib?' + stateParams(state, true).toString();
}

function field(list, label, value) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return;
  list.append(el('dt', '', label));
  const cell = el('dd');
  if (label === 'References' || label === 'Cited by') {
    value.forEach((id, index) => {
      const link = el('a', '', id);
      link.href = paperHref(id);
      link.addEventListener('click', (event) => { event.preventDefault(); go(fresh({ paper: id }), true); });
      cell.append(index ? ', ' : '', link);
    });
  } else {
    cell.textContent = Array.isArray(value) ? value.join(label === 'Authors' ? ', ' : '; ') : String(value);
  }
  list.append(cell);
}

function renderPaper(paper) {
  const article = $('paper');
  article.replaceChildren();
  $('results').hidden = true;
  $('results').replaceChildren();
  $('pages').replaceChildren();
  $('notices').replaceChildren();
  $('export').hidden = true;
  $('status').textContent = '';
  const title = el('h2', 'paper-title');
  const href = webLink(paper);
  if (href) {
    const link = el('a', '', paper.title);
    link.href = href;
    title.append(link);
  } else {
    title.textContent = paper.title;
  }
  const list = el('dl');
  field(list, 'Id', paper.id);
  field(list, 'Authors', paper.authors);
  field(list, 'Venue', [paper.venue, paper.year].filter(Boolean).join(' '));
  field(list, 'Category', paper.category);
  field(list, 'Abstract', paper.abstract);
  field(list, 'Keywords', paper.keywords);
  field(list, 'URL', paper.url);
  field(list, 'DOI', paper.doi);
  field(list, 'References', paper.references);
  field(list, 'Cited by', paper.citations);
  field(list, 'Also known as', paper.aliases);
  const bibtex = el('pre', 'bibtex-entry');
  bibtex.hidden = true;
  article.append(title, list, actionButtons(paper.id, bibtex), bibtex);
  article.hidden = false;
}

function showError(error) {
  $('status').textContent = error.message;
  $('results').replaceChildren();
  $('pages').replaceChildren();
}

async function render() {
  const ticket = ++latest;
  document.body.classList.add('loading');
  try {
    if (state.paper) {
      const paper = await api('/api/papers/' + encodeURIComponent(state.paper));
      if (ticket === latest) renderPaper(paper);
    } else {
      const params = stateParams(state, true);
      const path = state.related ? '/api/related?id=' + encodeURIComponent(state.related) + '&' + params : '/api/search?' + params;
      const response = await api(path);
      if (ticket === latest) renderResponse(response);
    }
  } catch (error) {
    if (ticket === latest) showError(error);
  } finally {
    if (ticket === latest) document.body.classList.remove('loading');
  }
}

function syncControls() {
  if ($('q') !== document.activeElement || !typingSession) $('q').value = state.q;
  $('sort').value = state.sort;
  const range = state.year.find((y) => y.includes('..'));
  $('year-from').value = range ? range.split('..')[0] : '';
  $('year-to').value = range ? range.split('..')[1] : '';
}

function searchNow(push) {
  clearTimeout(debounceTimer);
  const q = $('q').value;
  if (q === state.q && !state.related && !state.paper) return;
  go(fresh({ q }), push);
}

function onTyping() {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => {
    const push = !typingSession;
    searchNow(push);
    typingSession = true;
  }, DEBOUNCE_MS);
}

// "/" focuses the box; the arrows move between results; Enter opens the focused one (a link).
function onKey(event) {
  const inField = ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement.tagName);
  if (event.key === '/' && !inField) {
    event.preventDefault();
    $('q').focus();
    $('q').select();
    return;
  }
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  if (inField && document.activeElement !== $('q')) return;
  const links = Array.from(document.querySelectorAll('#results a.title'));
  if (!links.length) return;
  event.preventDefault();
  const at = links.indexOf(document.activeElement);
  if (event.key === 'ArrowDown') links[Math.min(at + 1, links.length - 1)].focus();
  else if (at <= 0) $('q').focus();
  else links[at - 1].focus();
}

function applyTheme(theme) {
  if (theme) document.documentElement.dataset.theme = theme;
}

function setUp() {
  applyTheme(localStorage.getItem('theme'));
  $('theme').addEventListener('click', () => {
    const dark = document.documentElement.dataset.theme
      ? document.documentElement.dataset.theme === 'dark'
      : matchMedia('(prefers-color-scheme: dark)').matches;
    const theme = dark ? 'light' : 'dark';
    localStorage.setItem('theme', theme);
    applyTheme(theme);
  });
  $('q').addEventListener('input', onTyping);
  $('search-form').addEventListener('submit', (event) => { event.preventDefault(); searchNow(!typingSession); typingSession = false; });
  $('sort').addEventListener('change', () => go(Object.assign({}, state, { sort: $('sort').value, offset: 0 }), true));
  $('year-apply').addEventListener('click', () => {
    const from = $('year-from').value.trim();
    const to = $('year-to').value.trim();
    const years = state.year.filter((y) => !y.includes('..'));
    if (from || to) years.push((from || to) + '..' + (to || from));
    go(Object.assign({}, state, { year: years, offset: 0 }), true);
  });
  $('home').addEventListener('click', (event) => { event.preventDefault(); go(readState(''), true); });
  document.addEventListener('keydown', onKey);
  window.addEventListener('popstate', () => {
    typingSession = false;
    state = readState(location.search);
    syncControls();
    render();
  });
  if (matchMedia('(max-width: 700px)').matches) $('filters').open = false;
  syncControls();
  render();
}

document.addEventListener('DOMContentLoaded', setUp);
