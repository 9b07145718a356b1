/* Career site: instant vacancy filters and click-to-load videos. The pages work without this file. */
(function () {
  "use strict";

  function matches(card, filters) {
    return Object.keys(filters).every(function (name) {
      var wanted = filters[name];
      if (!wanted) return true;
      var values = (card.getAttribute("data-" + name) || "").split(" ");
      return values.indexOf(wanted) !== -1;
    });
  }

  // The listing's counts without the vacancies hidden as closed (`expire_cards` in cards.html):
  // each option's and each department's, from the cards that are still open.
  function recount(cards, selects) {
    selects.forEach(function (select) {
      Array.prototype.slice.call(select.options).forEach(function (option) {
        if (!option.value || !option.hasAttribute("data-label")) return;
        var n = cards.filter(function (card) {
          return (card.getAttribute("data-" + select.name) || "").split(" ").indexOf(option.value) !== -1;
        }).length;
        option.textContent = option.getAttribute("data-label") + " (" + n + ")";
        option.hidden = n === 0;
        option.disabled = n === 0;
      });
    });
    document.querySelectorAll("[data-cs-group]").forEach(function (group) {
      var count = group.querySelector("[data-cs-group-count]");
      if (count) count.textContent = group.querySelectorAll(".cs-vcard:not([data-cs-expired])").length;
    });
  }

  function setupFilters(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll(".cs-vcard:not([data-cs-expired])"));
    var groups = Array.prototype.slice.call(document.querySelectorAll("[data-cs-group]"));
    var count = form.querySelector("[data-cs-count]");
    var empty = document.querySelector("[data-cs-empty]");
    var forms = JSON.parse(count.getAttribute("data-forms"));
    var plural = new Intl.PluralRules(document.documentElement.lang || "nl");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var toggle = form.querySelector("[data-cs-toggle]");
    var active = form.querySelector("[data-cs-active]");
    if (document.querySelector(".cs-vcard[data-cs-expired]")) recount(cards, selects);
    var activeForms = JSON.parse(active.getAttribute("data-forms"));

    // On a phone the filters wait behind one button, so that the first vacancies show at once.
    function setOpen(open) {
      form.classList.toggle("cs-filters--open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });

    function current() {
      var filters = {};
      selects.forEach(function (s) { filters[s.name] = s.value; });
      return filters;
    }

    function apply(updateUrl) {
      var filters = current();
      var shown = 0;
      cards.forEach(function (card) {
        var ok = matches(card, filters);
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector(".cs-vcard:not([hidden])");
      });
      count.textContent = (forms[plural.select(shown)] || forms.other).replace("{n}", shown);
      var on = selects.filter(function (s) { return s.value; }).length;
      active.textContent = on ? " (" + (activeForms[plural.select(on)] || activeForms.other).replace("{n}", on) + ")" : "";
      empty.hidden = shown !== 0;
      if (updateUrl) {
        var params = new URLSearchParams();
        Object.keys(filters).forEach(function (k) { if (filters[k]) params.set(k, filters[k]); });
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
      }
    }

    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var value = params.get(s.name);
      if (value && s.querySelector('option[value="' + CSS.escape(value) + '"]')) s.value = value;
      s.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  function setupVideo(facade) {
    var button = facade.querySelector(".cs-video__play");
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = facade.getAttribute("data-embed");
      frame.title = facade.getAttribute("data-title");
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.setAttribute("allowfullscreen", "");
      facade.replaceChildren(frame);
      facade.classList.add("cs-video__facade--playing");
    });
  }

  // A vacancy page past its closing moment reads as closed, even when no build has run since
  // (a failed nightly build): the apply button and the "closing soon" badge go, the notice shows.
  function closeIfPast(page) {
    var closes = Date.parse(page.getAttribute("data-cs-closes"));
    if (isNaN(closes) || Date.now() < closes) return;
    document.querySelectorAll("[data-cs-apply], [data-cs-applybar]").forEach(function (node) { node.hidden = true; });
    page.querySelectorAll("[data-cs-closed-notice]").forEach(function (node) { node.hidden = false; });
    page.setAttribute("data-status", "closed");
  }

  // A phone's apply bar: shown once the page's first apply button has scrolled up out of view,
  // hidden while any apply button on the page is in view; the page keeps room for it at its foot.
  function setupApplyBar(bar, page) {
    if (!("IntersectionObserver" in window)) return;
    var buttons = Array.prototype.slice.call(page.querySelectorAll("a.cs-apply"));
    if (!buttons.length) return;
    var seen = new Map();
    var first = buttons[0];
    var phone = window.matchMedia("(max-width: 63.99em)");  // from 1024 px the overview's button stays in view
    function update() {
      var anyInView = buttons.some(function (b) { return seen.get(b) && b.offsetParent !== null; });
      var past = first.getBoundingClientRect().bottom < 0 || first.offsetParent === null;
      var show = !anyInView && past && page.getAttribute("data-status") !== "closed" && phone.matches;
      bar.hidden = !show;
      // room at the page's foot, and for the keyboard: a link tabbed to is scrolled above the bar
      document.body.style.paddingBottom = show ? bar.offsetHeight + "px" : "";
      document.documentElement.style.scrollPaddingBottom = show ? bar.offsetHeight + 8 + "px" : "";
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { seen.set(entry.target, entry.isIntersecting); });
      update();
    });
    buttons.forEach(function (b) { observer.observe(b); });
    window.addEventListener("resize", update);
  }

  // The overview's actions: the device's own share sheet where there is one (else the links to
  // each network stay), and print.
  function setupActions() {
    document.querySelectorAll("[data-cs-share]").forEach(function (button) {
      if (!navigator.share) return;
      var links = button.parentNode.querySelector("[data-cs-share-links]");
      button.hidden = false;
      if (links) links.hidden = true;
      button.addEventListener("click", function () {
        navigator.share({ title: button.getAttribute("data-title"), url: button.getAttribute("data-cs-share") }).catch(function () {});
      });
    });
    // Job alerts: a feed's address copied with one tap, and said so to screen readers too.
    document.querySelectorAll("[data-cs-copy]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("data-cs-copy"));
      var status = button.closest("p") && button.closest("p").querySelector("[role=status]");
      if (!field || !navigator.clipboard) return;
      button.hidden = false;
      // Said again on each tap (a status region announces a change only), and said when the
      // browser refuses: the address is then selected, to copy by hand.
      function say(text) {
        if (!status) return;
        status.textContent = "";
        setTimeout(function () { status.textContent = text; }, 50);
      }
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
          say(button.getAttribute("data-done"));
        }, function () {
          field.focus();
          field.select();
          say(button.getAttribute("data-failed"));
        });
      });
    });
    document.querySelectorAll("[data-cs-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // Where the candidate came from, as the tags of the link they followed and the host that sent
  // them (nothing else): the channel of a page view and of a click on apply.
  function source() {
    var params = new URLSearchParams(location.search);
    var medium = (params.get("utm_medium") || "").toLowerCase();
    var referrer = "";
    try { referrer = document.referrer ? new URL(document.referrer).hostname : ""; } catch (e) { referrer = ""; }
    return { params: params, tag: medium === "ambassador" ? "ambassador" : params.get("utm_source") || "", referrer: referrer };
  }

  // With the setting apply_forwarding, an apply button opens the site's own page that sends the
  // candidate on (`apply/`): it is told the tags and the referring host, so that the web server's
  // log can count the click per channel (`make report`).
  function forward(link, from) {
    var query = new URLSearchParams();
    ["utm_source", "utm_medium", "utm_campaign"].forEach(function (key) {
      if (from.params.get(key)) query.set(key, from.params.get(key));
    });
    query.set("from", from.referrer);
    link.setAttribute("href", link.getAttribute("href").split("?")[0] + "?" + query.toString());
  }

  // With the setting analytics, each page view and each click on an apply button goes to the
  // organisation's own GoatCounter through its documented /count endpoint: no cookie, no storage,
  // no other script. Not from the local preview to a public counter, and marked as a bot under
  // automation (GoatCounter's `b`, its value for navigator.webdriver).
  function count(endpoint, from) {
    var local = /^(localhost|127\.|\[::1\]$)/;
    var counter;
    try { counter = new URL(endpoint, location.href); } catch (e) { return; }
    if (local.test(location.hostname) && !local.test(counter.hostname)) return;
    if (document.visibilityState === "prerender" || /\/admin\//.test(location.pathname)) return;
    var canonical = document.querySelector('link[rel="canonical"]');
    var path = location.pathname;
    try { if (canonical) path = new URL(canonical.href, location.href).pathname; } catch (e) { path = location.pathname; }
    var query = new URLSearchParams(from.params);
    if (from.tag === "ambassador") query.set("utm_source", "ambassador");
    function send(values) {
      values.s = String(screen.width);
      if (navigator.webdriver) values.b = "153";
      values.rnd = Math.random().toString(36).slice(2, 7);
      var url = counter.href + "?" + new URLSearchParams(values).toString();
      if (!(navigator.sendBeacon && navigator.sendBeacon(url))) new Image().src = url;
    }
    var q = query.toString();
    send({ p: path, t: document.title, r: document.referrer, q: q ? "?" + q : "" });
    document.querySelectorAll("a.cs-apply").forEach(function (link) {
      var click = function () {
        send({ p: "apply:" + path, t: document.title, r: from.tag || document.referrer, e: "true" });
      };
      link.addEventListener("click", click);
      link.addEventListener("auxclick", click);
    });
  }

  function init() {
    var from = source();
    document.querySelectorAll("a[data-cs-forward]").forEach(function (link) { forward(link, from); });
    var counter = document.querySelector('meta[name="cs-count"]');
    if (counter) count(counter.getAttribute("content"), from);
    var page = document.querySelector("[data-cs-closes]");
    if (page) closeIfPast(page);
    var bar = document.querySelector("[data-cs-applybar]");
    var vacancy = document.querySelector(".cs-vacancy");
    if (bar && vacancy) setupApplyBar(bar, vacancy);
    setupActions();
    var form = document.querySelector("[data-cs-filters]");
    if (form) setupFilters(form);
    document.querySelectorAll(".cs-video__facade").forEach(setupVideo);
  }

  // Material's menu and search toggles, closed whenever a page is shown, also when it comes back
  // from the browser's history or its cache (they are checkboxes, and Firefox restores them;
  // pages/theme.py says why).
  window.addEventListener("pageshow", function () {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle && toggle.checked) toggle.click();
    });
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
