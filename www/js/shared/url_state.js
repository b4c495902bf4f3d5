// The URL hash holds each view's whole state, so any state is a link.
//
// As in TF Playground, one table of properties per view drives both
// directions: each property has a name, a kind, a default and a rule. A value
// that breaks its rule falls back to the default and is reported, so a
// mangled link still opens a working page and says what it ignored.
//
// The hash reads `#view?key=value&key=value`; a list property repeats its key.

import { parseNumber } from "./parse.js";

export const Kind = Object.freeze({
  /** One of `choices`. */
  CHOICE: "choice",
  /** A finite number with `check(x)` (described by `allowed`). */
  NUMBER: "number",
  /** A whole number in [min, max]. */
  INTEGER: "integer",
  /** `length` finite numbers joined by commas, e.g. a point or a window,
   *  with `check(numbers)` if given (described by `allowed`). */
  NUMBERS: "numbers",
  /** Strings, one per repeated key, at most `max` of them (if given); the
   *  view checks each. */
  LIST: "list",
});

/** Splits `#race?a=1&b=2` into the view name and its parameters. */
export function parseHash(hash) {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  const q = text.indexOf("?");
  let view;
  try {
    view = decodeURIComponent(q < 0 ? text : text.slice(0, q));
  } catch {
    view = q < 0 ? text : text.slice(0, q); // a stray "%": keep the raw text
  }
  const params = new URLSearchParams(q < 0 ? "" : text.slice(q + 1));
  return { view, params };
}

/** Builds `#view?…` from a view name and an encoded query. */
export function buildHash(view, query) {
  return query ? `#${view}?${query}` : `#${view}`;
}


function describeAllowed(property) {
  switch (property.kind) {
    case Kind.CHOICE:
      return `one of ${property.choices.join(", ")}`;
    case Kind.NUMBER:
      return property.allowed ?? "a finite number";
    case Kind.INTEGER:
      return `a whole number from ${property.min} to ${property.max}`;
    case Kind.NUMBERS:
      return property.allowed ?? `${property.length} numbers separated by commas`;
    default:
      return "a valid value";
  }
}

/** One property's raw text → its value, or `undefined` if it breaks the rule. */
function parseValue(property, raw) {
  switch (property.kind) {
    case Kind.CHOICE:
      return property.choices.includes(raw) ? raw : undefined;
    case Kind.NUMBER: {
      const x = parseNumber(raw);
      return Number.isFinite(x) && (!property.check || property.check(x)) ? x : undefined;
    }
    case Kind.INTEGER: {
      const x = parseNumber(raw);
      return Number.isInteger(x) && x >= property.min && x <= property.max ? x : undefined;
    }
    case Kind.NUMBERS: {
      const parts = raw.split(",").map(parseNumber);
      const fits = parts.length === property.length && parts.every(Number.isFinite);
      return fits && (!property.check || property.check(parts)) ? parts : undefined;
    }
    default:
      return undefined;
  }
}

function copyDefault(value) {
  return Array.isArray(value) ? value.slice() : value;
}

/**
 * Reads `params` against `table`. Returns `{state, problems}`: the state has
 * every property (defaults where absent or broken); each problem is a
 * sentence naming the key, what it held and what is allowed.
 */
export function decode(params, table) {
  const state = {};
  const problems = [];
  const known = new Set(table.map((p) => p.key ?? p.name));
  for (const key of new Set(params.keys())) {
    if (known.has(key)) continue;
    if (key === "") problems.push(`a setting with no name (“=${clip(params.get(key))}”) ignored`);
    else problems.push(`unknown setting “${clip(key)}” ignored`);
  }
  for (const property of table) {
    const key = property.key ?? property.name;
    const all = params.getAll(key);
    if (property.kind === Kind.LIST) {
      let items = all;
      if (property.max !== undefined && items.length > property.max) {
        problems.push(
          property.max === 1
            ? `${key} given ${times(items.length)}; only the first (“${clip(items[0])}”) is used`
            : `${key} given ${times(items.length)}; at most ${property.max} are used, so the last ${items.length - property.max} were left out`,
        );
        items = items.slice(0, property.max);
      }
      state[property.name] = items.length ? items : copyDefault(property.default);
      continue;
    }
    if (all.length > 1) {
      const rest = all.length === 2 ? `“${clip(all[1])}” was ignored` : `the other ${all.length - 1} were ignored`;
      problems.push(`${key} given ${times(all.length)}; only the first (“${clip(all[0])}”) was read, ${rest}`);
    }
    if (!all.length) {
      state[property.name] = copyDefault(property.default);
      continue;
    }
    const raw = all[0];
    const value = parseValue(property, raw);
    if (value === undefined) {
      problems.push(`${key}=“${clip(raw)}” is not ${describeAllowed(property)}; using the default`);
      state[property.name] = copyDefault(property.default);
    } else {
      state[property.name] = value;
    }
  }
  return { state, problems };
}

/** "twice", "3 times". */
function times(n) {
  return n === 2 ? "twice" : `${n} times`;
}

function encodePart(text) {
  // Commas and colons are safe in a hash and keep links readable.
  return encodeURIComponent(text).replace(/%2C/g, ",").replace(/%3A/g, ":");
}

/** Writes `state` as a query string in table order; `null` values are left out. */
export function encode(state, table) {
  const parts = [];
  for (const property of table) {
    const key = property.key ?? property.name;
    const value = state[property.name];
    if (value === null || value === undefined) continue;
    if (property.kind === Kind.LIST) {
      for (const item of value) parts.push(`${key}=${encodePart(item)}`);
    } else if (property.kind === Kind.NUMBERS) {
      parts.push(`${key}=${value.map(String).join(",")}`);
    } else {
      parts.push(`${key}=${encodePart(String(value))}`);
    }
  }
  return parts.join("&");
}

function clip(text) {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
