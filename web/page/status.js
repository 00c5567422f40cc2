// The page's state of work: busy while the library works (its buttons held), and stale once
// the files, rules or options change after a check.

import { $ } from "./util.js";
import { state } from "./state.js";

export function setBusy(busy, message) {
  state.busy = busy;
  document.body.classList.toggle("busy", busy);
  for (const id of ["run", "whatif", "stop-compare", "propose-maps"]) {
    const button = $(id);
    if (busy) {
      button.dataset.wasDisabled = button.disabled ? "true" : "false";
      button.disabled = true;
    } else if (button.dataset.wasDisabled !== undefined) {
      button.disabled = button.dataset.wasDisabled === "true";
      delete button.dataset.wasDisabled;
    }
  }
  const status = $("run-status");
  status.classList.toggle("busy", busy);
  if (message !== undefined) status.textContent = message;
  $("results").setAttribute("aria-busy", busy ? "true" : "false");
}

export function markStale() {
  if (!state.run) return;
  state.stale = true;
  $("results").dataset.stale = "true";
  const status = $("run-status");
  if (!state.busy) {
    status.textContent = state.comparing ?
      "Changed since the last check: choose Check learners to compare again." :
      "Changed since the last check: choose Check learners to see the difference, or Compare with the original.";
  }
}
