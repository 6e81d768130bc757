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
})();
