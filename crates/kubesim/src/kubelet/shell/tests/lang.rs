//! The language: quoting, expansion, substitution, pipes, redirections, lists, statuses,
//! state across lines, prompts, syntax errors.

use super::mock::*;

#[test]
fn smoke() {
    let mut h = Mock::busybox();
    assert_eq!(out(&mut h, "echo hello world"), "hello world\n");
}
