/* 可排序的表格：放在 <div class="sortable-table"> 里的表格，每个表头变成一个按钮，
   点一下（或用键盘按回车、空格）按这一列排序，再点一下反过来排。
   本站自己的小脚本，不向任何外部网站发请求；没有脚本时，表格照常按原来的顺序显示和打印。 */
(function () {
  "use strict";

  var ASCENDING = "ascending";
  var DESCENDING = "descending";

  /* 单元格的排序值：“1 / 3”按比值，“第 2”“50%”“1,234.00 元”按数字，“—”和空格排在最后，其余按文字。 */
  function sortValue(cell) {
    var text = cell ? cell.textContent.replace(/\s+/g, " ").trim() : "";
    if (text === "" || text === "—") {
      return null;
    }
    var plain = text.replace(/,/g, "");
    var ratio = /^(\d+(?:\.\d+)?) ?\/ ?(\d+(?:\.\d+)?)/.exec(plain);
    if (ratio) {
      return Number(ratio[2]) ? Number(ratio[1]) / Number(ratio[2]) : null;
    }
    var figure = /^第? ?(-?\d+(?:\.\d+)?)/.exec(plain);
    if (figure) {
      return Number(figure[1]);
    }
    return text;
  }

  function compareValues(a, b) {
    if (typeof a === "number" && typeof b === "number") {
      return a - b;
    }
    return String(a).localeCompare(String(b), "zh-Hans-CN");
  }

  function sortRows(table, column, direction) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
      return { row: row, index: index, value: sortValue(row.cells[column]) };
    });
    rows.sort(function (a, b) {
      if (a.value === null || b.value === null) {
        return (a.value === null) - (b.value === null) || a.index - b.index;
      }
      var order = compareValues(a.value, b.value);
      return (direction === DESCENDING ? -order : order) || a.index - b.index;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
  }

  function setUp(table, number) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    var status = document.createElement("p");
    status.className = "sortable-status";
    status.setAttribute("aria-live", "polite");
    status.textContent = "点列名可以按这一列排序，再点一次反过来排。";
    var box = table.closest(".sortable-table") || table.parentNode;
    box.insertBefore(status, box.firstChild);
    Array.prototype.forEach.call(headers, function (header, column) {
      var label = header.textContent.trim();
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sortable-button";
      button.textContent = label;
      button.addEventListener("click", function () {
        var numeric = typeof sortValue(table.tBodies[0].rows[0].cells[column]) === "number";
        var current = header.getAttribute("aria-sort");
        var direction = current === DESCENDING ? ASCENDING
          : current === ASCENDING ? DESCENDING
          : numeric ? DESCENDING : ASCENDING;
        Array.prototype.forEach.call(headers, function (other) {
          other.removeAttribute("aria-sort");
        });
        header.setAttribute("aria-sort", direction);
        sortRows(table, column, direction);
        status.textContent = "已按“" + label + "”" + (direction === DESCENDING ? "从高到低" : "从低到高") + "排序。";
      });
      header.textContent = "";
      header.appendChild(button);
    });
    table.setAttribute("data-sortable", String(number));
  }

  function setUpAll() {
    var tables = document.querySelectorAll(".sortable-table table");
    for (var i = 0; i < tables.length; i++) {
      if (!tables[i].hasAttribute("data-sortable") && tables[i].tBodies.length) {
        setUp(tables[i], i + 1);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
