(function () {
  document.getElementById("kg-title").textContent = kgView.title;
  document.getElementById("kg-note").textContent = kgView.note;
  var hidden = {};
  var legend = document.getElementById("kg-legend");
  kgView.legend.forEach(function (entry) {
    var row = document.createElement("div");
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = entry.colour;
    var label = document.createElement("span");
    label.textContent = entry.label;
    row.appendChild(swatch);
    row.appendChild(label);
    row.dataset.kind = entry.kind;
    row.title = "show or hide " + entry.label.toLowerCase() + " nodes";
    row.addEventListener("click", function () {
      hidden[entry.kind] = !hidden[entry.kind];
      row.classList.toggle("off", hidden[entry.kind]);
      nodes.update(nodes.get().map(function (n) { return {id: n.id, hidden: !!hidden[n.kind]}; }));
    });
    legend.appendChild(row);
  });
  var names = document.getElementById("kg-names");
  nodes.get().forEach(function (n) {
    var option = document.createElement("option");
    option.value = n.label;
    names.appendChild(option);
  });
  var status = document.getElementById("kg-status");
  function find(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { status.textContent = ""; return null; }
    var all = nodes.get();
    var hit = all.filter(function (n) { return String(n.label).toLowerCase() === wanted; })[0]
           || all.filter(function (n) { return String(n.label).toLowerCase().indexOf(wanted) !== -1; })[0];
    if (!hit) { status.textContent = "not in this view"; return null; }
    if (hit.hidden) { nodes.update({id: hit.id, hidden: false}); }
    network.selectNodes([hit.id]);
    network.focus(hit.id, {scale: 1.2, animation: {duration: 400}});
    status.textContent = "found: " + hit.label;
    return hit.id;
  }
  window.kgFind = find;
  var search = document.getElementById("kg-search");
  search.addEventListener("change", function () { find(search.value); });
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") { find(search.value); } });
  document.getElementById("kg-physics").addEventListener("change", function (event) {
    network.setOptions({physics: {enabled: event.target.checked}});
  });
  network.once("afterDrawing", function () { window.kgDrawn = true; document.body.dataset.drawn = "yes"; });
  network.redraw();
})();
