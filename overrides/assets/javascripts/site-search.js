/*
 * The header's search button and dialog (partials/site-search.html), and the search
 * page (search.html). This small file is all of search that a first view loads: the
 * search itself (site-search-ui.js, then Pagefind and its index) loads when a visitor
 * opens the dialog. Without <dialog> support, or without JavaScript, the header keeps
 * its link to the search page.
 */
(() => {
  "use strict";

  const uiUrl = new URL("site-search-ui.js", document.currentScript.src).href;
  let ui = null;

  function loadUi() {
    if (ui === null) {
      ui = import(uiUrl);
      ui.catch(() => {
        ui = null; // let the next try load it again
      });
    }
    return ui;
  }

  function setUpDialog() {
    const dialog = document.querySelector("[data-site-search-dialog]");
    const opener = document.querySelector("[data-site-search-open]");
    const link = document.querySelector("[data-site-search-link]");
    if (!dialog || !opener || typeof dialog.showModal !== "function") return;
    const container = dialog.querySelector("[data-site-search]");
    const input = container.querySelector("[data-site-search-input]");
    let search = null;

    opener.addEventListener("click", () => {
      dialog.showModal();
      input.focus();
      input.select();
      if (search === null) {
        search = loadUi().then(
          (module) => {
            const set = module.setUpSearch(container);
            if (input.value.trim()) set.search(input.value); // typed while it loaded
            return set;
          },
          () => {
            search = null;
            container.querySelector("[data-site-search-status]").textContent =
              "Search could not load. Check your connection and try again, or browse all articles.";
          },
        );
      }
    });
    dialog.querySelector("[data-site-search-close]").addEventListener("click", () => dialog.close());
    // A click on the backdrop (the dialog element itself, outside its panel) closes it.
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
    // One Escape closes search, even from a filled search box (which would clear itself first).
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        dialog.close();
      }
    });
    dialog.addEventListener("close", () => opener.focus());

    if (link) link.hidden = true;
    opener.hidden = false;
  }

  function setUpSearchPage() {
    const page = document.querySelector("[data-site-search-page]");
    if (page) loadUi().then((module) => module.setUpSearchPage(page), () => {});
  }

  setUpDialog();
  setUpSearchPage();
})();
