// A table wider than the screen scrolls sideways inside its .table-scroll box. Keyboard
// users must be able to reach and scroll it (WCAG 2.1.1): such a box gets focus, the
// role of a region and its table's caption as its name; a box that does not scroll
// gets none of these, so the keyboard does not stop there for nothing.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".table-scroll").forEach(function (box, index) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
        var caption = box.querySelector("caption");
        if (caption) {
          if (!caption.id) {
            caption.id = "scroll-caption-" + index;
          }
          box.setAttribute("role", "region");
          box.setAttribute("aria-labelledby", caption.id);
        }
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-labelledby");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
  document.addEventListener("htmx:afterSettle", mark);
})();
