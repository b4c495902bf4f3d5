// Moved to shared/format.js. This re-export stays only until
// race/rule_panel.js imports ../shared/format.js itself; nothing else may
// import it.
export * from "./shared/format.js";
