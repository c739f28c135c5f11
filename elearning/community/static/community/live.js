// The officer's live check-in counts: refresh the counts every ten seconds while the page is
// visible (the page is readable without it).
(function () {
  var box = document.querySelector("[data-live-counts]");
  if (!box) return;
  function refresh() {
    if (document.hidden) return;
    fetch(box.dataset.liveUrl, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) box.innerHTML = html; })
      .catch(function () {});
  }
  setInterval(refresh, 10000);
})();
