/*
 * The site's search, behind the dialog that site-search.js opens and on the search
 * page: a search box, its status line and its results, over the Pagefind index that
 * scripts/search_hook.py builds with the site. An ES module, loaded only when a visitor
 * opens search; it loads Pagefind's script, WebAssembly and the index chunks for the
 * words typed, all from this site.
 *
 * No inline script and no eval: a Content Security Policy of script-src 'self'
 * 'wasm-unsafe-eval' (for Pagefind's WebAssembly), worker-src 'self' and connect-src
 * 'self' is all search needs.
 */

const RESULTS_AT_ONCE = 10;
const TYPING_PAUSE_MS = 200;

/* The site's root URL, from the theme's configuration in every page. */
function siteRoot() {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent).base : ".";
  return new URL(base.replace(/\/?$/, "/"), document.baseURI);
}

let pagefindLoading = null;

/* Pagefind's API, loaded once, on first use. */
function loadPagefind() {
  if (pagefindLoading === null) {
    const root = siteRoot();
    pagefindLoading = import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
      await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    });
    pagefindLoading.catch(() => {
      pagefindLoading = null; // let the next search try again
    });
  }
  return pagefindLoading;
}

/* A result's link, only ever to a page of this site. */
function sameSiteHref(url) {
  const target = new URL(url, siteRoot());
  return target.origin === window.location.origin ? target.href : null;
}

/*
 * Pagefind's excerpt is text with <mark> around the words found. Rebuild it from text
 * and <mark> alone, so no markup from the index ever reaches the page.
 */
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html").body;
  return Array.from(parsed.childNodes, (node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

function resultItem(data) {
  const href = sameSiteHref(data.url);
  if (href === null) return null;
  const item = document.createElement("li");
  item.className = "site-search__result";
  const link = document.createElement("a");
  link.className = "site-search__result-link";
  link.href = href;
  link.textContent = (data.meta && data.meta.title) || data.url;
  const excerpt = document.createElement("p");
  excerpt.className = "site-search__excerpt";
  excerpt.append(...excerptNodes(data.excerpt || ""));
  item.append(link, excerpt);
  return item;
}

function counted(count) {
  return count === 1 ? "1 result" : `${count} results`;
}

/* One search form with its status line and results (the dialog's or the page's). */
export function setUpSearch(container, { onSearch } = {}) {
  const form = container.querySelector("form");
  const input = container.querySelector("[data-site-search-input]");
  const status = container.querySelector("[data-site-search-status]");
  const list = container.querySelector("[data-site-search-results]");
  const more = container.querySelector("[data-site-search-more]");
  let found = [];
  let shown = 0;
  let latest = 0;
  let typingTimer = null;

  function clear(message) {
    found = [];
    shown = 0;
    list.replaceChildren();
    list.hidden = true;
    more.hidden = true;
    status.textContent = message;
  }

  async function showMore(ticket) {
    const next = found.slice(shown, shown + RESULTS_AT_ONCE);
    const data = await Promise.all(next.map((result) => result.data()));
    if (ticket !== latest) return null;
    const items = data.map(resultItem).filter((item) => item !== null);
    list.append(...items);
    shown += next.length;
    list.hidden = list.children.length === 0;
    more.hidden = shown >= found.length;
    return items[0] || null;
  }

  async function search(query) {
    const ticket = ++latest;
    const words = query.trim();
    if (onSearch) onSearch(words);
    if (!words) {
      clear("");
      return;
    }
    status.textContent = "Searching…";
    try {
      const pagefind = await loadPagefind();
      const response = await pagefind.search(words);
      if (ticket !== latest) return;
      clear("");
      found = response.results;
      if (found.length === 0) {
        status.textContent = `No results for “${words}”. Try another word, or browse all articles.`;
        return;
      }
      await showMore(ticket);
      if (ticket === latest) status.textContent = `${counted(found.length)} for “${words}”.`;
    } catch (error) {
      if (ticket !== latest) return;
      clear("Search could not load. Check your connection and try again, or browse all articles.");
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(() => search(input.value), TYPING_PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    search(input.value);
  });
  more.addEventListener("click", async () => {
    const first = await showMore(latest);
    if (first) first.querySelector("a").focus();
  });

  /* Arrow keys move between the box and the results, as in other search boxes. */
  function links() {
    return Array.from(list.querySelectorAll("a"));
  }
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && links().length > 0) {
      event.preventDefault();
      links()[0].focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at === -1) return;
    event.preventDefault();
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.focus();
    else if (next < all.length) all[next].focus();
  });

  return { input, search };
}

/* The search page: the form in the page, filled from ?q= so a search can be linked. */
export function setUpSearchPage(page) {
  const { input, search } = setUpSearch(page.querySelector("[data-site-search]"), {
    onSearch(words) {
      const url = new URL(window.location.href);
      if (words) url.searchParams.set("q", words);
      else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
    },
  });
  for (const notice of document.querySelectorAll("[data-site-search-no-script]")) notice.hidden = true;
  page.hidden = false;
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    search(query);
  }
}

