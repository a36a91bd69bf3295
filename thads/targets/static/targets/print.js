/* "In" link of the printable summary (no inline handlers under the CSP). */
document.addEventListener("click", function (e) {
  var link = e.target.closest("[data-print]");
  if (link) { e.preventDefault(); window.print(); }
});
