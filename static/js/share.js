// Share through the phone's share sheet (Zalo, Messenger...) where the browser offers it;
// else copy the link. Without JavaScript the link stays shown to copy by hand.
document.querySelectorAll(".share").forEach(function (box) {
  if (box.dataset.ready) return;
  box.dataset.ready = "1";
  var button = box.querySelector(".share__native");
  var field = box.querySelector("input");
  var url = box.dataset.shareUrl, title = box.dataset.shareTitle;
  button.hidden = false;
  button.addEventListener("click", function () {
    if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function () {});
    } else if (navigator.clipboard) {
      navigator.clipboard.writeText(url).then(function () { button.textContent = button.dataset.copied || "✓"; });
    } else {
      field.select();
    }
  });
  field.addEventListener("focus", function () { field.select(); });
});
