// No badge? Find the person by name, organisation, email or reference and
// check them in by hand (needs the network: the search runs on the server).
(function () {
  "use strict";

  const App = (window.CheckinApp = window.CheckinApp || {});

  function resultItem(app, person, show, refreshCounts, direction) {
    const strings = app.strings;
    const item = document.createElement("li");
    item.className = "card checkin__result";
    const text = document.createElement("p");
    const name = document.createElement("strong");
    name.textContent = person.name;
    text.append(name, " · " + [person.organisation, person.category, person.reference].join(" · "));
    item.append(text);
    if (person.checked_in_time) {
      const when = document.createElement("p");
      when.className = "helptext";
      when.textContent =
        strings.checked_in_at + " " + person.checked_in_time + (person.checked_in_gate ? " (" + person.checked_in_gate + ")" : "");
      item.append(when);
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button button--small";
    button.textContent = strings.check_in + " " + person.name;
    button.addEventListener("click", async () => {
      try {
        const { status, body } = await app.connection.call(app.urls.manual, {
          method: "POST",
          payload: {
            event: app.eventId,
            reference: person.reference,
            gate: app.gate,
            nonce: App.store.newId(),
            // At a session's door, a check-in by hand is a door scan too.
            session: app.sessionId,
            direction: direction(),
          },
        });
        show(status === 200 ? body.result : "invalid", body);
      } catch (error) {
        show("invalid", { message: strings.error });
      }
      refreshCounts();
    });
    item.append(button);
    return item;
  }

  App.setUpSearch = function (app, show, refreshCounts, direction) {
    const searchInput = document.getElementById("search-input");
    const searchResults = document.getElementById("search-results");
    const searchStatus = document.getElementById("search-status");
    document.getElementById("search-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const query = searchInput.value.trim();
      if (!query) return;
      const url = app.urls.search + "?event=" + app.eventId + "&q=" + encodeURIComponent(query);
      let results = [];
      try {
        const { body } = await app.connection.call(url);
        results = (body && body.results) || [];
      } catch (error) {
        searchStatus.textContent = app.strings.error;
        return;
      }
      searchResults.replaceChildren(...results.map((person) => resultItem(app, person, show, refreshCounts, direction)));
      searchStatus.textContent = results.length ? "" : app.strings.no_results;
    });
  };
})();
