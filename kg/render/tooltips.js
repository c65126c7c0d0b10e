// Tooltips are plain text whatever the data says. pyvis switches to a popup filled with innerHTML
// when any title contains "href", and vis-network renders a string title itself; so the text
// travels as `tip` and becomes the title as a DOM element built with textContent, which
// vis-network shows as it is.
(function () {
  function textOnly(text) {
    var box = document.createElement("div");
    box.className = "kg-tip";
    box.textContent = String(text);
    return box;
  }
  [nodes, edges].forEach(function (items) {
    items.update(items.get().filter(function (item) { return item.tip != null; })
      .map(function (item) { return {id: item.id, title: textOnly(item.tip)}; }));
  });
})();
