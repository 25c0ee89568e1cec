//! `kubectl apply`'s three-way merge of the live object, the last applied configuration and
//! the new file.

use crate::api::meta::Object;
use crate::apiserver::apply::LAST_APPLIED;

/// The live object after `kubectl apply`'s three-way merge: fields that changed between the
/// last applied configuration and the new one are written, fields dropped from the file are
/// removed, everything else (e.g. replicas set by `kubectl scale`) stays as it is live.
pub fn merge3(live: &serde_json::Value, last: Option<&serde_json::Value>, new: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match (live, new) {
        (Value::Object(l), Value::Object(n)) => {
            let mut out = l.clone();
            let last_obj = last.and_then(|v| v.as_object());
            for (k, nv) in n {
                let la = last_obj.and_then(|m| m.get(k));
                match l.get(k) {
                    Some(lv) if lv.is_object() && nv.is_object() => {
                        out.insert(k.clone(), merge3(lv, la, nv));
                    }
                    Some(_) if la == Some(nv) => {}
                    _ => {
                        out.insert(k.clone(), nv.clone());
                    }
                }
            }
            if let Some(lm) = last_obj {
                for k in lm.keys() {
                    if !n.contains_key(k) {
                        out.remove(k);
                    }
                }
            }
            Value::Object(out)
        }
        _ => new.clone(),
    }
}

/// The merged object for an update, or `None` when it does not read back.
pub(crate) fn merged<T: Object + serde::Serialize + serde::de::DeserializeOwned>(old: &T, applied: &str) -> Option<T> {
    let live = serde_json::to_value(old).ok()?;
    let last: Option<serde_json::Value> = old.meta().annotations.get(LAST_APPLIED).and_then(|s| serde_json::from_str(s).ok());
    let new: serde_json::Value = serde_json::from_str(applied).ok()?;
    crate::manifest::from_json(&merge3(&live, last.as_ref(), &new)).ok()
}
