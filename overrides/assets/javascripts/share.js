/*
 * "Share this article": the browser's own share sheet where it has one (Web Share API),
 * otherwise the plain links the page already shows, plus "Copy link" where the
 * clipboard can be written. Plain JavaScript, no library, nothing loaded from elsewhere.
 */
(function () {
  "use strict";

  function setUp(box) {
    var url = box.getAttribute("data-share-url") || location.href;
    var title = box.getAttribute("data-share-title") || document.title;
    var shareButton = box.querySelector("[data-share-native]");
    var links = box.querySelector("[data-share-links]");
    var copyItem = box.querySelector("[data-share-copy-item]");
    var copyButton = box.querySelector("[data-share-copy]");
    var status = box.querySelector("[data-share-status]");
    var data = { title: title, url: url };

    if (typeof navigator.share === "function" && (!navigator.canShare || navigator.canShare(data))) {
      shareButton.hidden = false;
      links.hidden = true;
      shareButton.addEventListener("click", function () {
        // Closing the share sheet rejects the promise: nothing to tell the visitor then.
        navigator.share(data).catch(function () {});
      });
      return;
    }

    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function" && window.isSecureContext) {
      copyItem.hidden = false;
      copyButton.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = "Link copied.";
        }, function () {
          status.textContent = "Could not copy the link. Copy it from the address bar instead.";
        });
      });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-share]"), setUp);
})();
