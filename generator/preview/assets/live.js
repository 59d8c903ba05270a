// showcase serve: reload the page when the content changes (a long poll that the server
// answers as soon as it has applied a saved file, or after 20 s with nothing new).
(function () {
  var state = JSON.parse(document.getElementById("sc-preview-state").textContent);
  var overlay = document.getElementById("sc-preview-problems");
  if (overlay) {
    overlay.querySelector("button").addEventListener("click", function () { overlay.hidden = true; });
  }
  function poll(delay) {
    setTimeout(function () {
      fetch("/__showcase/changes?boot=" + state.boot + "&version=" + state.version, {cache: "no-store"})
        .then(function (response) { return response.json(); })
        .then(function (now) {
          var moved = now.boot !== state.boot || now.version !== state.version;
          if (moved && window.scEditorOpen) {
            // the editor is open: keep what is typed in it, reload once it closes (editor.js)
            window.scEditorStale = true;
            state.boot = now.boot;
            state.version = now.version;
            poll(0);
          } else if (moved) {
            location.reload();
          } else {
            poll(0);
          }
        })
        .catch(function () { poll(1000); });  // the server restarting: try again
    }, delay);
  }
  poll(0);
})();
