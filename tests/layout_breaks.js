// Run in a page of the built site by tests/test_web_layout.py (Playwright's page.evaluate).
//
// breaks: what must stay on one line and does not: a run of text that is a date, a period, a rating
//   with its year or a figure with its comparator and unit (wherever it is written), a run the page
//   marks unbreakable (.nowrap) or a short cell (a name, a figure: td[data-short]).
// narrow: tables narrower than their content although the content column has room for more.
// room: the content column's width.
// cards: for each table shown as cards (a phone), the places (left edge in its card + width) each
//   column's cells take, and the cells whose content runs out of them (over their neighbour).
() => {
  const content = document.querySelector("article.md-content__inner");
  const breaks = [], narrow = [], cards = [];
  const name = (el) => (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
  // Lines a range takes: its boxes grouped where they overlap (a badge's box and its text are one).
  const lines = (range) => {
    const boxes = [...range.getClientRects()].filter((r) => r.width > 0)
      .sort((a, b) => a.top - b.top);
    let count = 0, bottom = -Infinity;
    for (const box of boxes) {
      if (box.top >= bottom - 1) count += 1;
      bottom = Math.max(bottom, box.bottom);
    }
    return count;
  };
  const RUN = new RegExp([
    /\d{4}-\d{2}-\d{2}/.source,
    /\d{4}年(?:第[一二三四]季度|[上下]半年|\d{1,2}月(?:\d{1,2}日)?|度)?/.source,
    /(?:[一二三四五]星|\dA|较好|较差|好|一般)（\d{4}）/.source,
    /(?:[≥≤]\s?)?(?<![0-9A-Za-z_#./-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\/\d+)?/.source +
      /(?:\s?(?:万元|元|%|天|人|户|名|次|项|个))?(?![0-9A-Za-z_./-])/.source,
  ].join("|"), "g");
  let runs = 0;
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (el.closest("svg, pre, code") || !el.getClientRects().length) continue;
    for (const m of node.data.matchAll(RUN)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      runs += 1;
      if (lines(range) > 1) {
        breaks.push(`「${m[0]}」 breaks in: ${name(el.closest("td, th, p, li") || el)}`);
      }
    }
  }
  for (const el of content.querySelectorAll(".nowrap, td[data-short]")) {
    if (!el.getClientRects().length) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    if (lines(range) > 1) breaks.push(`「${name(el)}」 breaks`);
  }
  const style = getComputedStyle(content);
  const room = content.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  for (const table of content.querySelectorAll("table")) {
    if (table.parentElement.closest("table") || !table.getClientRects().length) continue;
    if (getComputedStyle(table).display === "block") {  // cards: where each column's cells stand
      const places = {}, overlaps = [];
      for (const tr of table.querySelectorAll(":scope > tbody > tr")) {
        const card = tr.getBoundingClientRect();
        for (const td of tr.cells) {
          if (!td.getClientRects().length) continue;
          if (td.scrollWidth > td.clientWidth + 1) overlaps.push(`${name(td)} (${td.dataset.label})`);
          const box = td.getBoundingClientRect();
          places[td.cellIndex] = places[td.cellIndex] || new Set();
          places[td.cellIndex].add(`${Math.round(box.left - card.left)}+${Math.round(box.width)}`);
        }
      }
      cards.push({table: name(table), rows: table.tBodies[0] ? table.tBodies[0].rows.length : 0,
                  places: Object.values(places).map((p) => [...p]), overlaps});
      continue;
    }
    const width = table.getBoundingClientRect().width;
    const saved = table.getAttribute("style");
    table.style.width = "max-content";
    table.style.maxWidth = "none";
    const natural = table.getBoundingClientRect().width;
    if (saved === null) table.removeAttribute("style"); else table.setAttribute("style", saved);
    // A table in a folded section (details) or a box has that box's width, not the column's.
    const box = table.closest("details, .admonition");
    const style = box && getComputedStyle(box);
    const here = box ? box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
      : room;
    if (width + 2 < Math.min(natural, room, here)) {
      narrow.push(`${Math.round(width)}px wide, its content ${Math.round(natural)}px, ` +
        `room ${Math.round(room)}px: ${name(table)}`);
    }
  }
  return {breaks, runs, narrow, room, cards};
}
