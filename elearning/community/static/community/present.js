// Presenting mode: a button to fill the screen, where the browser allows it (the page works
// without it: the officer can also use the browser's own full screen).
(function () {
  var button = document.querySelector("[data-fullscreen]");
  var root = document.documentElement;
  if (!button || !root.requestFullscreen) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    root.requestFullscreen().catch(function () {});
  });
})();
