/* The form editor's YAML format: files the project's strict loader reads back as typed.
 *
 * Decap CMS writes YAML with the `yaml` 1.x library it bundles, which folds
 * long text over several lines (the loader rejects a value split across
 * lines) and writes `no`, `yes`, `on` and `1:20` unquoted (a YAML 1.1 reader
 * turns them into true, false and 80). This format writes with js-yaml 4
 * (vendored beside this file) instead: one line per value or a | block for
 * text with line breaks, no anchors, YAML 1.1 words and numbers quoted, keys
 * in the order of the form's fields, and empty values left out (an empty
 * optional field is absent, not ""). It reads with the YAML 1.2 core schema,
 * so a date stays the text 2025-03-31 that the date picker edits.
 *
 * The same file runs in the browser (registered in index.html) and in node
 * for the tests (tests/test_cms_yaml.py): module.exports is a function of js-yaml.
 */
(function (root) {
  "use strict";

  function strictYaml(jsyaml) {
    var schema = jsyaml.CORE_SCHEMA;

    function isEmpty(value) {
      if (value === null || value === undefined || value === "") return true;
      if (Array.isArray(value)) return value.length === 0;
      if (typeof value === "object") return Object.keys(value).length === 0;
      return false;
    }

    function prune(value) {
      if (Array.isArray(value)) {
        return value.map(prune).filter(function (item) { return !isEmpty(item); });
      }
      if (value !== null && typeof value === "object") {
        var out = {};
        Object.keys(value).forEach(function (key) {
          var item = prune(value[key]);
          if (!isEmpty(item)) out[key] = item;
        });
        return out;
      }
      return value;
    }

    function ordered(data, sortedKeys) {
      var keys = Object.keys(data);
      var rank = function (key) {
        var at = sortedKeys.indexOf(key);
        return at === -1 ? sortedKeys.length : at;
      };
      var out = {};
      keys.map(function (key, i) { return [rank(key), i, key]; })
        .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
        .forEach(function (entry) { out[entry[2]] = data[entry[2]]; });
      return out;
    }

    return {
      fromFile: function (content) {
        var data = jsyaml.load(content || "", { schema: schema });
        return data === null || data === undefined ? {} : data;
      },
      toFile: function (data, sortedKeys) {
        var clean = ordered(prune(data || {}), sortedKeys || []);
        return jsyaml.dump(clean, {
          schema: schema,
          lineWidth: -1, // never fold a value over several lines
          noRefs: true, // no anchors or aliases for repeated objects
          noCompatMode: false, // quote yes/no/on/off and 1:20, which YAML 1.1 retypes
          quotingType: '"',
          indent: 2,
          noArrayIndent: false
        });
      }
    };
  }

  if (typeof module === "object" && module.exports) {
    module.exports = strictYaml;
  } else {
    root.strictYaml = strictYaml;
  }
})(this);
