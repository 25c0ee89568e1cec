//! The shell's tests, over a mock container (`mock`): the language, the commands in both
//! userlands, the network commands, and a deterministic fuzz run.

mod mock;
mod lang;
mod files;
mod net;
mod fuzz;
