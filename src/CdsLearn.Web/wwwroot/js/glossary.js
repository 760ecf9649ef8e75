// "Giải thích từ": a tap on a marked term opens its explanation right after the paragraph; a second tap or Escape
// closes it. Without script the link jumps to the list at the end of the lesson, which is in the page (offline too).
(function () {
  var open = null;
  function close() {
    if (!open) return null;
    var link = open.link;
    open.box.remove();
    link.setAttribute("aria-expanded", "false");
    open = null;
    return link;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.tu");
    var term = link && document.getElementById(link.hash.slice(1));
    if (!term || !term.nextElementSibling) return;
    event.preventDefault();
    var again = open && open.link === link;
    close();
    if (again) return;
    var box = document.createElement("div");
    box.className = "tu-giai";
    box.id = "giai-" + term.id;
    box.setAttribute("role", "note");
    var title = document.createElement("strong");
    title.textContent = term.textContent + ": ";
    box.appendChild(title);
    Array.prototype.forEach.call(term.nextElementSibling.childNodes, function (node) { box.appendChild(node.cloneNode(true)); });
    var block = link.closest("p, li, td, th, blockquote") || link.parentNode;
    if (block.tagName === "LI" || block.tagName === "TD" || block.tagName === "TH") block.appendChild(box); else block.after(box);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", box.id);
    open = { link: link, box: box };
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) close().focus();
  });
})();
