// The benchmark corpus as a Hugo site (tested with Hugo 0.111), with templates equivalent to ours:
// the same pages (home, questions list and topic pages paginated by 20, question pages, expert
// profiles with their answers, experts and topics indexes, search, 404, sitemap, feed, robots),
// the same markup in the same places, markdown rendered by Hugo's own `markdownify`/Goldmark.
//   node bench/hugo.js --questions N --out DIR [--seed S]    writes the site of a generated corpus
//   node bench/hugo.js --data DATA --out DIR                 writes the site of any data folder
//   cd DIR && hugo --quiet -d OUT                            renders it
//   cd DIR && hugo --quiet -d OUT --layoutDir layouts-lean   renders it leaner (see `layouts`)
//   cd DIR && hugo --quiet -d OUT --layoutDir layouts-bare   renders only what a reader sees (see `bareLayouts`)
// From a data folder, the fields the benchmark corpus has are carried over; `editUrl`, an
// expert's `website` and `location.country`, which it lacks, are not rendered.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.js';

const q = (text) => JSON.stringify(text);

function block(text, indent) {
  const pad = ' '.repeat(indent);
  return `|-\n${text.split('\n').map((line) => (line ? pad + line : '')).join('\n')}`;
}

function config(site) {
  return `baseURL: ${q(site.url)}
languageCode: ${q(site.language)}
title: ${q(site.title)}
paginate: 20
disableAliases: true
enableRobotsTXT: true
taxonomies:
  topic: topics
outputs:
  home: [HTML, RSS]
  section: [HTML]
  taxonomy: [HTML]
  term: [HTML]
  page: [HTML]
outputFormats:
  RSS:
    baseName: feed
services:
  rss:
    limit: 20
related:
  includeNewer: true
  threshold: 1
  toLower: false
  indices:
    - name: topics
      weight: 100
params:
  description: ${q(site.description)}
  disclaimer: ${q(site.disclaimer)}
markup:
  goldmark:
    renderer:
      unsafe: false
`;
}

function questionPage(question) {
  const lines = ['---', `title: ${q(question.title)}`, `date: ${question.asked}`, `topics: [${question.topics.join(', ')}]`];
  if (question.answers.length === 0) lines.push('answers: []');
  else lines.push('answers:');
  for (const a of question.answers) {
    lines.push(`  - author: ${a.author}`, `    date: ${q(a.date)}`);
    if (a.title) lines.push(`    title: ${q(a.title)}`);
    if (a.helpful !== null) lines.push(`    helpful: ${a.helpful}`);
    lines.push(`    body: ${block(a.body, 6)}`);
  }
  lines.push('---', question.body, '');
  return lines.join('\n');
}

function expertData(e) {
  const lines = [`name: ${q(e.name)}`, `credentials: [${e.credentials.join(', ')}]`, `specialty: ${q(e.specialty)}`, 'location:', `  city: ${q(e.location.city)}`, `  region: ${q(e.location.region)}`];
  if (e.rating) lines.push('rating:', `  value: ${e.rating.value.toFixed(1)}`, `  count: ${e.rating.count}`);
  lines.push(`bio: ${block(e.bio, 2)}`);
  return `${lines.join('\n')}\n`;
}

// The question page's JSON-LD (every answer's text through `plainify`) and related questions,
// which the lean templates leave out.
const LD_INIT = `{{ $ld := slice }}
`;
const LD_ANSWER = `{{ $author := dict "@type" "Person" "name" $e.name "url" (printf "%sexperts/%s/" site.BaseURL .author) "jobTitle" $e.specialty "address" (dict "@type" "PostalAddress" "addressLocality" $e.location.city "addressRegion" $e.location.region) }}
{{ $ld = $ld | append (dict "@type" "Answer" "text" ($html | plainify | htmlUnescape) "url" (printf "%s#%s" $pageUrl $anchor) "datePublished" .date "author" $author) }}
`;
const LD_SCRIPT = `{{/* JSON-LD needs every answer's text: written after the answers so each body is rendered once. */}}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "QAPage" "mainEntity" (dict "@type" "Question" "name" .Title "text" .Plain "answerCount" (len $ld) "datePublished" (.Date.Format "2006-01-02") "url" $pageUrl "suggestedAnswer" $ld) | jsonify | safeJS }}</script>
`;
const RELATED = `{{ with first 5 (site.RegularPages.Related .) }}
<nav class="related" aria-labelledby="related-heading">
<h2 id="related-heading">Related questions</h2>
{{ partial "question-list.html" (dict "pages" . "level" 3) }}
</nav>
{{ end }}
`;

const questionTemplate = (lean) => `{{ define "main" }}
{{ $pageUrl := .Permalink }}
{{ $seen := newScratch }}
${lean ? '' : LD_INIT}<div class="wrap" data-pagefind-body data-pagefind-filter="type:question">
<article class="question">
<h1 data-pagefind-meta="title" data-pagefind-weight="10">{{ .Title }}</h1>
<p class="question-meta">Asked <time datetime="{{ .Date.Format "2006-01-02" }}" data-pagefind-sort="date[datetime]" data-pagefind-meta="date[datetime]">{{ .Date.Format "January 2, 2006" }}</time>
<span class="topic-list">{{ range .GetTerms "topics" }} · <a href="{{ .RelPermalink }}" data-pagefind-filter="topic">{{ .LinkTitle }}</a>{{ end }}</span></p>
{{ $specialties := slice }}{{ $locations := slice }}
{{ range .Params.answers }}{{ $e := index site.Data.experts .author }}{{ $specialties = $specialties | append $e.specialty }}{{ $locations = $locations | append ($e.location.region | default $e.location.city) }}{{ end }}
{{ range sort (uniq $specialties) }}<span hidden data-pagefind-filter="specialty:{{ . }}"></span>{{ end }}{{ range sort (uniq $locations) }}<span hidden data-pagefind-filter="location:{{ . }}"></span>{{ end }}
<div class="prose question-body">{{ .Content }}</div>
</article>
<section class="answers">
<h2 data-pagefind-ignore><span data-pagefind-meta="answers">{{ partial "answer-count.html" . }}</span></h2>
{{ range .Params.answers }}
{{ $n := add ($seen.Get .author | default 0) 1 }}{{ $seen.Set .author $n }}
{{ $anchor := cond (eq $n 1) (printf "answer-%s" .author) (printf "answer-%s-%d" .author $n) }}
{{ $e := index site.Data.experts .author }}
{{ $headline := .title | default (printf "Answer from %s" $e.name) }}
{{ $html := .body | markdownify }}
<article class="answer" id="{{ $anchor }}" data-pagefind-title="{{ $headline }}">
<h3 class="answer-title" data-pagefind-weight="6">{{ $headline }}</h3>
<div class="prose">{{ $html }}</div>
<footer class="answer-footer">
<div class="expert-card">
<p class="expert-name"><a href="/experts/{{ .author }}/">{{ $e.name }}{{ range $e.credentials }}, {{ . }}{{ end }}</a></p>
<p class="expert-meta" data-pagefind-ignore><span class="specialty">{{ $e.specialty }}</span> · <span class="location">{{ $e.location.city }}{{ with $e.location.region }}, {{ . }}{{ end }}</span></p>
{{ with $e.rating }}<p class="rating" data-pagefind-ignore><span class="stars r{{ math.Round (mul .value 2) }}" aria-hidden="true">★★★★★</span> <span class="rating-text">{{ printf "%.1f" (float .value) }} out of 5 stars, {{ .count }} review{{ if ne .count 1 }}s{{ end }}</span></p>{{ end }}
</div>
<p class="answer-meta" data-pagefind-ignore>Answered <time datetime="{{ .date }}">{{ time.Format "January 2, 2006" .date }}</time>{{ with .helpful }} · {{ . }} reader{{ if ne . 1 }}s{{ end }} found this helpful{{ end }} · <a class="permalink" href="#{{ $anchor }}" aria-label="Link to this answer: {{ $headline }}">#</a></p>
</footer>
</article>
${lean ? '' : LD_ANSWER}{{ else }}<p>No expert has answered this question yet.</p>{{ end }}
</section>
</div>
${lean ? '' : LD_SCRIPT}<div class="wrap page-end">
{{ partialCached "disclaimer.html" . "disclaimer" }}
${lean ? '' : RELATED}</div>
{{ end }}
`;

const expertsTemplate = (lean) => `{{ define "main" }}
${lean ? '' : '{{ $answers := partialCached "expert-answers.html" . "all" }}\n'}<div class="wrap">
<h1>Experts</h1>
<ul class="expert-list">
{{ range .Pages.ByTitle }}
{{ $e := index site.Data.experts .Params.expert }}${lean ? '' : '{{ $n := len ($answers.Get .Params.expert | default slice) }}'}
<li class="expert-card">
<h2 class="expert-name"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p class="expert-meta">{{ $e.specialty }} · {{ $e.location.city }}{{ with $e.location.region }}, {{ . }}{{ end }}${lean ? '' : ' · {{ $n }} {{ cond (eq $n 1) "answer" "answers" }}'}</p>
{{ partial "rating.html" $e.rating }}
</li>
{{ end }}
</ul>
</div>
{{ end }}
`;

// An expert profile's list of every answer its expert wrote, and its JSON-LD, which the lean
// templates leave out.
const ANSWERS_OF = `{{ $answers := sort ((partialCached "expert-answers.html" . "all").Get $id | default slice) "date" "desc" }}
`;
const ANSWER_LIST = `<section aria-labelledby="answers-heading">
<h2 id="answers-heading">Answers ({{ len $answers }})</h2>
<ol class="question-list">
{{ range $answers }}
<li>
<h3 class="question-list-title"><a href="{{ .questionUrl }}">{{ .questionTitle }}</a></h3>
<p class="question-list-meta"><time datetime="{{ .date }}">{{ time.Format "January 2, 2006" .date }}</time> · <a href="{{ .url }}">{{ .headline }}</a></p>
{{ with .excerpt }}<p class="question-list-excerpt">{{ . }}</p>{{ end }}
</li>
{{ end }}
</ol>
</section>
`;

const PROFILE_LD = `<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "ProfilePage" "url" .Permalink "mainEntity" (dict "@type" "Person" "name" $e.name "url" .Permalink "jobTitle" $e.specialty "description" ($bio | plainify | htmlUnescape)) | jsonify | safeJS }}</script>
`;

const profileTemplate = (lean) => `{{ define "main" }}
{{ $id := .Params.expert }}
{{ $e := index site.Data.experts $id }}
${lean ? '' : ANSWERS_OF}{{ $bio := $e.bio | markdownify }}
${lean ? '' : PROFILE_LD}<div class="wrap">
<article class="profile" data-pagefind-body data-pagefind-filter="type:expert">
<h1 data-pagefind-meta="title" data-pagefind-weight="10">{{ .Title }}</h1>
<p class="expert-meta"><span class="specialty" data-pagefind-filter="specialty">{{ $e.specialty }}</span> · <span class="location" data-location="{{ $e.location.region | default $e.location.city }}" data-pagefind-filter="location[data-location]">{{ $e.location.city }}{{ with $e.location.region }}, {{ . }}{{ end }}</span></p>
{{ partial "rating.html" $e.rating }}
<div class="prose">{{ $bio }}</div>
</article>
${lean ? '' : ANSWER_LIST}</div>
{{ end }}
`;

// Templates. Names of partials follow our macros; comments say where Hugo differs. The lean
// set (`layouts-lean/`) leaves out what is marked above.
const layouts = (lean) => ({
  '_default/baseof.html': `<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
{{ $description := .Params.description | default (cond .IsHome site.Params.description "") }}
{{ if eq .Section "questions" }}{{ if .IsPage }}{{ $description = .Plain | truncate 160 }}{{ end }}{{ end }}
{{ with $description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:url" content="{{ .Permalink }}">
{{ with $description }}<meta property="og:description" content="{{ . }}">{{ end }}
<meta property="og:locale" content="{{ site.LanguageCode }}">
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="{{ .Title }}">
{{ with $description }}<meta name="twitter:description" content="{{ . }}">{{ end }}
<meta name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)">
<meta name="theme-color" content="#15171a" media="(prefers-color-scheme: dark)">
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="/assets/style.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="alternate" type="application/atom+xml" title="{{ site.Title }}" href="/feed.xml">
{{ block "head" . }}{{ end }}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
{{ partial "header.html" . }}
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
<div class="wrap">
<p>{{ site.Title }}{{ with site.Params.description }} · {{ . }}{{ end }}</p>
<p><a href="/feed.xml">Atom feed</a> · <a href="/search/">Search</a></p>
</div>
</footer>
<script type="application/json" id="ap-config">{{ dict "base" "" "labels" (dict "reload" "Reload") | jsonify | safeJS }}</script>
<script src="/assets/offline.js" type="module"></script>
{{ block "scripts" . }}{{ end }}
</body>
</html>
`,
  'partials/header.html': `<header class="site-header">
<div class="wrap header-inner">
<a class="site-title" href="/">{{ site.Title }}</a>
<nav class="site-nav" aria-label="Home">
<ul>
<li><a href="/questions/"{{ if eq .Section "questions" }} aria-current="page"{{ end }}>Questions</a></li>
<li><a href="/experts/"{{ if eq .Section "experts" }} aria-current="page"{{ end }}>Experts</a></li>
<li><a href="/topics/"{{ if eq .Section "topics" }} aria-current="page"{{ end }}>Topics</a></li>
</ul>
</nav>
{{ partial "search-form.html" (dict "id" "header-search" "name" "Site search") }}
</div>
</header>
`,
  'partials/search-form.html': `<form class="search-form" role="search" aria-label="{{ .name }}" action="/search/" method="get">
<label class="visually-hidden" for="{{ .id }}">Search questions and answers</label>
<input id="{{ .id }}" type="search" name="q" placeholder="Search questions and answers" autocomplete="off">
<button type="submit">Search</button>
</form>
`,
  'partials/rating.html': `{{ with . }}<p class="rating" data-pagefind-ignore><span class="stars r{{ math.Round (mul .value 2) }}" aria-hidden="true">★★★★★</span> <span class="rating-text">{{ printf "%.1f" (float .value) }} out of 5 stars, {{ .count }} review{{ if ne .count 1 }}s{{ end }}</span></p>{{ end }}`,
  'partials/answer-count.html': `{{ $n := len (.Params.answers | default slice) }}{{ return printf "%d expert answer%s" $n (cond (eq $n 1) "" "s") }}`,
  'partials/question-list.html': `<ol class="question-list">
{{ $h := .level }}{{ range .pages }}
<li>
<h{{ $h }} class="question-list-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h{{ $h }}>
<p class="question-list-meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "January 2, 2006" }}</time> · {{ $n := len (.Params.answers | default slice) }}{{ $n }} expert answer{{ if ne $n 1 }}s{{ end }}{{ range .GetTerms "topics" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ with .Plain }}<p class="question-list-excerpt">{{ . | truncate 200 }}</p>{{ end }}
</li>
{{ end }}
</ol>
`,
  'partials/pagination.html': `{{ $p := . }}{{ if gt $p.TotalPages 1 }}
<nav class="pagination" aria-label="Pages">
<ul>
{{ if $p.HasPrev }}<li><a href="{{ $p.Prev.URL }}" rel="prev">Previous page</a></li>{{ end }}
{{ range $p.Pagers }}
<li>{{ if eq .PageNumber $p.PageNumber }}<a href="{{ .URL }}" aria-current="page">{{ .PageNumber }}</a>{{ else }}<a href="{{ .URL }}">{{ .PageNumber }}</a>{{ end }}</li>
{{ end }}
{{ if $p.HasNext }}<li><a href="{{ $p.Next.URL }}" rel="next">Next page</a></li>{{ end }}
</ul>
</nav>
{{ end }}`,
  'partials/disclaimer.html': `{{ with site.Params.disclaimer }}<aside class="disclaimer" aria-labelledby="disclaimer-heading">
<h2 id="disclaimer-heading">Disclaimer</h2>
{{ . | markdownify }}
</aside>{{ end }}`,
  // Every answer by each expert, built once for the site (our model does the same once per build).
  'partials/expert-answers.html': `{{ $s := newScratch }}
{{ range where site.RegularPages "Section" "questions" }}
{{ $q := . }}{{ $seen := newScratch }}
{{ range .Params.answers }}
{{ $n := add ($seen.Get .author | default 0) 1 }}{{ $seen.Set .author $n }}
{{ $anchor := cond (eq $n 1) (printf "answer-%s" .author) (printf "answer-%s-%d" .author $n) }}
{{ $e := index site.Data.experts .author }}
{{ $s.Add .author (slice (dict "questionTitle" $q.Title "questionUrl" $q.RelPermalink "headline" (.title | default (printf "Answer from %s" $e.name)) "url" (printf "%s#%s" $q.RelPermalink $anchor) "date" .date "excerpt" (.body | markdownify | plainify | truncate 200))) }}
{{ end }}
{{ end }}
{{ return $s }}`,
  'index.html': `{{ define "main" }}
<div class="wrap">
<h1>{{ site.Title }}</h1>
{{ with site.Params.description }}<p class="lead">{{ . }}</p>{{ end }}
{{ partial "search-form.html" (dict "id" "home-search" "name" "Search questions and answers") }}
<section aria-labelledby="latest-heading">
<h2 id="latest-heading">Latest questions</h2>
{{ partial "question-list.html" (dict "pages" (first 10 (where site.RegularPages "Section" "questions")) "level" 3) }}
<p><a href="/questions/">All questions</a></p>
</section>
<section aria-labelledby="topics-heading">
<h2 id="topics-heading">Browse by topic</h2>
<ul class="topic-grid">
{{ range site.Taxonomies.topics }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">({{ .Count }})</span></li>{{ end }}
</ul>
</section>
</div>
{{ end }}
`,
  'questions/list.html': `{{ define "main" }}
<div class="wrap">
<h1>All questions</h1>
{{ $p := .Paginate .Pages }}
{{ if gt $p.TotalPages 1 }}<p class="page-of">Page {{ $p.PageNumber }} of {{ $p.TotalPages }}</p>{{ end }}
{{ partial "question-list.html" (dict "pages" $p.Pages "level" 2) }}
{{ partial "pagination.html" $p }}
</div>
{{ end }}
`,
  '_default/term.html': `{{ define "main" }}
<div class="wrap">
<nav aria-label="Breadcrumbs" class="breadcrumbs"><a href="/topics/">Topics</a></nav>
<h1>{{ .Title }}</h1>
{{ with .Params.description }}<p class="lead">{{ . }}</p>{{ end }}
{{ $p := .Paginate .Pages }}
{{ if gt $p.TotalPages 1 }}<p class="page-of">Page {{ $p.PageNumber }} of {{ $p.TotalPages }}</p>{{ end }}
{{ partial "question-list.html" (dict "pages" $p.Pages "level" 2) }}
{{ partial "pagination.html" $p }}
</div>
{{ end }}
`,
  '_default/taxonomy.html': `{{ define "main" }}
<div class="wrap">
<h1>Topics</h1>
<ul class="topic-index">
{{ range .Data.Terms.Alphabetical }}
<li>
<h2><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></h2>
<p>{{ with .Page.Params.description }}{{ . }} · {{ end }}{{ .Count }} {{ cond (eq .Count 1) "question" "questions" }}</p>
</li>
{{ end }}
</ul>
</div>
{{ end }}
`,
  'questions/single.html': questionTemplate(lean),
  'experts/list.html': expertsTemplate(lean),
  'experts/single.html': profileTemplate(lean),
  '_default/search.html': `{{ define "head" }}<link rel="stylesheet" href="/pagefind/pagefind-component-ui.css">{{ end }}
{{ define "main" }}
<div class="wrap search-page">
<h1>Search</h1>
<noscript>{{ partial "search-form.html" (dict "id" "search-fallback" "name" "Search questions and answers") }}</noscript>
<pagefind-config bundle-path="/pagefind/" lang="{{ site.LanguageCode }}"></pagefind-config>
<pagefind-input placeholder="Search questions and answers"></pagefind-input>
<pagefind-summary></pagefind-summary>
<div class="search-layout">
<pagefind-filter-pane></pagefind-filter-pane>
<pagefind-results max-sub-results="3"></pagefind-results>
</div>
</div>
{{ end }}
{{ define "scripts" }}<script src="/pagefind/pagefind-component-ui.js" type="module"></script>
<script src="/assets/search.js" type="module"></script>{{ end }}
`,
  '404.html': `{{ define "main" }}
<div class="wrap">
<h1>Page not found</h1>
<p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
{{ partial "search-form.html" (dict "id" "notfound-search" "name" "Search questions and answers") }}
<p><a href="/">Home</a> · <a href="/questions/">All questions</a></p>
</div>
{{ end }}
`,
  // Atom, like ours: the 20 newest questions with every answer in full.
  'index.rss.xml': `{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{ site.LanguageCode }}">
<title>{{ site.Title }}</title>
<subtitle>{{ site.Params.description }}</subtitle>
<link href="{{ site.BaseURL }}feed.xml" rel="self"/>
<link href="{{ site.BaseURL }}"/>
<id>{{ site.BaseURL }}</id>
<updated>{{ now.UTC.Format "2006-01-02T15:04:05Z" }}</updated>
{{ range first 20 (where site.RegularPages "Section" "questions") }}<entry>
<title>{{ .Title }}</title>
<link href="{{ .Permalink }}"/>
<id>{{ .Permalink }}</id>
<published>{{ .Date.UTC.Format "2006-01-02T15:04:05Z" }}</published>
<updated>{{ .Lastmod.UTC.Format "2006-01-02T15:04:05Z" }}</updated>
<summary>{{ partial "answer-count.html" . }}: {{ .Plain | truncate 200 }}</summary>
<content type="html">{{ .Content | html }}{{ range .Params.answers }}{{ $e := index site.Data.experts .author }}{{ printf "<h2>%s</h2><p>%s, %s</p>" (.title | default (printf "Answer from %s" $e.name) | htmlEscape) ($e.name | htmlEscape) (time.Format "January 2, 2006" .date) | html }}{{ .body | markdownify | html }}{{ end }}</content>
{{ range .GetTerms "topics" }}<category term="{{ .Data.Term }}" label="{{ .Title }}"/>
{{ end }}</entry>
{{ end }}</feed>
`,
});

// The bare set (`layouts-bare/`): what a reader of a question page sees and nothing else, as a
// Hugo site written for this content might start out. Each answer's markdown, its headline and
// its expert card (name, credentials, specialty, place, rating); the question and its date; the
// disclaimer; paginated lists and expert profiles with their bio. No search attributes, social
// meta, JSON-LD, related questions, answer lists on profiles, or templates of its own for the
// sitemap, feed or 404 page (Hugo still writes its default sitemap and RSS).
const bareLayouts = () => ({
  '_default/baseof.html': `<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<header><a href="/">{{ site.Title }}</a> · <a href="/questions/">Questions</a> · <a href="/experts/">Experts</a></header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Params.disclaimer }}</p></footer>
</body>
</html>
`,
  '_default/list.html': `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ with .Paginator }}{{ if .HasNext }}<a href="{{ .Next.URL }}">Next</a>{{ end }}{{ end }}
{{ end }}
`,
  'questions/single.html': `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p>Asked <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "January 2, 2006" }}</time></p>
{{ .Content }}
</article>
<section>
<h2>{{ len .Params.answers }} answers</h2>
{{ range .Params.answers }}{{ $e := index site.Data.experts .author }}
<article>
<h3>{{ .title | default (printf "Answer from %s" $e.name) }}</h3>
{{ .body | markdownify }}
<p><a href="/experts/{{ .author }}/">{{ $e.name }}{{ range $e.credentials }}, {{ . }}{{ end }}</a> · {{ $e.specialty }} · {{ $e.location.city }}{{ with $e.location.region }}, {{ . }}{{ end }}{{ with $e.rating }} · {{ printf "%.1f" (float .value) }} out of 5 stars{{ end }}</p>
<p>Answered {{ time.Format "January 2, 2006" .date }}</p>
</article>
{{ end }}
</section>
<p>{{ site.Params.disclaimer }}</p>
{{ end }}
`,
  'experts/single.html': `{{ define "main" }}
{{ $e := index site.Data.experts .Params.expert }}
<h1>{{ .Title }}</h1>
<p>{{ $e.specialty }} · {{ $e.location.city }}</p>
{{ $e.bio | markdownify }}
{{ end }}
`,
});

/**
 * A data folder (the data contract, validated by answerpress's own loader) in the shape
 * `generateCorpus` returns, so that any site can be rendered by Hugo too.
 */
export async function corpusFromData(dataDir) {
  const { loadData } = await import('../dist/data/load.js');
  const data = await loadData(resolve(dataDir));
  const site = data.site.data;
  return {
    site: { title: site.title, url: site.url, language: site.language ?? 'en', description: site.description ?? '', disclaimer: site.disclaimer ?? '' },
    topics: Object.entries(data.topics.data).map(([id, topic]) => ({ id, name: topic.name, description: topic.description ?? '' })),
    experts: data.experts.map(({ id, data: e }) => ({
      id,
      name: e.name,
      credentials: e.credentials ?? [],
      specialty: e.specialty,
      location: { city: e.location.city, region: e.location.region ?? '' },
      rating: e.rating ?? null,
      bio: e.bio ?? '',
    })),
    questions: data.questions.map(({ id, data: question }) => ({
      slug: id,
      title: question.title,
      asked: question.asked,
      topics: question.topics,
      body: question.body,
      answers: (question.answers ?? []).map((a) => ({ author: a.author, date: a.date, title: a.title ?? null, body: a.body, helpful: a.helpful ?? null })),
    })),
  };
}

/** Writes the corpus as a Hugo site into `dir` (replacing it). */
export async function writeHugoSite(corpus, dir) {
  await rm(dir, { recursive: true, force: true });
  const files = new Map();
  files.set('config.yaml', config(corpus.site));
  for (const [name, text] of Object.entries(layouts(false))) files.set(join('layouts', name), text);
  for (const [name, text] of Object.entries(layouts(true))) files.set(join('layouts-lean', name), text);
  for (const [name, text] of Object.entries(bareLayouts())) files.set(join('layouts-bare', name), text);
  files.set('content/questions/_index.md', '---\ntitle: "All questions"\n---\n');
  files.set('content/experts/_index.md', '---\ntitle: "Experts"\n---\n');
  files.set('content/topics/_index.md', '---\ntitle: "Topics"\n---\n');
  files.set('content/search.md', '---\ntitle: "Search"\nlayout: search\n---\n');
  for (const t of corpus.topics) files.set(`content/topics/${t.id}/_index.md`, `---\ntitle: ${q(t.name)}\ndescription: ${q(t.description)}\n---\n`);
  for (const e of corpus.experts) {
    const name = [e.name, ...e.credentials].join(', ');
    files.set(`content/experts/${e.id}.md`, `---\ntitle: ${q(name)}\nexpert: ${e.id}\n---\n`);
    files.set(`data/experts/${e.id}.yaml`, expertData(e));
  }
  for (const question of corpus.questions) files.set(`content/questions/${question.slug}.md`, questionPage(question));
  const dirs = new Map();
  const entries = [...files.entries()];
  for (let i = 0; i < entries.length; i += 200) {
    await Promise.all(
      entries.slice(i, i + 200).map(async ([path, text]) => {
        const file = join(dir, path);
        const parent = dirname(file);
        if (!dirs.has(parent)) dirs.set(parent, mkdir(parent, { recursive: true }));
        await dirs.get(parent);
        await writeFile(file, text);
      }),
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { questions: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } } });
  if (!(values.questions || values.data) || !values.out) {
    console.error('usage: node bench/hugo.js (--questions N [--seed S] | --data DATA) --out DIR');
    process.exit(2);
  }
  try {
    const corpus = values.data ? await corpusFromData(values.data) : generateCorpus({ questions: Number(values.questions), seed: Number(values.seed ?? 1) });
    await writeHugoSite(corpus, values.out);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
