/*
 * What visitors need from Material for MkDocs' own JavaScript, which the site does not
 * load (overrides/main.html): its start-up is one long task that holds a phone's main
 * thread for 150-250 ms, and the site used only a few of its parts. Those parts:
 *
 * - the palette switch, as Material 9.8.1 does it (components/palette): the choice is
 *   kept under Material's key and in its format, because Material's inline script in
 *   <body> reads it on the next page to colour it before the first paint;
 * - the navigation drawer closes when a link takes the visitor to a section;
 * - Enter on a focused navigation label opens its section, as a button would, and the
 *   label is named and announced as that button;
 * - closed <details> open for printing, and when a link points inside one.
 *
 * What Material set with JavaScript for the layout is done in CSS instead
 * (assets/stylesheets/theme.css). Plain script, no inline code: the Content Security
 * Policy allows only the site's own files.
 */
(function () {
  "use strict";

  /* ---- Palette ---- */

  var AUTOMATIC = "(prefers-color-scheme)";
  var systemLight = window.matchMedia("(prefers-color-scheme: light)");

  // Material's helpers, defined by its inline script in <head>: the key is scoped by
  // the site's path ("/.__palette"), the value is JSON.
  function storedPalette() {
    try {
      return typeof __md_get === "function" ? __md_get("__palette") : null;
    } catch (error) {
      return null; // storage switched off: the system's palette, for this page only
    }
  }

  function storePalette(palette) {
    if (typeof __md_set === "function") __md_set("__palette", palette);
  }

  function colorOf(input) {
    return {
      media: input.getAttribute("data-md-color-media"),
      scheme: input.getAttribute("data-md-color-scheme"),
      primary: input.getAttribute("data-md-color-primary"),
      accent: input.getAttribute("data-md-color-accent"),
    };
  }

  function hex(rgb) {
    return "#" + (rgb.match(/\d+/g) || []).slice(0, 3)
      .map(function (value) { return (+value).toString(16).padStart(2, "0"); }).join("");
  }

  function setUpPalette(form) {
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
    if (!inputs.length) return;
    var themeColor = document.createElement("meta");
    themeColor.name = "theme-color";
    document.head.appendChild(themeColor);
    var colorScheme = document.createElement("meta");
    colorScheme.name = "color-scheme";
    document.head.appendChild(colorScheme);
    var current = null;

    function apply(index) {
      var palette = { index: index, color: colorOf(inputs[index]) };
      document.body.setAttribute("data-md-color-switching", "");
      // Automatic: the colours of the light or the dark palette, as the system asks.
      if (palette.color.media === AUTOMATIC) {
        var input = document.querySelector(systemLight.matches
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']");
        if (input) {
          var resolved = colorOf(input);
          palette.color.scheme = resolved.scheme;
          palette.color.primary = resolved.primary;
          palette.color.accent = resolved.accent;
        }
      }
      Object.keys(palette.color).forEach(function (key) {
        document.body.setAttribute("data-md-color-" + key, palette.color[key]);
      });
      // Only the current palette's icon shows; its label switches to the next one.
      inputs.forEach(function (input, i) {
        var label = input.nextElementSibling;
        if (label instanceof HTMLElement) label.hidden = i !== index;
      });
      storePalette(palette);
      current = palette;

      var header = document.querySelector("[data-md-component=header]");
      if (header) {
        var style = window.getComputedStyle(header);
        colorScheme.content = style.colorScheme;
        themeColor.content = hex(style.backgroundColor);
      }
      // Colours change at once (Material's CSS drops its transitions while switching).
      setTimeout(function () { document.body.removeAttribute("data-md-color-switching"); });
    }

    // The visitor's choice, or else the first palette whose media query matches.
    function startIndex() {
      var stored = storedPalette();
      var index = stored && typeof stored.index === "number" ? stored.index
        : inputs.findIndex(function (input) {
          return window.matchMedia(input.getAttribute("data-md-color-media")).matches;
        });
      return Math.max(0, Math.min(index, inputs.length - 1));
    }

    inputs.forEach(function (input, index) {
      input.addEventListener("change", function () { apply(index); });
    });
    // Enter moves on to the next palette, as a click on the icon does.
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || !current) return;
      var next = inputs[(current.index + 1) % inputs.length];
      next.click();
      next.focus();
    });
    // The system switches between light and dark: the automatic palette follows.
    systemLight.addEventListener("change", function () { apply(startIndex()); });
    apply(startIndex());
  }

  /* ---- Navigation ---- */

  function closeDrawer() {
    var drawer = document.getElementById("__drawer");
    if (drawer && drawer.checked) {
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
    }
  }

  // A link to a section (the table of contents in the drawer, on a phone) lands on it
  // with the drawer closed; the short wait lets the tap show first, as Material does.
  function closeDrawerSoon() {
    setTimeout(closeDrawer, 125);
  }

  function onNavigationClick(event) {
    var link = event.target instanceof Element && event.target.closest("a[href*='#']");
    if (link && link.pathname === location.pathname && link.hash === location.hash) closeDrawerSoon();
  }

  // Navigation labels (a section's arrow) take the keyboard's focus: Enter opens them.
  function onKeydown(event) {
    if (event.key !== "Enter" || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var active = document.activeElement;
    if (active instanceof HTMLLabelElement) active.click();
  }

  // Material's arrow beside a section's link ("Articles") is a <label tabindex="0"> for
  // a hidden checkbox, with only an icon in it: a tab stop with no name and no role,
  // whose empty name the section's <nav> (aria-labelledby) takes too. It becomes a
  // button named after the section, saying whether the section is open; the <nav> is
  // named by it and loses its own (invalid) aria-expanded.
  function sectionToggleButtons(root) {
    root.querySelectorAll("label.md-nav__link[for][tabindex='0']").forEach(function (label) {
      var toggle = document.getElementById(label.htmlFor);
      var link = label.parentElement && label.parentElement.querySelector("a.md-nav__link");
      if (!toggle || !link) return;
      var button = document.createElement("button");
      button.type = "button";
      button.id = label.id;
      button.className = label.className;
      button.setAttribute("aria-label", "Pages in " + link.textContent.trim());
      while (label.firstChild) button.appendChild(label.firstChild);
      function update() {
        button.setAttribute("aria-expanded", String(toggle.checked));
      }
      button.addEventListener("click", function () {
        toggle.click();
      });
      toggle.addEventListener("change", update);
      update();
      label.replaceWith(button);
      var nav = document.querySelector("nav[aria-labelledby='" + button.id + "']");
      if (nav) nav.removeAttribute("aria-expanded");
    });
  }

  // The palette's radios (one per palette, each named for what it switches to) in a
  // group with a name, as radios should be.
  function groupPaletteRadios(form) {
    if (form.querySelector("fieldset")) return;
    var group = document.createElement("fieldset");
    group.className = "md-header__option-group";
    var legend = document.createElement("legend");
    legend.className = "md-visually-hidden";
    legend.textContent = "Color scheme";
    group.appendChild(legend);
    while (form.firstChild) group.appendChild(form.firstChild);
    form.appendChild(group);
  }

  // The theme's icons sit inside controls that have their own names (the logo link, the
  // menu, palette and section controls): decoration, not graphics to announce.
  function hideIcons(root) {
    root.querySelectorAll(".md-header__button svg, .md-logo svg, .md-nav__icon svg").forEach(function (svg) {
      svg.setAttribute("aria-hidden", "true");
    });
  }

  /* ---- Details ---- */

  // A link to something inside a closed <details> opens it, then shows the target.
  function revealTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var opened = false;
    for (var details = target.closest("details:not([open])"); details;
      details = details.parentElement.closest("details:not([open])")) {
      details.open = true;
      opened = true;
    }
    if (opened) target.scrollIntoView();
  }

  // Print every note in full; close again afterwards the ones that were closed.
  var openedForPrint = [];

  function openForPrint() {
    openedForPrint = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    openedForPrint.forEach(function (details) { details.open = true; });
  }

  function closeAfterPrint() {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  }

  /* ---- Start ---- */

  var palette = document.querySelector("form[data-md-component=palette]");
  if (palette) setUpPalette(palette);
  window.addEventListener("hashchange", function () {
    closeDrawerSoon();
    revealTarget();
  });
  var drawerNav = document.querySelector(".md-sidebar--primary");
  if (drawerNav) drawerNav.addEventListener("click", onNavigationClick);
  document.addEventListener("keydown", onKeydown);
  sectionToggleButtons(document);
  if (palette) groupPaletteRadios(palette);
  hideIcons(document);
  window.addEventListener("beforeprint", openForPrint);
  window.addEventListener("afterprint", closeAfterPrint);
  revealTarget();
})();
