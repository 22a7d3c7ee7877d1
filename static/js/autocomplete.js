// Company suggestions in the search box. Progressive enhancement: without this script the form still submits
// to the search page. Follows the ARIA 1.2 combobox pattern: arrows move, Enter opens, Escape closes.
(function () {
  "use strict";

  function setup(form) {
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[data-suggest-status]");
    var url = form.getAttribute("data-suggest-url");
    var companyUrl = form.getAttribute("data-company-url");
    var timer = null;
    var active = -1;
    var items = [];
    var lastQuery = "";
    var controller = null;

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
      items = [];
      lastQuery = "";
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function hrefFor(company) {
      if (company.page) return company.page;
      if (company.url && company.url.indexOf("/api/") === -1) return company.url;
      return companyUrl.replace("__slug__", encodeURIComponent(company.slug));
    }

    function render(companies) {
      list.innerHTML = "";
      items = companies.slice(0, 8);
      if (!items.length) {
        close();
        status.textContent = "No company suggestions.";
        return;
      }
      items.forEach(function (company, i) {
        var option = document.createElement("li");
        option.id = "suggestion-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var link = document.createElement("a");
        link.href = hrefFor(company);
        link.tabIndex = -1;
        link.textContent = company.name;
        option.appendChild(link);
        var detail = [company.kind_display || "", company.country || ""].filter(Boolean).join(" · ");
        if (detail) {
          var meta = document.createElement("span");
          meta.className = "suggestions__meta";
          meta.textContent = detail;
          option.appendChild(meta);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = link.href;
        });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = items.length + " compan" + (items.length === 1 ? "y" : "ies") + " suggested.";
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < 2) {
        close();
        return;
      }
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query) + "&limit=8", {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (data) {
          if (input.value.trim() !== query) return;
          render(Array.isArray(data) ? data : data.results || data.companies || []);
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(Math.min(active + 1, items.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, -1));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = list.querySelectorAll("[role=option] a")[active].href;
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
  }

  document.querySelectorAll("form[data-autocomplete]").forEach(setup);
})();
