// Select words in a passage, then follow "Code the selection" with the offsets
// of the selection inside that passage's text. Without JavaScript, each passage
// still has its own "Code" link for the whole passage.
(function () {
  function offsetWithin(element, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(element);
    range.setEnd(node, offset);
    return range.toString().length;
  }
  document.addEventListener("selectionchange", function () {
    var selection = document.getSelection();
    document.querySelectorAll("[data-code-selection]").forEach(function (link) { link.hidden = true; });
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    var range = selection.getRangeAt(0);
    var text = range.commonAncestorContainer.nodeType === 1
      ? range.commonAncestorContainer.closest("[data-passage-text]")
      : range.commonAncestorContainer.parentElement.closest("[data-passage-text]");
    if (!text) return;
    var start = offsetWithin(text, range.startContainer, range.startOffset);
    var end = offsetWithin(text, range.endContainer, range.endOffset);
    if (end <= start) return;
    var link = text.parentElement.querySelector("[data-code-selection]");
    if (!link) return;
    link.href = link.dataset.base + "?start=" + start + "&end=" + end;
    link.hidden = false;
  });
})();
