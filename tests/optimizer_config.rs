//! Optimizer configs: defaults filled in, bad values and unknown names
//! refused with a message that names the field, and the JSON round trip.

use descent::optim::{OptimizerConfig, NAMES};
use descent::spec::SpecError;
use serde_json::{json, Value};

fn parse(v: Value) -> Result<OptimizerConfig, SpecError> {
    OptimizerConfig::from_json(v.as_object().unwrap(), "optimizer")
}

#[test]
fn defaults_are_filled_in() {
    let c = parse(json!({"name": "adam"})).unwrap();
    assert_eq!(c.get("learning_rate"), 0.001);
    assert_eq!(c.get("beta_1"), 0.9);
    assert_eq!(c.get("epsilon"), 1e-7);
    assert!(!c.flag("amsgrad"));
    assert_eq!(c.get_optional("weight_decay"), None);
}

#[test]
fn bad_values_name_the_field_and_the_rule() {
    let e = parse(json!({"name": "adam", "beta_1": 1.0})).unwrap_err();
    assert_eq!(e.field, "optimizer.beta_1");
    assert!(e.message.contains("[0, 1)"), "{e}");
    let e = parse(json!({"name": "sgd", "learning_rate": 0})).unwrap_err();
    assert_eq!(e.field, "optimizer.learning_rate");
    let e = parse(json!({"name": "sgd", "learning_rate": null})).unwrap_err();
    assert_eq!(e.field, "optimizer.learning_rate");
    let e = parse(json!({"name": "rmsprop", "epsilon": -1e-7})).unwrap_err();
    assert_eq!(e.field, "optimizer.epsilon");
    let e = parse(json!({"name": "adamm"})).unwrap_err();
    assert!(e.message.contains("lion"), "lists allowed names: {e}");
    let e = parse(json!({"name": "sgd", "nesterov": 1})).unwrap_err();
    assert_eq!(e.field, "optimizer.nesterov");
}

#[test]
fn json_round_trips() {
    let c =
        parse(json!({"name": "sgd", "momentum": 0.5, "nesterov": true, "clipnorm": 2})).unwrap();
    let back = parse(c.to_json()).unwrap();
    assert_eq!(c, back);
    assert_eq!(c.to_json()["nesterov"], json!(true));
}

/// The error every path gives for a name the optimizer lacks: it names
/// the field and lists every allowed name.
fn assert_names_and_lists(e: &SpecError, optimizer: &str, name: &str) {
    assert_eq!(e.field, format!("optimizer.{name}"), "{e}");
    assert!(e.message.contains(optimizer), "{e}");
    for h in descent::optim::hyperparameters(optimizer).unwrap() {
        assert!(e.message.contains(h.name), "{e} lacks {}", h.name);
    }
}

#[test]
fn an_unknown_hyperparameter_is_an_error_on_every_path() {
    for name in NAMES {
        // from_json
        let e = parse(json!({"name": name, "bogus_rate": 0.1})).unwrap_err();
        assert_names_and_lists(&e, name, "bogus_rate");
        // reading by name
        let mut c = OptimizerConfig::defaults(name).unwrap();
        let e = c.value("bogus_rate").unwrap_err();
        assert_names_and_lists(&e, name, "bogus_rate");
        // writing by name, which leaves the config as it was
        let before = c.clone();
        let e = c.try_set("bogus_rate", 0.5).unwrap_err();
        assert_names_and_lists(&e, name, "bogus_rate");
        assert_eq!(c, before);
    }
    // A real hyperparameter of another optimizer is unknown here too.
    let e = OptimizerConfig::defaults("sgd")
        .unwrap()
        .value("beta_1")
        .unwrap_err();
    assert_names_and_lists(&e, "sgd", "beta_1");
}

#[test]
fn the_unchecked_accessors_panic_with_the_same_message_instead_of_returning_0() {
    let c = OptimizerConfig::defaults("adam").unwrap();
    for read in [
        (|c: &OptimizerConfig| c.get("momentum")) as fn(&OptimizerConfig) -> f64,
        |c| c.get_optional("momentum").unwrap_or(-1.0),
        |c| c.flag("nesterov") as u8 as f64,
    ] {
        let c = c.clone();
        let panic = std::panic::catch_unwind(move || read(&c)).unwrap_err();
        let text = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(
            text.contains("is not a hyperparameter of adam; allowed:"),
            "{text}"
        );
    }
    // An option that is off has no value to get.
    let panic = std::panic::catch_unwind(|| c.get("clipnorm")).unwrap_err();
    assert!(panic.downcast_ref::<String>().unwrap().contains("is off"));
}

#[test]
fn try_set_checks_the_value_as_from_json_does() {
    let mut c = OptimizerConfig::defaults("adam").unwrap();
    assert_eq!(
        c.try_set("beta_1", 1.5).unwrap_err().field,
        "optimizer.beta_1"
    );
    assert_eq!(
        c.try_set("amsgrad", 0.5).unwrap_err().field,
        "optimizer.amsgrad"
    );
    assert_eq!(
        c.try_set("learning_rate", f64::NAN).unwrap_err().field,
        "optimizer.learning_rate"
    );
    c.try_set("beta_1", 0.5).unwrap();
    c.try_set("amsgrad", 1.0).unwrap();
    c.try_set("clipnorm", 2.0).unwrap();
    assert_eq!(c.get("beta_1"), 0.5);
    assert!(c.flag("amsgrad"));
    assert_eq!(c.value("clipnorm").unwrap(), Some(2.0));
    assert_eq!(c.value("clipvalue").unwrap(), None);
}
