// Consortia's only page script. It is an ES module loaded with
// <script type="module">, so it runs only in browsers that GOV.UK Frontend
// supports: that is why adding `govuk-frontend-supported` here replaces the
// inline <script> GOV.UK's page template uses (no inline scripts, so a strict
// Content-Security-Policy stays possible).
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// htmx swaps in new HTML (partials): start the GOV.UK components inside it.
// htmx also fires htmx:load once for <body> on page load; that is covered by
// the call above, and initialising a component twice logs an error.
document.addEventListener("htmx:load", (event) => {
  const element = event.detail.elt;
  if (element !== document.body) {
    initAll({ scope: element });
  }
});
