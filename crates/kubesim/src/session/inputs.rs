//! What a session records: the cluster it started from and every input after it (the
//! journal's data; `journal/` replays and encodes it).

use crate::cluster::{kind_nodes, NodeSpecInput};
use crate::runtime::time::Dur;

/// The cluster a journal starts from.
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    pub seed: u64,
    pub nodes: Vec<NodeSpecInput>,
}

impl Setup {
    /// A fresh `kind` cluster (one control plane, three workers), as `Cluster::new` makes.
    pub fn kind(seed: u64) -> Setup {
        Setup { seed, nodes: kind_nodes(3) }
    }
}

/// One thing the student (or the clock) did to the session.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// The clock moved on (the terminal's idle time, the play button's ticks).
    Tick(Dur),
    /// The clock's step: the next timed thing happens.
    Step,
    /// Ctrl-C: running watches stop.
    Interrupt,
    /// A command line, with the body of the heredoc that followed it.
    Run { line: String, stdin: Option<String> },
    /// A file written to the working directory.
    Write { name: String, text: String },
    /// The editor's Apply: the buffer saved as `name` and applied.
    Apply { name: String, text: String },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Journal {
    pub setup: Setup,
    pub inputs: Vec<Input>,
}

impl Journal {
    pub fn new(setup: Setup) -> Journal {
        Journal { setup, inputs: Vec::new() }
    }

    /// Appends an input. Consecutive ticks become one: ticking `a` then `b` is exactly
    /// ticking `a + b` (see `Session::tick`), so idle time costs one number however long
    /// the clock ran.
    ///
    /// A file written again before anything read it replaces its earlier write: the editor
    /// saves the buffer on every keystroke, and only the last text can matter. Ticks, steps
    /// and Ctrl-C never read the working directory, so they may lie in between; a command
    /// line or an Apply may read it, so they keep the earlier write.
    pub fn push(&mut self, input: Input) {
        if let (Input::Tick(b), Some(Input::Tick(a))) = (&input, self.inputs.last_mut()) {
            *a = Dur(a.0.saturating_add(b.0));
            return;
        }
        if let Input::Write { name, .. } = &input {
            let earlier = self.inputs.iter().rposition(|i| match i {
                Input::Tick(_) | Input::Step | Input::Interrupt => false,
                Input::Write { name: n, .. } => n == name,
                Input::Run { .. } | Input::Apply { .. } => true,
            });
            if let Some(k) = earlier {
                if matches!(&self.inputs[k], Input::Write { name: n, .. } if n == name) {
                    self.inputs.remove(k);
                    // Two ticks the write separated are one again.
                    if k > 0 && k < self.inputs.len() {
                        if let (Input::Tick(a), Input::Tick(b)) = (&self.inputs[k - 1], &self.inputs[k]) {
                            let d = Dur(a.0.saturating_add(b.0));
                            self.inputs[k - 1] = Input::Tick(d);
                            self.inputs.remove(k);
                        }
                    }
                }
            }
        }
        self.inputs.push(input);
    }

    /// Simulated time the journal's clock inputs add up to (commands that wait, `sleep` and
    /// steps move the clock too; they are not counted here).
    pub fn ticked(&self) -> Dur {
        Dur(self.inputs.iter().map(|i| if let Input::Tick(d) = i { d.0 } else { 0 }).fold(0u64, u64::saturating_add))
    }
}
