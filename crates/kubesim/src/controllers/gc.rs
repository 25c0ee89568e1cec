//! The garbage collector (`pkg/controller/garbagecollector`): deletes the dependents whose
//! owners are gone, or that a foreground delete waits for (the delete itself and its
//! propagation policies are the API server's: `apiserver/delete.rs`).

use crate::state::Ctx;
use crate::apiserver::delete::{Propagation, FOREGROUND_FINALIZER};


/// One pass of the collector over the dependents of `uid`.
pub fn collect(c: &mut Ctx, ns: &str, uid: &str) {
    let deps = c.dependents_of(ns, uid);
    match c.find_by_uid(ns, uid) {
        None => {
            for (kind, key, _) in deps {
                let Some(m) = c.object_meta(&kind, &key) else { continue };
                let solid = m.owner_references.iter().any(|r| r.uid != uid && c.find_by_uid(ns, &r.uid).is_some());
                if solid {
                    let rv = c.bump_rv();
                    c.reown(&kind, &key, |m| {
                        m.owner_references.retain(|r| r.uid != uid);
                        m.resource_version = rv;
                    });
                } else if m.deletion_timestamp.is_none() {
                    let _ = c.delete_object(&kind, &key, Propagation::Background, None);
                }
            }
        }
        Some((kind, key)) => {
            let Some(m) = c.object_meta(&kind, &key) else { return };
            if m.deletion_timestamp.is_none() || !m.finalizers.iter().any(|f| f == FOREGROUND_FINALIZER) {
                return;
            }
            for (dk, dkey, _) in &deps {
                let Some(dm) = c.object_meta(dk, dkey) else { continue };
                if dm.deletion_timestamp.is_some() {
                    continue;
                }
                let duid = dm.uid.clone();
                let policy = if c.dependents_of(ns, &duid).is_empty() { Propagation::Background } else { Propagation::Foreground };
                let _ = c.delete_object(dk, dkey, policy, None);
            }
            let blocking = c.dependents_of(ns, uid).iter().filter(|d| d.2).count();
            if blocking == 0 {
                if let Some(m) = c.object_meta_mut(&kind, &key) {
                    m.finalizers.retain(|f| f != FOREGROUND_FINALIZER);
                }
                c.remove_object(&kind, &key);
            }
        }
    }
}
