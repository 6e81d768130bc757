/* 本站自带的小脚本：不向任何外部网站发请求。 */
(function () {
  "use strict";

  /* 旧版手机浏览器没有 ResizeObserver 时，主题会去外网加载补丁。
     这里用窗口尺寸变化事件提供一个简易替代，页面照常显示。 */
  if (typeof window.ResizeObserver === "undefined") {
    var Fallback = function (callback) {
      var self = this;
      this.callback = callback;
      this.targets = [];
      this.onResize = function () { self.notify(self.targets); };
      window.addEventListener("resize", this.onResize);
    };
    Fallback.prototype.observe = function (target) {
      var self = this;
      if (this.targets.indexOf(target) < 0) {
        this.targets.push(target);
      }
      window.setTimeout(function () { self.notify([target]); }, 0);
    };
    Fallback.prototype.unobserve = function (target) {
      var index = this.targets.indexOf(target);
      if (index >= 0) {
        this.targets.splice(index, 1);
      }
    };
    Fallback.prototype.disconnect = function () {
      this.targets = [];
      window.removeEventListener("resize", this.onResize);
    };
    Fallback.prototype.notify = function (targets) {
      var entries = [];
      for (var i = 0; i < targets.length; i++) {
        entries.push({ target: targets[i], contentRect: targets[i].getBoundingClientRect() });
      }
      if (entries.length) {
        this.callback(entries, this);
      }
    };
    window.ResizeObserver = Fallback;
  }

  /* 打印时在页尾写明本页网址和打印日期，便于公开栏上的纸张溯源。 */
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function fillPrintSource() {
    var boxes = document.querySelectorAll(".print-source");
    var now = new Date();
    var date = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    for (var i = 0; i < boxes.length; i++) {
      var url = boxes[i].querySelector(".print-source__url");
      var when = boxes[i].querySelector(".print-source__date");
      if (url && boxes[i].getAttribute("data-canonical") !== "yes") {
        url.textContent = window.location.href.split("#")[0];
      }
      if (when) {
        when.textContent = "（打印日期：" + date + "）";
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fillPrintSource);
  } else {
    fillPrintSource();
  }
  window.addEventListener("beforeprint", fillPrintSource);

  /* 核对公开栏（/verify/）：按版本指纹找到网上同一版本的原文。指纹表是本站自己的文件。 */
  function setUpVerify() {
    var form = document.getElementById("verify-form");
    if (!form) {
      return;
    }
    var input = document.getElementById("verify-input");
    var result = document.getElementById("verify-result");
    var table = null;
    function show(text, href) {
      result.textContent = text;
      if (href) {
        var link = document.createElement("a");
        link.href = href;
        link.textContent = "打开这一版本";
        result.appendChild(document.createTextNode(" "));
        result.appendChild(link);
      }
    }
    function look(code) {
      var key = code.toLowerCase().replace(/[^0-9a-f]/g, "");
      var found = key.length === 12 ? table[key] : null;
      if (found) {
        show("找到了：" + found.title + "（第 " + found.number + " 版，" + found.date + " 起公开）。", found.url);
      } else {
        show("没有找到这个版本指纹。请核对是否输错；指纹是 12 位，由 0–9 和 a–f 组成。", null);
      }
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var code = input.value;
      if (table) {
        look(code);
        return;
      }
      if (window.location.protocol === "file:") {
        show("这是离线副本，不能按指纹查找。请联网打开本站的“核对公开栏”页面，或对照公开栏上的二维码。", null);
        return;
      }
      show("正在查找……", null);
      var request = new XMLHttpRequest();
      request.open("GET", form.getAttribute("data-table") || "fingerprints.json");
      request.onload = function () {
        try {
          table = JSON.parse(request.responseText);
        } catch (error) {
          table = null;
        }
        if (table) {
          look(code);
        } else {
          show("暂时读不到版本指纹表，请稍后再试。", null);
        }
      };
      request.onerror = function () { show("暂时读不到版本指纹表，请稍后再试。", null); };
      request.send();
    });
  }
  /* 能左右滑动的宽表格：键盘也能滚动（可聚焦），读屏软件读出它是什么。
     主题在页面打开后才给表格加上滚动框，所以在它加上时处理。 */
  function headingBefore(node) {
    for (var at = node.previousElementSibling; at; at = at.previousElementSibling) {
      if (/^H[1-6]$/.test(at.tagName)) {
        return at.textContent.replace(/¶/g, "").trim();
      }
    }
    return "";
  }
  function labelScrollBoxes() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].hasAttribute("tabindex")) {
        continue;
      }
      var heading = headingBefore(boxes[i]);
      boxes[i].setAttribute("tabindex", "0");
      boxes[i].setAttribute("role", "region");
      boxes[i].setAttribute("aria-label", "表格 " + (i + 1) + (heading ? "：" + heading : "") + "（可左右滑动查看）");
    }
  }
  function watchScrollBoxes() {
    labelScrollBoxes();
    if (typeof window.MutationObserver !== "undefined") {
      new MutationObserver(labelScrollBoxes)
        .observe(document.body, { childList: true, subtree: true });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watchScrollBoxes);
  } else {
    watchScrollBoxes();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpVerify);
  } else {
    setUpVerify();
  }
})();
