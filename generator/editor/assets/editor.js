// showcase serve: the browser editor. A dialog over the page with a form made from the kind's
// form description (GET /__showcase/edit/form/<kind>, see generator/editor/form.py); the server
// checks and writes (generator/editor/api.py). Plain JavaScript, no build step.
//
// A widget keeps the value it was given and returns it unchanged until it is edited, so a save
// sends back exactly what the file had for every field left alone (and keys the form does not
// know), and the server leaves their bytes as they were.
(function () {
  "use strict";
  var state = JSON.parse(document.getElementById("sc-preview-state").textContent);
  var WORDS = JSON.parse(document.getElementById("sc-editor-words").textContent);
  var API = "/__showcase/edit/";
  var page = state.page;
  var opener = document.getElementById("sc-editor-open");
  var serial = 0;
  var cache = {};  // GET answers that do not change while the editor is open: records, assets

  function say(code, args) {
    return WORDS[code].replace(/\{(\w+)\}/g, function (all, name) { return args && name in args ? args[name] : all; });
  }

  function h(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "on") Object.keys(value).forEach(function (ev) { node.addEventListener(ev, value[ev]); });
      else node.setAttribute(name, value === true ? "" : value);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function newId() { serial += 1; return "sce-e" + serial; }

  function empty(value) {
    return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
  }

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  // -- talking to the server --------------------------------------------------------------
  function call(method, path, data, raw) {
    var headers = {"X-Showcase-Token": state.token};
    var body;
    if (raw !== undefined) body = raw;
    else if (data !== undefined) { headers["Content-Type"] = "application/json"; body = JSON.stringify(data); }
    return fetch(API + path, {method: method, headers: headers, body: body, cache: "no-store", credentials: "same-origin"})
      .then(function (response) {
        return response.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = {message: text}; }
          return {status: response.status, data: json || {}};
        });
      });
  }

  function get(path) {
    return call("GET", path).then(function (answer) {
      if (answer.status !== 200) throw new Error(answer.data.message || ("HTTP " + answer.status));
      return answer.data;
    });
  }

  function cached(path) {
    if (!cache[path]) cache[path] = get(path).catch(function (error) { delete cache[path]; throw error; });
    return cache[path];
  }

  // -- folding text as `showcase ids` does: simplified script, case ignored --------------------
  var T2S = null;
  function fold(text) {
    var out = "";
    for (var ch of String(text)) out += (T2S && T2S.has(ch)) ? T2S.get(ch) : ch;
    return out.toLowerCase();
  }

  // -- one field: label, input, help, example, error --------------------------------------------
  // A field's wrapper carries data-path (its place in the front matter, as the server names it in
  // an error: "honors.1.level"); its error shows in the wrapper's .sce-error.
  function frame(desc, control, inputId, group) {
    var helpId = inputId + "-help", errorId = inputId + "-error";
    var mark = desc.required ? [h("span", {"class": "sce-required", "aria-hidden": "true", text: " *"}),
                                h("span", {"class": "sce-hidden", text: "（" + say("required") + "）"})] : [];
    var caption = desc.label ? h(group ? "legend" : "label", group ? {} : {"for": inputId}, desc.label) : null;
    if (caption) mark.forEach(function (node) { caption.appendChild(node); });
    var help = null;
    if (desc.help || (desc.example && desc.widget !== "switch")) {
      help = h("p", {"class": "sce-help", id: helpId}, desc.help || "",
               desc.example && desc.widget !== "switch" ? h("span", {"class": "sce-example",
                 text: say("example", {example: desc.example})}) : null);
    }
    var error = h("p", {"class": "sce-error", id: errorId, hidden: true});
    var wrapper = h(group ? "fieldset" : "div", {"class": "sce-field sce-" + desc.widget}, caption, help, control, error);
    var input = group ? wrapper : control.id === inputId ? control : control.querySelector("#" + inputId);
    input.setAttribute("aria-describedby", (help ? helpId + " " : "") + errorId);
    if (desc.required && !group) input.setAttribute("aria-required", "true");
    return wrapper;
  }

  // Every widget: {node, get(), changed(), setPath(path), focus()}; get() gives the original value
  // while the widget is untouched. The frame has no caption when the field has no label (an item
  // of a list, named by the list).
  function build(desc, original, path, context) {
    var make = WIDGETS[desc.widget];
    var widget = make(desc, original, context);
    var dirty = false;
    var node = frame(desc, widget.control, widget.inputId || newId(), widget.group);
    function touched() { dirty = true; }
    node.addEventListener("input", touched);
    node.addEventListener("change", touched);
    node.addEventListener("sce-change", touched);
    var result = {
      node: node,
      get: function () { return dirty ? widget.value() : original; },
      changed: function () { return dirty; },
      setPath: function (p) { node.dataset.path = p; if (widget.setPath) widget.setPath(p); },
      focus: function () { var first = node.querySelector("input, select, textarea, button"); if (first) first.focus(); }
    };
    result.setPath(path);
    return result;
  }

  function changed(node) { node.dispatchEvent(new Event("sce-change", {bubbles: true})); }

  function textInput(tag, original, attrs) {
    var id = newId();
    var input = h(tag, Object.assign({id: id, name: id, autocomplete: "off"}, attrs || {}));
    input.value = original === undefined || original === null || isObject(original) || Array.isArray(original)
      ? "" : String(original);
    return {input: input, id: id};
  }

  var WIDGETS = {
    text: function (desc, original) {
      var t = textInput("input", original, {type: "text", inputmode: desc.input === "url" ? "url" : null});
      return {control: t.input, inputId: t.id, value: function () { return t.input.value.trim() || null; }};
    },
    textarea: function (desc, original) {
      var t = textInput("textarea", original, {rows: 3});
      return {control: t.input, inputId: t.id, value: function () { return t.input.value.trim() || null; }};
    },
    number: function (desc, original) {
      var t = textInput("input", original, {type: "text", inputmode: desc.integer ? "numeric" : "decimal"});
      return {control: t.input, inputId: t.id, value: function () {
        var text = t.input.value.trim();
        if (!text) return null;
        return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;  // not a number: the checker says so
      }};
    },
    select: function (desc, original) {
      var id = newId();
      var select = h("select", {id: id, name: id}, h("option", {value: "", text: say("none")}));
      var choices = desc.choices.slice();
      if (!empty(original) && typeof original !== "object" && choices.indexOf(original) < 0) choices.push(String(original));
      choices.forEach(function (choice) { select.appendChild(h("option", {value: choice, text: choice})); });
      select.value = empty(original) || typeof original === "object" ? "" : String(original);
      return {control: select, inputId: id, value: function () { return select.value || null; }};
    },
    "switch": function (desc, original) {
      var id = newId();
      var box = h("input", {type: "checkbox", id: id, name: id, role: "switch"});
      box.checked = original === desc.on;
      var control = h("span", {"class": "sce-switch"}, box,
                      desc.on_label ? h("label", {"for": id, text: desc.on_label}) : null);
      return {control: control, inputId: id, value: function () {
        if (box.checked) return desc.on;
        return empty(original) || original === desc.on ? null : original;  // the other value stays if written
      }};
    },
    period: function (desc, original, context) {
      var wasObject = isObject(original);
      // the period's help already says which dates are accepted
      var start = build(Object.assign({}, desc.fields[0], {help: ""}), wasObject ? original.start : original, "", context);
      var endDesc = Object.assign({}, desc.fields[1], {label: say("period-end"), help: ""});
      var end = build(endDesc, wasObject ? original.end : undefined, "", context);
      var control = h("div", {"class": "sce-pair"}, start.node, end.node);
      return {control: control, group: true, setPath: function (p) { start.setPath(p + ".start"); end.setPath(p + ".end"); },
        value: function () {
          var s = start.get(), e = end.get();
          if (empty(s) && empty(e)) return null;
          if (empty(e)) return wasObject ? {start: s} : s;
          return {start: s, end: e};
        }};
    },
    object: function (desc, original, context) {
      var fields = objectFields(desc.fields, isObject(original) ? original : {}, context);
      return {control: fields.node, group: true, setPath: fields.setPath,
              value: function () { return fields.value(original); }};
    },
    reference: function (desc, original, context) { return picker(desc, original, context); },
    references: function (desc, original, context) {
      var items = Array.isArray(original) ? original : (empty(original) ? [] : [original]);
      var list = listOf(desc, items, context, function (value, ctx) {
        return build({widget: "reference", kinds: desc.kinds}, value, "", ctx);
      });
      return {control: list.node, group: true, setPath: list.setPath, value: function () {
        var values = list.value();
        if (desc.single && !Array.isArray(original) && values && values.length === 1) return values[0];
        return values;
      }};
    },
    list: function (desc, original, context) {
      var list = listOf(desc, Array.isArray(original) ? original : (empty(original) ? [] : [original]), context,
        function (value, ctx) {
          return build(Object.assign({key: desc.key}, desc.item), value, "", ctx);  // the key: the list's
        });
      return {control: list.node, group: true, setPath: list.setPath, value: list.value};
    },
    objects: function (desc, original, context) {
      var list = listOf(desc, Array.isArray(original) ? original : [], context, function (value, ctx) {
        return build({widget: "object", fields: desc.fields}, value, "", ctx);
      });
      return {control: list.node, group: true, setPath: list.setPath, value: list.value};
    },
    file: function (desc, original, context) { return filePicker(desc, original, context); }
  };
  WIDGETS.date = WIDGETS.text;  // any form the checker accepts, as typed; the server says when it is not one

  function objectFields(descs, original, context) {
    var widgets = descs.map(function (d) { return {key: d.key, widget: build(d, original[d.key], "", context)}; });
    var node = h("div", {"class": "sce-object"});
    widgets.forEach(function (w) { node.appendChild(w.widget.node); });
    return {
      node: node,
      setPath: function (p) { widgets.forEach(function (w) { w.widget.setPath(p + "." + w.key); }); },
      value: function (base) {
        var result = Object.assign({}, isObject(base) ? base : {});
        widgets.forEach(function (w) {
          var value = w.widget.get();
          if (empty(value)) delete result[w.key]; else result[w.key] = value;
        });
        return Object.keys(result).length ? result : null;
      }
    };
  }

  // A list: items in order, each with 上移 / 下移 / 删除, and 添加 at the end.
  function listOf(desc, originals, context, makeItem) {
    var items = [];
    var ol = h("ol", {"class": "sce-items" + (desc.widget === "objects" ? "" : " sce-scalars")});
    var path = "";
    var add = h("button", {type: "button", "class": "sce-add", text: say("add") + " " + desc.label});
    var node = h("div", {"class": "sce-list"}, ol, add);

    function renumber() {
      items.forEach(function (item, i) {
        item.widget.setPath(path + "." + i);
        var n = say("item", {n: i + 1});
        item.caption.textContent = n;
        n = desc.label + " " + n;  // the buttons say which list, for a screen reader
        item.up.disabled = i === 0;
        item.down.disabled = i === items.length - 1;
        item.up.setAttribute("aria-label", say("up") + " " + n);
        item.down.setAttribute("aria-label", say("down") + " " + n);
        item.remove.setAttribute("aria-label", say("remove") + " " + n);
        // a single input names its item, so that a screen reader says which one it is
        var input = item.widget.node.tagName === "FIELDSET" ? null : item.widget.node.querySelector("input, select");
        if (input) input.setAttribute("aria-label", n);
      });
    }
    function move(item, by) {
      var i = items.indexOf(item), j = i + by;
      if (j < 0 || j >= items.length) return;
      items.splice(i, 1);
      items.splice(j, 0, item);
      if (by < 0) ol.insertBefore(item.li, items[j + 1].li); else ol.insertBefore(item.li, items[j - 1].li.nextSibling);
      renumber();
      changed(node);
      (by < 0 && j === 0 ? item.down : by > 0 && j === items.length - 1 ? item.up : by < 0 ? item.up : item.down).focus();
    }
    function append(value) {
      var item = {widget: makeItem(value, context)};
      item.caption = h("span", {"class": "sce-item-number"});
      item.up = h("button", {type: "button", "class": "sce-up", text: "↑", on: {click: function () { move(item, -1); }}});
      item.down = h("button", {type: "button", "class": "sce-down", text: "↓", on: {click: function () { move(item, 1); }}});
      item.remove = h("button", {type: "button", "class": "sce-remove", text: say("remove"), on: {click: function () {
        var i = items.indexOf(item);
        items.splice(i, 1);
        ol.removeChild(item.li);
        renumber();
        changed(node);
        (items[i] ? items[i].remove : items[i - 1] ? items[i - 1].remove : add).focus();
      }}});
      item.li = h("li", {"class": "sce-item"}, h("div", {"class": "sce-item-tools"}, item.caption, item.up, item.down, item.remove),
                  item.widget.node);
      items.push(item);
      ol.appendChild(item.li);
      return item;
    }
    originals.forEach(append);
    if (!originals.length && desc.min_items) append(undefined);  // a list that may not be empty starts with one
    add.addEventListener("click", function () {
      var item = append(undefined);
      renumber();
      changed(node);
      item.widget.focus();
    });
    return {
      node: node,
      setPath: function (p) { path = p; renumber(); },
      value: function () {
        // empty items are left out; the others take the places the server's errors will name
        var values = [];
        items.forEach(function (item) {
          var value = item.widget.get();
          item.widget.setPath(empty(value) ? "" : path + "." + values.length);  // "": no error of the server's
          if (empty(value)) return;
          values.push(value);
        });
        return values.length ? values : null;
      }
    };
  }

  // -- a reference: type part of a title or id, choose a record; the id is what is stored ----------
  function picker(desc, original, context) {
    var id = newId(), listId = id + "-list";
    var input = h("input", {type: "text", id: id, name: id, role: "combobox", autocomplete: "off",
                            "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": listId,
                            placeholder: say("search-record")});
    input.value = empty(original) || typeof original === "object" ? "" : String(original);
    var list = h("ul", {id: listId, role: "listbox", "class": "sce-options", hidden: true});
    var chosen = h("p", {"class": "sce-chosen", "aria-live": "polite"});
    var records = [], shown = [], active = -1;
    var kind = desc.kinds[0];
    function load() {
      return cached("records?kind=" + encodeURIComponent(kind)).then(function (found) { records = found; describe(); });
    }
    function describe() {
      var value = input.value.trim().toLowerCase();
      var record = records.filter(function (r) { return r.id.toLowerCase() === value; })[0];
      chosen.textContent = !value ? "" : record ? say("chosen", {title: record.title}) : records.length ? say("not-found", {id: input.value.trim()}) : "";
    }
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; }
    function highlight(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      if (list.children[i] && list.children[i].id) {
        input.setAttribute("aria-activedescendant", list.children[i].id);
        list.children[i].scrollIntoView({block: "nearest"});
      }
    }
    function choose(record) {
      input.value = record.id;
      close();
      describe();
      changed(input);
      input.focus();
    }
    function search() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      shown = records.filter(function (r) { return words.every(function (w) { return r.fold.indexOf(w) >= 0; }); }).slice(0, 30);
      list.textContent = "";
      shown.forEach(function (r, i) {
        list.appendChild(h("li", {role: "option", id: listId + "-" + i, "aria-selected": "false",
                                  on: {mousedown: function (ev) { ev.preventDefault(); choose(r); }}},
                           r.title, h("span", {"class": "sce-option-id", text: r.id})));
      });
      if (!shown.length) list.appendChild(h("li", {"class": "sce-no-match", text: say("no-match")}));
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(shown.length ? 0 : -1);
    }
    input.addEventListener("input", function () { load().then(function () { describe(); if (input.value.trim()) search(); else close(); }); });
    input.addEventListener("focus", load);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        if (list.hidden) { load().then(search); return; }
        if (shown.length) highlight((active + (ev.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length);
      } else if (ev.key === "Enter" && !list.hidden && shown[active]) {
        ev.preventDefault();
        choose(shown[active]);
      } else if (ev.key === "Escape" && !list.hidden) {
        ev.preventDefault();
        ev.stopPropagation();  // closes the list, not the editor
        close();
      }
    });
    if (input.value) load().catch(function () {});
    return {control: h("div", {"class": "sce-combo"}, input, list, chosen), inputId: id,
            value: function () { return input.value.trim() || null; }};
  }

  // -- a file: a path, chosen from content/assets/ or uploaded ------------------------------------
  function filePicker(desc, original, context) {
    var t = textInput("input", original, {type: "text"});
    var chooseId = newId(), uploadId = newId();
    var select = h("select", {id: chooseId}, h("option", {value: "", text: "…"}));
    var upload = h("input", {type: "file", id: uploadId, "class": "sce-upload", accept: desc.images ? "image/*" : null});
    var note = h("p", {"class": "sce-file-note", "aria-live": "polite"});
    var thumb = h("img", {"class": "sce-thumb", alt: "", hidden: true});
    function show() {
      var value = t.input.value.trim();
      thumb.hidden = !desc.images || !value;
      if (!thumb.hidden) thumb.src = new URL(value.replace(/^\//, ""), value.charAt(0) === "/" ? location.origin + "/" : location.origin + context.base).href;
    }
    var filledFrom = null;
    function fill() {  // once per list of assets (a new one after an upload)
      var request = cached("assets");
      if (request === filledFrom) return request;
      filledFrom = request;
      return request.then(function (assets) {
        select.length = 1;
        var usable = assets.filter(function (a) { return !desc.images || a.image; });
        select.options[0].textContent = usable.length ? "…" : say("no-files");
        usable.forEach(function (a) { select.appendChild(h("option", {value: a.value, text: a.value})); });
      }).catch(function (error) { note.textContent = say("failed", {reason: error.message}); });
    }
    select.addEventListener("focus", fill);
    select.addEventListener("mousedown", fill);
    select.addEventListener("change", function () {
      if (!select.value) return;
      t.input.value = select.value;
      show();
      changed(t.input);
    });
    upload.addEventListener("change", function () {
      var file = upload.files[0];
      if (!file) return;
      // the field's key lets the server accept only the file types the checker accepts there
      call("POST", "upload/" + encodeURIComponent(context.kind) + "?name=" + encodeURIComponent(file.name) +
           "&field=" + encodeURIComponent(desc.key), undefined, file)
        .then(function (answer) {
          if (answer.status !== 201 && answer.status !== 200) throw new Error(answer.data.message || ("HTTP " + answer.status));
          delete cache.assets;
          t.input.value = answer.data.value;
          note.textContent = say("uploaded", {name: answer.data.value});
          show();
          changed(t.input);
        })
        .catch(function (error) { note.textContent = say("upload-failed", {reason: error.message}); });
    });
    t.input.addEventListener("change", show);
    show();
    var control = h("div", {"class": "sce-file"}, t.input,
      h("div", {"class": "sce-file-tools"},
        h("label", {"for": chooseId, text: say("choose-file")}), select,
        upload, h("label", {"for": uploadId, "class": "sce-upload-button", text: say("upload")})),
      note, thumb);
    return {control: control, inputId: t.id, value: function () { return t.input.value.trim() || null; }};
  }

  // -- the dialog ---------------------------------------------------------------------------------
  var dialog = null;

  function open() {
    opener.disabled = true;
    opener.setAttribute("aria-busy", "true");
    var requests = [get("form/" + encodeURIComponent(page.kind))];
    if (page.id) requests.push(get("record/" + encodeURIComponent(page.kind) + "/" + page.id.split("/").map(encodeURIComponent).join("/")));
    Promise.all(requests).then(function (answers) {
      if (!T2S) {
        var to = Array.from(answers[0].t2s[1]);
        T2S = new Map(Array.from(answers[0].t2s[0]).map(function (ch, i) { return [ch, to[i]]; }));
      }
      show(answers[0], answers[1] || null);
    }).catch(function (error) {
      window.alert(say("load-failed", {reason: error.message}));
    }).then(function () {
      opener.disabled = false;
      opener.removeAttribute("aria-busy");
    });
  }

  function show(form, record) {
    if (dialog) dialog.remove();
    window.scEditorOpen = true;
    cache = {};
    var editing = !!record;
    var values = editing ? record.values : {};
    // the folder of the record's file, as an address: relative paths (../assets/x.png) start there
    var folderAt = editing ? record.path.indexOf(form.folder + "/") : -1;
    var base = "/" + (folderAt >= 0 ? record.path.slice(folderAt).replace(/[^/]*$/, "") : form.folder + "/");
    var context = {kind: form.kind, base: base};
    var titleId = newId();
    var heading = editing ? say("edit-title", {kind: form.label, title: values.title || record.id}) : say("new-title", {kind: form.label});
    var summary = h("div", {"class": "sce-summary", role: "alert"});
    var status = h("p", {"class": "sce-status", role: "status"});
    var fields = h("div", {"class": "sce-fields"});
    var widgets = [];

    var idInput = null, idEdited = false;
    if (!editing) {
      var idField = frame({label: say("new-id"), help: say("new-id-help"), required: true, widget: "text"},
                          (idInput = h("input", {type: "text", id: newId(), autocomplete: "off", spellcheck: "false"})), idInput.id);
      idField.dataset.path = "id";
      idField.classList.add("sce-new-id");
      idInput.addEventListener("input", function () { idEdited = true; });
      fields.appendChild(idField);
    }
    form.fields.forEach(function (desc) {
      if (!editing && desc.key === "id") return;  // a new record's id is its file name, above
      var widget = build(desc, values[desc.key], desc.key, context);
      widgets.push({key: desc.key, widget: widget});
      fields.appendChild(widget.node);
    });

    // the body, with a preview rendered by the server as the site renders it
    var original = editing ? record.body : form.body_outline;
    var crlf = original.indexOf("\r\n") >= 0;
    var bodyId = newId();
    var body = h("textarea", {id: bodyId, rows: 14, "class": "sce-body", spellcheck: "false"});
    body.value = original;
    var bodyTouched = false;
    var rendered = h("div", {"class": "sce-rendered md-typeset", "aria-live": "off"});
    var bodyField = frame({label: say("body"), help: say("body-help"), widget: "textarea"}, body, bodyId);
    bodyField.dataset.path = "body";
    bodyField.appendChild(h("section", {"class": "sce-preview", "aria-label": say("body-preview")},
                            h("h3", {text: say("body-preview")}), rendered));
    fields.appendChild(bodyField);
    function bodyValue() {
      if (!bodyTouched) return original;
      return crlf ? body.value.replace(/\r?\n/g, "\r\n") : body.value;
    }
    var timer = null;
    function render() {
      call("POST", "render/" + encodeURIComponent(form.kind), {body: bodyValue(), id: editing ? record.id : undefined})
        .then(function (answer) { if (answer.status === 200) rendered.innerHTML = answer.data.html || ""; });
    }
    body.addEventListener("input", function () { bodyTouched = true; clearTimeout(timer); timer = setTimeout(render, 300); });
    render();

    // a new record's id follows what is typed (organisation and date, series and number) until it
    // is edited by hand; the server suggests it as `showcase new` does
    if (!editing) {
      var suggest = function () {
        var query = widgets.map(function (w) {
          var value = w.widget.get();
          if (Array.isArray(value)) value = value[0];
          if (isObject(value)) value = value.start;
          return typeof value === "string" || typeof value === "number"
            ? encodeURIComponent(w.key) + "=" + encodeURIComponent(value) : "";
        }).filter(Boolean).join("&");
        get("suggest-id/" + encodeURIComponent(form.kind) + "?" + query).then(function (answer) {
          if (!idEdited && answer.id) idInput.value = answer.id;
        }).catch(function () {});
      };
      var idTimer = null;
      var later = function (ev) {
        if (ev.target === idInput) return;
        clearTimeout(idTimer);
        idTimer = setTimeout(suggest, 300);
      };
      fields.addEventListener("input", later);
      fields.addEventListener("sce-change", later);
      suggest();
    }

    var save = h("button", {type: "submit", "class": "sce-save", text: say("save")});
    var cancel = h("button", {type: "button", "class": "sce-cancel", text: say("cancel")});
    var formNode = h("form", {"class": "sce-form", novalidate: true},
      h("header", {"class": "sce-head"}, h("h2", {id: titleId, text: heading}),
        h("button", {type: "button", "class": "sce-x", "aria-label": say("cancel"), text: "×", on: {click: function () { leave(); }}})),
      h("div", {"class": "sce-main"}, summary, fields),
      h("footer", {"class": "sce-foot"}, status, save, cancel));
    dialog = h("dialog", {"class": "sce-editor", id: "sce-editor", "aria-labelledby": titleId}, formNode);
    document.body.appendChild(dialog);

    function dirty() { return bodyTouched || widgets.some(function (w) { return w.widget.changed(); }); }
    function leave() {
      if (dirty() && !window.confirm(say("close-unsaved"))) return;
      dialog.close();
    }
    cancel.addEventListener("click", leave);
    formNode.addEventListener("keydown", function (ev) {
      if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === "s") {  // Ctrl+S saves, as in an editor
        ev.preventDefault();
        formNode.requestSubmit(save);
      } else if (ev.key === "Enter" && ev.target.tagName === "INPUT" && ev.target.type !== "checkbox") {
        ev.preventDefault();  // Enter in a field does not save the form half-filled
      }
    });
    dialog.addEventListener("cancel", function (ev) { ev.preventDefault(); leave(); });
    dialog.addEventListener("close", function () {
      window.scEditorOpen = false;
      dialog.remove();
      dialog = null;
      if (window.scEditorStale) location.reload();  // the content changed meanwhile
      else opener.focus();
    });

    function clearErrors() {
      summary.textContent = "";
      dialog.querySelectorAll(".sce-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
      dialog.querySelectorAll("[aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
    }
    // an error's field: the wrapper of its path, or of the nearest enclosing path that has one
    function place(error) {
      var parts = (error.field || "").split(".").filter(Boolean);
      while (parts.length) {
        var wrapper = dialog.querySelector('[data-path="' + CSS.escape(parts.join(".")) + '"]');
        if (wrapper) {
          var p = wrapper.querySelector(":scope > .sce-error");
          p.hidden = false;
          p.appendChild(h("span", {text: error.message}));
          var input = wrapper.querySelector("input, select, textarea");
          if (input) input.setAttribute("aria-invalid", "true");
          return wrapper;
        }
        parts.pop();
      }
      return null;
    }
    function showErrors(errors) {
      clearErrors();
      var general = [];
      errors.forEach(function (error) { if (!place(error)) general.push(error.message); });
      summary.appendChild(h("p", {text: say("errors", {count: errors.length})}));
      if (general.length) {
        var ul = h("ul");
        general.forEach(function (message) { ul.appendChild(h("li", {text: message})); });
        summary.appendChild(ul);
      }
      var target = dialog.querySelector("[aria-invalid]");  // the first in the form's order
      if (target) target.focus(); else summary.scrollIntoView();
    }
    function refused(message, reload) {
      clearErrors();
      summary.appendChild(h("p", {text: message}));
      if (reload) {
        summary.appendChild(h("button", {type: "button", "class": "sce-reload", text: say("conflict-reload"), on: {click: function () {
          get("record/" + encodeURIComponent(form.kind) + "/" + record.id.split("/").map(encodeURIComponent).join("/"))
            .then(function (fresh) { show(form, fresh); })
            .catch(function (error) { refused(say("failed", {reason: error.message})); });
        }}}));
        summary.querySelector(".sce-reload").focus();
      }
    }

    formNode.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var front = Object.assign({}, values);  // keys the form does not show are kept as they are
      widgets.forEach(function (w) {
        var value = w.widget.get();
        if (value === undefined) return;
        if (empty(value)) delete front[w.key]; else front[w.key] = value;
      });
      save.disabled = true;
      status.textContent = say("saving");
      var request = editing
        ? call("POST", "record/" + encodeURIComponent(form.kind) + "/" + record.id.split("/").map(encodeURIComponent).join("/"),
               {version: record.version, values: front, body: bodyValue()})
        : call("POST", "new/" + encodeURIComponent(form.kind), {id: idInput.value.trim() || undefined, values: front, body: bodyValue()});
      request.then(function (answer) {
        status.textContent = "";
        var data = answer.data;
        if (answer.status === 200 || answer.status === 201) {
          status.textContent = say("saved");
          // scEditorOpen stays set: a live reload now would cancel the way to the saved page
          if (data.url && data.url !== location.pathname) location.assign(data.url); else location.reload();
          return;
        }
        save.disabled = false;
        if (answer.status === 422 && data.errors) showErrors(data.errors);
        else if (answer.status === 409 && editing) refused(data.message, true);
        else if (answer.status === 409) { showErrors([{field: "id", message: data.message}]); }
        else refused(say("failed", {reason: data.message || ("HTTP " + answer.status)}));
      }).catch(function (error) {
        save.disabled = false;
        status.textContent = "";
        refused(say("failed", {reason: error.message}));
      });
    });

    dialog.showModal();
    var first = fields.querySelector("input, select, textarea");
    if (first) first.focus();
  }

  opener.addEventListener("click", open);
})();
