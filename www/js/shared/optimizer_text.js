// An optimizer config as link text, `sgd,learning_rate:0.07,momentum:0.9`,
// and back: the race writes its racers this way and the learning-rate view
// its optimizer. The engine checks the config; this only spells it.

import { parseNumber } from "./parse.js";

/** A config as link text. Options that are off (Keras's None) are left out. */
export function encodeOptimizer(config) {
  const parts = [config.name];
  for (const [key, value] of Object.entries(config)) {
    if (key === "name" || value === null || value === undefined) continue;
    parts.push(`${key}:${value}`);
  }
  return parts.join(",");
}

/** Link text → a config object for the engine to check. Throws an Error
 *  naming the part that is not `key:value`. */
export function decodeOptimizer(text) {
  const [name, ...fields] = text.split(",");
  if (!/^[a-z_]+$/i.test(name)) throw new Error(`“${name.slice(0, 30)}” is not an optimizer name`);
  const config = { name };
  for (const field of fields) {
    const match = /^([a-z_0-9]+):(.+)$/i.exec(field);
    if (!match) throw new Error(`“${field.slice(0, 30)}” is not key:value`);
    const [, key, raw] = match;
    if (raw === "true" || raw === "false") config[key] = raw === "true";
    else {
      const x = parseNumber(raw);
      if (!Number.isFinite(x)) throw new Error(`${key}: “${raw.slice(0, 30)}” is not a number`);
      config[key] = x;
    }
  }
  return config;
}
