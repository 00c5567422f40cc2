// Calling the library: every call goes through call(), and syncSession() gives the Session
// (web/binding/session.h) the files and rules the page holds before it is asked to work.

import { currentRules, sameRules, state } from "./state.js";

class LibraryError extends Error {}

// Every call into the library goes through here, so that a crash inside it is shown to the
// user instead of leaving the page silently stuck.
export function call(what, fn) {
  try {
    return fn();
  } catch (error) {
    console.error(`accredit: ${what} failed`, error);
    const detail = error instanceof Error ? error.message : String(error);
    throw new LibraryError(`Something went wrong inside accredit while ${what} (${detail}). ` +
      "Reload the page to start again; your files were not changed.");
  }
}

// Records and exceptions files are added again only when they changed (a large export costs a
// copy into the library); a mapping confirmed or removed replaces the mappings alone.
function syncInputs(session) {
  const { dirty } = state;
  if (!dirty.records && !dirty.maps) return;
  call("adding your files", () => {
    if (dirty.records) {
      session.clearInputs();
      for (const input of state.inputs) {
        if (input.kind === "records") session.addRecords(input.name, input.bytes);
        if (input.kind === "exceptions") session.addExceptions(input.name, input.bytes);
      }
    } else {
      session.clearMaps();
    }
    for (const input of state.inputs) {
      if (input.kind === "map") session.addMap(input.name, input.bytes);
    }
  });
  dirty.records = false;
  dirty.maps = false;
}

// The rules, and in a what-if whose rules changed the original's rules as its baseline.
function syncRules(session) {
  call("reading the rules", () => {
    const rules = currentRules();
    session.clearRules();
    if (rules.kind === "shipped") session.useShippedRules(rules.path);
    else for (const file of rules.files) session.addRules(file.name, file.text);
    session.clearBaseline();
    if (state.comparing && state.original && !sameRules(state.original.rules, rules)) {
      const before = state.original.rules;
      if (before.kind === "shipped") session.useShippedBaseline(before.path);
      else for (const file of before.files) session.addBaselineRules(file.name, file.text);
    }
  });
}

export function syncSession() {
  syncInputs(state.session);
  syncRules(state.session);
}
