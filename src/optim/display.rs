//! Update rules as the UI writes them: one markup, written in each
//! optimizer's file, checked here and rendered as MathML by `www/js/math.js`.
//!
//! # The markup
//!
//! One line is one displayed equation. It reads like LaTeX, with Unicode
//! for the symbols:
//!
//! - a letter (Latin or Greek, `w`, `η`, `β`, `Δ`) is a variable, set in
//!   italics;
//! - two or more ASCII letters in a row (`max`, `sign`, `clip`,
//!   `clipnorm`) are a word, set upright;
//! - digits with an optional decimal part (`1`, `0.96`) are a number;
//! - any other character (`←`, `−`, `+`, `=`, `(`, `)`, `[`, `]`, `|`, `‖`,
//!   `·`, `,`) is an operator;
//! - `a_b` and `a^b` put the next atom below or above the previous one, and
//!   `β_1^t` puts both on β;
//! - `{…}` groups atoms into one: `μ_{t+1}`;
//! - `\frac{top}{bottom}`, `\sqrt{inside}`, `\hat{x}` (x̂), `\bar{x}` (x̄)
//!   and `\text{words}` (upright text, taken as written: no markup inside,
//!   so `\text{global_clipnorm}` keeps its underscore);
//! - spaces only separate atoms.
//!
//! [`check_markup`] accepts exactly this, and a test runs it on every line of
//! every optimizer's rule in every variant.

use super::{definition, OptimizerConfig};

/// The commands of the markup and how many `{…}` arguments each takes.
const COMMANDS: &[(&str, usize)] = &[
    ("frac", 2),
    ("sqrt", 1),
    ("hat", 1),
    ("bar", 1),
    ("text", 1),
];

/// Whether `line` is well-formed markup (see the module's doc), or what is
/// wrong with it.
pub fn check_markup(line: &str) -> Result<(), String> {
    let chars: Vec<char> = line.chars().collect();
    sequence(&chars, &mut 0, false)
}

/// Reads atoms up to the end of the line (`inside` false) or the `}` that
/// closes a group (`inside` true, which it consumes).
fn sequence(chars: &[char], i: &mut usize, inside: bool) -> Result<(), String> {
    let mut atoms = 0;
    while *i < chars.len() {
        let c = chars[*i];
        if c == '}' {
            if !inside {
                return Err(format!("unmatched }} at {}", *i));
            }
            *i += 1;
            return Ok(());
        }
        if c.is_whitespace() {
            *i += 1;
            continue;
        }
        if c == '_' || c == '^' {
            if atoms == 0 {
                return Err(format!("{c} at {} has nothing before it", *i));
            }
            *i += 1;
            skip_spaces(chars, i);
            atom(chars, i).map_err(|e| format!("after {c}: {e}"))?;
            continue;
        }
        atom(chars, i)?;
        atoms += 1;
    }
    if inside {
        Err("a { is never closed".to_string())
    } else {
        Ok(())
    }
}

fn skip_spaces(chars: &[char], i: &mut usize) {
    while *i < chars.len() && chars[*i].is_whitespace() {
        *i += 1;
    }
}

/// One atom: a group, a command with its arguments, or a single token.
fn atom(chars: &[char], i: &mut usize) -> Result<(), String> {
    let Some(&c) = chars.get(*i) else {
        return Err("the line ends where an atom should be".to_string());
    };
    match c {
        '{' => {
            *i += 1;
            sequence(chars, i, true)
        }
        '}' | '_' | '^' => Err(format!("{c} at {} where an atom should be", *i)),
        '\\' => {
            *i += 1;
            let start = *i;
            while *i < chars.len() && chars[*i].is_ascii_alphabetic() {
                *i += 1;
            }
            let name: String = chars[start..*i].iter().collect();
            let arguments = COMMANDS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, a)| *a)
                .ok_or_else(|| format!("unknown command \\{name}"))?;
            for _ in 0..arguments {
                skip_spaces(chars, i);
                if chars.get(*i) != Some(&'{') {
                    return Err(format!("\\{name} takes {arguments} {{…}} argument(s)"));
                }
                if name == "text" {
                    let close = chars[*i..]
                        .iter()
                        .position(|&c| c == '}')
                        .ok_or("\\text{ is never closed")?;
                    *i += close + 1;
                } else {
                    *i += 1;
                    sequence(chars, i, true)?;
                }
            }
            Ok(())
        }
        c if c.is_ascii_digit() => {
            while *i < chars.len() && (chars[*i].is_ascii_digit() || chars[*i] == '.') {
                *i += 1;
            }
            Ok(())
        }
        c if c.is_ascii_alphabetic() => {
            while *i < chars.len() && chars[*i].is_ascii_alphabetic() {
                *i += 1;
            }
            Ok(())
        }
        _ => {
            *i += 1;
            Ok(())
        }
    }
}

/// The steps Keras's base optimizer takes before every rule, in its order:
/// clip the gradient (only the first of clipnorm, global_clipnorm and
/// clipvalue that is set), then decay the weights.
fn base_steps(config: &OptimizerConfig) -> Vec<&'static str> {
    let on = |name| config.get_optional(name).is_some_and(|x| x > 0.0);
    let mut lines = Vec::new();
    if on("clipnorm") {
        lines.push(r"g ← g · \frac{clipnorm}{max(‖g‖, clipnorm)}");
    } else if on("global_clipnorm") {
        lines.push(r"g ← g · \frac{\text{global_clipnorm}}{max(‖g‖, \text{global_clipnorm})}");
    } else if on("clipvalue") {
        lines.push(r"g ← clip(g, −clipvalue, clipvalue)");
    }
    if on("weight_decay") {
        lines.push(r"w ← w − η λ w");
    }
    lines
}

/// The update rule of `config` as the UI shows it, one equation per line
/// in this module's markup: the base optimizer's clipping and weight decay
/// (when set), then the optimizer's own rule in the variant its settings
/// select.
pub fn display_rule(config: &OptimizerConfig) -> Vec<String> {
    let own = definition(&config.name).map_or(Vec::new(), |d| (d.rule)(config));
    base_steps(config)
        .into_iter()
        .chain(own)
        .map(str::to_string)
        .collect()
}
