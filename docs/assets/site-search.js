/* The published site's search: the header's search box (overrides/partials/site-search.html)
 * with Pagefind's index (pagefind/, written after MkDocs by generators/build/search.py).
 *
 * Nothing is fetched until the box is used: focusing it loads Pagefind's script and the index's
 * entry (a few KB); a query then fetches only the index chunks of its words and the fragments of
 * the results it shows. The browser cuts a Chinese query into words (Pagefind uses
 * Intl.Segmenter), as the index cut the pages; a result must hold every word of the query (the
 * place and the topic: 上塘村财务 is 上塘村's finance pages, not every page that says 村), else
 * "没有找到" with the lists to look in. Results use the theme's classes, so they look like the
 * theme's search. Pagefind does not run from file://: the offline copy keeps the theme's search.
 * On a township's pages of a county's site the box offers 本镇 (the default there) or 全县: 本镇
 * searches that township's own bundle (pagefind/townships/<id>/: its pages only, a small index),
 * 全县 the county's (pagefind/); each is loaded the first time it is searched. Under 全县 a query
 * that names a place of one township (search-places.json) searches that township's bundle.
 */
(() => {
  "use strict";
  const root = document.querySelector("[data-site-search]");
  if (!root) return;
  const SHOWN = 10; // results on one screen
  const READ = 10; // results read at a time (a fragment each: a few KB)
  const EXAMINED = 40; // results read at most to find them, over all that Pagefind is asked
  const base = new URL(root.dataset.base || "./", location.href);
  const toggle = document.getElementById("__search");
  const input = root.querySelector(".md-search__input");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const township = root.dataset.township || ""; // the page's township, on a county's site
  const engines = new Map(); // bundle -> Pagefind's module started on it
  let asked = 0;
  let timer = 0;

  // The bundle searched: the township's own for 本镇, the county's for 全县 (and on pages of no
  // township), or for 全县 the township's own of the place a query names (`to`, see routed()).
  // Each bundle has its own pagefind.js, which reads the index beside it.
  function bundle(to = "") {
    const own = scoped() ? township : to;
    return own ? `pagefind/townships/${encodeURIComponent(own)}/` : "pagefind/";
  }

  // On a county's site, the places' names and their townships (search-places.json, a few KB;
  // empty on a site of one township): fetched once, on the box's first use.
  let places = null;
  function placesKnown() {
    if (!places) {
      places = fetch(new URL("search-places.json", base).href)
        .then((response) => (response.ok ? response.json() : {}))
        .then((known) => (known && known.places) || {})
        .catch(() => ({}));
    }
    return places;
  }

  // 全县: a query that names places of one township only (上塘村财务) is that township's to
  // answer, from its own bundle: a small part of the county's, whose list of pages alone costs a
  // phone about 140 KB at county scale. Else "" (the county's bundle).
  async function routed(query) {
    if (scoped()) return "";
    const whole = query.replace(/\s+/g, "");
    const named = new Set();
    for (const [name, townships] of Object.entries(await placesKnown())) {
      if (whole.includes(name)) townships.forEach((t) => named.add(t));
    }
    return named.size === 1 ? [...named][0] : "";
  }

  // On the box's first use: the bundle a query will most likely search, started ahead; for 全县
  // on a county's site, only the places (the bundle depends on what is typed).
  async function prepare() {
    if (scoped() || !Object.keys(await placesKnown()).length) load();
  }

  function load(path = bundle()) {
    let engine = engines.get(path);
    if (!engine) {
      engine = import(new URL(`${path}pagefind.js`, base).href).then(async (pagefind) => {
        await pagefind.options({ baseUrl: base.pathname, excerptLength: 40 });
        // Pagefind 1.5.2 cuts a Chinese query with the browser's segmenter, which cuts short
        // queries differently from the index (信访 into 信 / 访, where the index holds 信访), and
        // then finds nothing (Pagefind/pagefind#1237). Started under a language it does not cut,
        // it takes the words given (cut below, with spaces); the one index, zh, is still used.
        const html = document.documentElement;
        const lang = html.getAttribute("lang");
        html.setAttribute("lang", "und");
        const started = pagefind.init(); // reads the language before it first waits
        html.setAttribute("lang", lang);
        await started;
        return pagefind;
      });
      engines.set(path, engine);
      engine.catch(() => {
        engines.delete(path);
        meta.textContent = "搜索暂时不能用，请稍后再试，或从“公开信息”栏目查找。";
      });
    }
    return engine;
  }

  // A period as people write it, as the pages write it: 2025.10 (or 2025-10, 2025/10) is
  // 2025年10月; 2025年3季度, 2025年三季度, 3季度 are 2025年第三季度, 第三季度; 10月份 is 10月.
  const QUARTERS = "一二三四";
  function spelled(query) {
    return query
      .replace(/(\d{4})\s*[.．\-/]\s*(\d{1,2})(?![\d.．\-/])/g, (_, y, m) => `${y}年${+m}月`)
      .replace(/第?\s*([1-4一二三四])\s*季度/g, (_, q) => `第${QUARTERS[+q - 1] || q}季度`)
      .replace(/(\d{4})\s*年\s*第/g, "$1年第")
      .replace(/(\d{1,2})\s*月份/g, "$1月");
  }

  // The query cut into words as the browser cuts it (上塘村财务: 上塘 / 村 / 财务). Names it does
  // not know come out as single characters (竹 / 坑 / 村, 党 / 务): holds() reads those together.
  function words(query) {
    const text = query.replace(/\s+/g, " ").trim();
    if (!(typeof Intl === "object" && Intl.Segmenter)) {
      return text.split(/[\s，。、；：]+/).filter(Boolean);
    }
    const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
    return [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
  }

  // Single characters in a row (竹 / 坑 / 村 / 党 / 务) as pieces of two or more characters that
  // the text holds (竹坑村 + 党务), a last single character alone: so 下坪村 is not found in a
  // page that has 下, 坪 and 村 apart.
  function covered(run, text) {
    for (let i = 0; i < run.length; ) {
      let j = run.length;
      while (j > i + 1 && !text.includes(run.slice(i, j).join(""))) j--;
      if (j === i + 1 && (i !== run.length - 1 || !text.includes(run[i]))) return false;
      i = j;
    }
    return true;
  }

  // Whether a page's text holds every word of the query (single characters in a row: covered),
  // read without its punctuation, as the query's words come without it: 议事协商会：村级 holds
  // 会 / 村 / 级 of a title typed whole.
  function holds(page, found) {
    const text = page.replace(/[\p{P}\p{S}\s]/gu, "");
    let run = "";
    for (const word of [...found, ""]) {
      if ([...word].length === 1) {
        run += word;
        continue;
      }
      if (run && !covered([...run], text)) return false;
      run = "";
      if (word && !text.includes(word)) return false;
    }
    return true;
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  }

  // Pagefind's excerpt is the page's text with <mark> around the words found: only those tags stay.
  function excerpt(html) {
    return escape(html.replace(KEY, "").replace(/<\/?mark>/g, "\u0001").replace(/<[^>]*>/g, ""))
      .replace(/&#38;(amp|lt|gt|quot|#39|#\d+);/g, "&$1;")
      .replace(/\u0001([^\u0001]*)\u0001/g, "<mark>$1</mark>");
  }

  function marked(title, found) {
    let html = escape(title);
    for (const word of found.filter((w) => w.length > 1)) {
      html = html.split(escape(word)).join(`<mark>${escape(word)}</mark>`);
    }
    return html;
  }

  function item(data, found) {
    const title = (data.meta && data.meta.title) || data.url;
    return (
      `<li class="md-search-result__item"><a href="${escape(data.url)}" ` +
      `class="md-search-result__link" tabindex="-1"><article class="md-search-result__article ` +
      `md-typeset"><h1>${marked(title, found)}</h1><p>${excerpt(data.excerpt)}</p>` +
      `</article></a></li>`
    );
  }

  // Whether the search is 本镇 (a township's page of a county's site, 本镇 chosen).
  function scoped() {
    const chosen = root.querySelector("input[name=scope]:checked");
    return Boolean(township && chosen && chosen.value === "township");
  }

  function nothing(query) {
    const link = (path, text) => `<a href="${escape(new URL(path, base).href)}">${text}</a>`;
    const where = scoped() ? "本镇" : "";
    meta.innerHTML =
      `${where}没有找到与“${escape(query)}”相关的页面。` +
      (where ? "可以选“全县”再找，或" : "") +
      `请检查村名或换个说法（如“溪口村 财务”），` +
      `或到${link("villages/", "村（社区）")}、${link("disclosures/", "公开信息")}列表中查找。`;
    list.innerHTML = "";
  }

  // Pagefind's text has a U+200B between the words it cut (信访 may be 信 / 访): read without them.
  const textOf = (data) => `${titleOf(data)} ${data.content}`.replace(/\u200b/g, "").replace(KEY, "");
  const titleOf = (data) => ((data.meta && data.meta.title) || "").replace(/\s+/g, "");

  // How far into a page (its title, then its text) every word of the query has come up: a page
  // about them names them at its head (上塘村 … 村务公开：), one that only mentions them further
  // down (上塘村村务监督委员会 under a finance page's signatures) is about something else.
  const HEAD = 160; // characters: the title and the lines under it (kind, subject, period)
  const atHead = (data, found) => holds(textOf(data).slice(0, HEAD), found);

  // The query's words as units: a word of two characters or more, or single characters in a
  // row (村 / 村 / 务 of 上塘村村务), which a text holds as covered() reads them.
  function units(found) {
    const made = [];
    for (const word of found) {
      const last = made[made.length - 1];
      if ([...word].length > 1) made.push(word);
      else if (Array.isArray(last)) last.push(word);
      else made.push([word]);
    }
    return made;
  }

  const titleHolds = (title, unit) =>
    Array.isArray(unit) ? covered(unit, title) : title.includes(unit);

  // A disclosure's page (公开): what a village and a topic (上塘村财务) are typed for, before a
  // meeting whose title names the same words (上塘村 民主恳谈会：…财务公开的时间和方式).
  const isDisclosure = (data) => /\/disclosures\/[^/]+\/$/.test(new URL(data.url, location.href).pathname);

  // The order results are shown in: a page titled as typed, then titles holding what was typed,
  // then titles holding more of its words, disclosures first among equals, then pages naming
  // every word at their head, then pages holding it as typed; else Pagefind's order.
  function order(data, found, whole) {
    const title = titleOf(data);
    return [
      title === whole ? 0 : 1,
      title.includes(whole) ? 0 : 1,
      -units(found).filter((unit) => titleHolds(title, unit)).length,
      isDisclosure(data) ? 0 : 1,
      atHead(data, found) ? 0 : 1,
      textOf(data).includes(whole) ? 0 : 1,
    ];
  }

  function before(a, b) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  // The results that hold every word of the query, best first: Pagefind's first results are
  // read (EXAMINED at most; fewer when enough are found and one of them holds the query as
  // typed, or past a name's length when one is titled with every unit) and put in order.
  // Pagefind ranks pages that say 党 and 小组 apart, or say a word often (组织生活 pages say
  // 党小组 96 times), before the page titled with it: read on for.
  async function holding(pagefind, found, query) {
    const whole = query.replace(/\s+/g, "");
    const kept = new Map();
    const read = new Set();
    // A short query is most often a name (青溪社区): read on, to EXAMINED, for the page titled
    // with it, which Pagefind may rank after ten pages that name it more often.
    const named = (k) => titleOf(k.data) === whole;
    // Past a name's length (上塘村财务, a place and a topic), a screen of results with one titled
    // with every unit of the query is enough: at county scale each further search and fragment
    // costs a phone's bytes.
    const short = [...whole].length <= 4; // 青溪社区, 安青桥村: most often a name alone
    const titled = (k) => units(found).every((unit) => titleHolds(titleOf(k.data), unit));
    const enough = () =>
      kept.size >= SHOWN &&
      ((!short && [...kept.values()].some(titled)) ||
        ([...kept.values()].some((k) => textOf(k.data).includes(whole)) &&
          ([...whole].length > 8 || [...kept.values()].some(named))));
    const keyed = withKeys(query);
    for (const terms of plans(found, keyed)) {
      // Pages of the period found by its key are what it was typed for: a screen of them is
      // enough; fewer, and its words are asked too (a finding may name the month).
      const done = () => enough() || (terms === keyed && kept.size >= SHOWN);
      const search = await pagefind.search(terms);
      const results = (search ? search.results : []).filter((r) => !read.has(r.id));
      for (let start = 0; start < results.length && read.size < EXAMINED; start += READ) {
        const batch = results.slice(start, start + Math.min(READ, EXAMINED - read.size));
        batch.forEach((r) => read.add(r.id));
        for (const data of await Promise.all(batch.map((r) => r.data()))) {
          if (holds(textOf(data), found) && !kept.has(data.url)) {
            kept.set(data.url, { data, key: [...order(data, found, whole), kept.size] });
          }
        }
        if (done()) break;
      }
      if (done() || read.size >= EXAMINED) break;
    }
    return [...kept.values()]
      .sort((a, b) => before(a.key, b.key))
      .slice(0, SHOWN)
      .map((k) => k.data);
  }

  // The words with single characters in a row as one (青 / 溪 / 镇 as 青溪镇), spaced.
  function joined(found) {
    const single = (word) => word !== undefined && [...word].length === 1;
    return found
      .map((word, i) => (single(word) && single(found[i - 1]) ? word : ` ${word}`))
      .join("")
      .trim();
  }

  // A period as the pages write it (after spelled()), and the key the index holds for it
  // (generators/model/periods.py, Period.search_key): 2025年第三季度 is qj2025q3, 2025年10月
  // qj202510, 2025年下半年 qj2025h2, 2025年 qj2025 (a year's key begins each of its periods'),
  // 三季度 (of any year) qjq3, 下半年 qjh2.
  // Asked by its key, a period costs one small part of the index; asked by its words (2025 / 年 /
  // 10 / 月), words on nearly every page, it cost a phone about 200 KB at county scale.
  const PERIODS = [
    [/(?:(\d{4})年)?第([一二三四])季度/g, (y, q) => `qj${y || ""}q${QUARTERS.indexOf(q) + 1}`],
    [/(?:(\d{4})年)?([上下])半年/g, (y, h) => `qj${y || ""}h${h === "上" ? 1 : 2}`],
    [/(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/g, (y, m, d) => `qj${y}${pad(m)}${d ? pad(d) : ""}`],
    [/(\d{4})年(?!度)/g, (y) => `qj${y}`],
  ];
  const pad = (n) => String(n).padStart(2, "0");
  const KEY = /(<mark>)?\bqj[0-9a-z]+\b(<\/mark>)?\.?\s*/g; // as a page's text shows a key

  // The query with each period as its key, the rest of it cut into words ("" without a period).
  function withKeys(query) {
    const keys = [];
    let rest = query;
    for (const [pattern, key] of PERIODS) {
      rest = rest.replace(pattern, (_, ...parts) => {
        keys.push(key(...parts.slice(0, 3)));
        return " ";
      });
    }
    return keys.length ? [joined(words(rest)), ...keys].filter(Boolean).join(" ") : "";
  }

  // What Pagefind is asked, in turn while too little is found: a period by its key (withKeys);
  // the words as cut here, single characters in a row joined, then apart; the longer words alone (a single character is found
  // only at the start of a word of the index: 级 is not found in 村级, so a title cut as
  // 村 / 级 … 为 / 民 / 办 / 实 / 事 finds nothing until its single characters are left to holds()); the query
  // in one piece (a name cut here as 刘 / 建国 is one word of the index, 刘建国); each longer
  // word's first character (the index may cut a word otherwise, 党支部 as 党支 / 部, but a word
  // of the index starts there all the same); the query's first character. Pagefind finds the
  // pages that have all it is asked; holds() then checks every word in the page's text.
  function plans(found, keyed) {
    const long = found.filter((word) => [...word].length > 1);
    const first = (long.length ? long : found).map((word) => [...word][0]).join(" ");
    const asked = [
      keyed,
      joined(found),
      found.join(" "),
      long.join(" "),
      found.join(""),
      first,
      [...found.join("")][0],
    ].filter(Boolean);
    return asked.filter((terms, i) => asked.indexOf(terms) === i);
  }

  async function run(query) {
    const mine = ++asked;
    if (!query.trim()) {
      meta.textContent = "键入以开始搜索";
      list.innerHTML = "";
      root.dataset.answered = "";
      return;
    }
    meta.textContent = "正在搜索…";
    const asWritten = spelled(query);
    const found = words(asWritten);
    const place = await routed(asWritten);
    let kept = found.length ? await holding(await load(bundle(place)), found, asWritten) : [];
    if (place && found.length && !kept.length) {
      kept = await holding(await load(bundle()), found, asWritten); // the county's pages too
    }
    if (mine !== asked) return;
    if (!kept.length) nothing(query);
    else {
      meta.textContent = `找到 ${kept.length} 个符合条件的页面`;
      list.innerHTML = kept.map((data) => item(data, found)).join("");
    }
    root.dataset.answered = query; // the query the list shows (tests wait for it)
    root.dataset.scope = scoped() ? "township" : "county"; // and where it was looked for
  }

  input.addEventListener("focus", () => {
    toggle.checked = true;
    prepare();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 150);
  });
  root.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  root.querySelectorAll("input[name=scope]").forEach((choice) =>
    choice.addEventListener("change", () => {
      run(input.value);
      input.focus();
    }),
  );
  root.querySelector("form").addEventListener("reset", () => {
    setTimeout(() => run(""), 0);
    input.focus();
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) input.focus();
    else input.blur();
  });
  // An address with ?q= (the 404 page's search link) opens the search, ready to type; with
  // words after it, they are searched.
  const addressed = new URLSearchParams(location.search).get("q");
  if (addressed !== null) {
    toggle.checked = true;
    input.value = addressed;
    input.focus();
    if (addressed.trim()) run(addressed);
  }

  const typing = (element) => /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      input.blur();
    } else if (event.key === "/" && !toggle.checked && !typing(event.target)) {
      event.preventDefault();
      input.focus();
    }
  });
})();
