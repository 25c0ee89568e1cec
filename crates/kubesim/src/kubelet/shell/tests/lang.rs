//! The language: quoting, expansion, substitution, pipes, redirections, lists, statuses,
//! state across lines, prompts, syntax errors.

use super::super::host::Host;
use super::super::{exec, Shell};
use super::mock::*;

#[test]
fn quoting() {
    let mut h = Mock::busybox();
    assert_eq!(out(&mut h, "echo 'a  b' \"c  d\" e\\ f"), "a  b c  d e f\n");
    assert_eq!(out(&mut h, r#"echo "x\"y\\z\$w" 'it''s'"#), "x\"y\\z$w its\n");
    assert_eq!(out(&mut h, "echo \"a\\nb\""), "a\\nb\n");
    assert_eq!(out(&mut h, "echo '$HOME' \"$HOME\""), "$HOME /root\n");
    assert_eq!(out(&mut h, "echo a#b # a comment"), "a#b\n");
    assert_eq!(out(&mut h, "echo \"\" | wc -c"), "1\n");
    assert_eq!(out(&mut h, "echo ab\\\ncd"), "abcd\n");
}

#[test]
fn expansion() {
    let mut h = Mock::busybox();
    assert_eq!(out(&mut h, "echo $HOSTNAME ${HOSTNAME}x $NGINX_SERVICE_HOST"), "web-0 web-0x 10.96.0.20\n");
    assert_eq!(out(&mut h, "A='1  2'; echo $A; echo \"$A\""), "1 2\n1  2\n");
    assert_eq!(out(&mut h, "echo ${NOPE:-dflt} ${HOME:+set} ${#HOSTNAME} x${NOPE}y"), "dflt set 5 xy\n");
    assert_eq!(out(&mut h, "echo ${B:=7}; echo $B"), "7\n7\n");
    assert_eq!(out(&mut h, "false; echo $?; true; echo $?"), "1\n0\n");
    assert_eq!(out(&mut h, "cd /tmp; echo ~ $PWD"), "/root /tmp\n");
    assert_eq!(out(&mut h, "echo $"), "$\n");
    let (e, s) = err(&mut h, "echo ${%}");
    assert_eq!((e.as_str(), s), ("sh: syntax error: bad substitution\n", 2));
}

#[test]
fn command_substitution() {
    let mut h = Mock::busybox();
    assert_eq!(out(&mut h, "echo \"host: $(hostname)\""), "host: web-0\n");
    assert_eq!(out(&mut h, "echo $(echo $(echo nested))"), "nested\n");
    assert_eq!(out(&mut h, "echo `echo back` \"`echo q`\""), "back q\n");
    assert_eq!(out(&mut h, "X=$(printf 'a\\nb\\n\\n'); echo \"$X\""), "a\nb\n");
    assert_eq!(out(&mut h, "X=$(false); echo $?"), "1\n");
    assert_eq!(out(&mut h, "echo $(cd /tmp; pwd); pwd"), "/tmp\n/\n");
    let deep = format!("echo {}x{}", "$(echo ".repeat(40), ")".repeat(40));
    let (e, s) = err(&mut h, &deep);
    assert_eq!((e.as_str(), s), ("sh: nesting too deep for this simulated shell\n", 2));
}

#[test]
fn pipes_and_lists() {
    let mut h = Mock::busybox();
    assert_eq!(out(&mut h, "cat /data/notes.txt | grep -i beta | wc -l"), "1\n");
    assert_eq!(out(&mut h, "echo a; echo b && echo c || echo d"), "a\nb\nc\n");
    assert_eq!(out(&mut h, "false && echo no || echo yes"), "yes\n");
    assert_eq!(out(&mut h, "true || echo no; echo $?"), "0\n");
    assert_eq!(out(&mut h, "echo x | false; echo $?; false | true; echo $?"), "1\n0\n");
    assert_eq!(out(&mut h, "! false; echo $?"), "0\n");
    assert_eq!(out(&mut h, "echo one | cd /tmp; pwd"), "/\n");
    assert_eq!(out(&mut h, "echo abc | (cat; cat)"), "abc\n");
    assert_eq!(out(&mut h, "{ echo a; echo b; } | wc -l"), "2\n");
}

#[test]
fn redirections() {
    let mut h = Mock::busybox();
    assert_eq!(out(&mut h, "echo hi > /tmp/f; echo more >> /tmp/f; cat /tmp/f"), "hi\nmore\n");
    assert_eq!(h.files["/tmp/f"], "hi\nmore\n");
    assert_eq!(out(&mut h, "cd /tmp && echo rel > g && cat /tmp/g < /dev/null"), "rel\n");
    assert_eq!(out(&mut h, "wc -l < /data/notes.txt"), "3\n");
    assert_eq!(run(&mut h, "cat /nope 2>/dev/null; echo $?").stdout, "1\n");
    let o = run(&mut h, "cat /nope 2>&1");
    assert_eq!((o.stdout.as_str(), o.stderr.as_str()), ("cat: can't open '/nope': No such file or directory\n", ""));
    let o = run(&mut h, "cat /nope > /dev/null 2>&1; echo done");
    assert_eq!((o.stdout.as_str(), o.stderr.as_str()), ("done\n", ""));
    let o = run(&mut h, "echo err >&2");
    assert_eq!((o.stdout.as_str(), o.stderr.as_str()), ("", "err\n"));
    let o = run(&mut h, "cat /data/notes.txt /nope > /tmp/both 2>&1");
    assert_eq!(h.files["/tmp/both"], "alpha one\nBeta two\ngamma three\ncat: can't open '/nope': No such file or directory\n");
    assert_eq!(o.status, 1);
    assert_eq!(out(&mut h, "> /tmp/empty; cat /tmp/empty; echo [$?]"), "[0]\n");
}

#[test]
fn redirection_errors_in_both_userlands() {
    let mut h = Mock::busybox();
    assert_eq!(err(&mut h, "echo x > /x/y"), ("sh: can't create /x/y: nonexistent directory\n".into(), 1));
    assert_eq!(err(&mut h, "echo x > /etc/config/a"), ("sh: can't create /etc/config/a: Read-only file system\n".into(), 1));
    assert_eq!(err(&mut h, "echo x > /tmp"), ("sh: can't create /tmp: Is a directory\n".into(), 1));
    assert_eq!(err(&mut h, "cat < /nope"), ("sh: can't open '/nope': No such file or directory\n".into(), 1));
    let mut d = Mock::debian();
    assert_eq!(err(&mut d, "echo x > /x/y"), ("sh: 1: cannot create /x/y: Directory nonexistent\n".into(), 2));
    assert_eq!(err(&mut d, "echo x > /etc/config/a"), ("sh: 1: cannot create /etc/config/a: Read-only file system\n".into(), 2));
    assert_eq!(err(&mut d, "cat < /nope"), ("sh: 1: cannot open /nope: No such file\n".into(), 2));
}

#[test]
fn not_found_and_unimplemented() {
    let mut h = Mock::busybox();
    assert_eq!(err(&mut h, "foo"), ("sh: foo: not found\n".into(), 127));
    assert_eq!(err(&mut h, "curl http://nginx"), ("sh: curl: not found\n".into(), 127));
    assert_eq!(err(&mut h, "ps aux"), ("ps: this simulated shell does not run ps\n".into(), 127));
    assert_eq!(err(&mut h, "/nope/x"), ("sh: /nope/x: not found\n".into(), 127));
    assert_eq!(out(&mut h, "/bin/echo via path"), "via path\n");
    let mut d = Mock::debian();
    assert_eq!(err(&mut d, "foo"), ("sh: 1: foo: not found\n".into(), 127));
    assert_eq!(err(&mut d, "echo a\nfoo"), ("sh: 2: foo: not found\n".into(), 127));
    assert_eq!(err(&mut d, "ps"), ("sh: 1: ps: not found\n".into(), 127));
    // Built-ins work whatever the image holds.
    h.programs.clear();
    assert_eq!(out(&mut h, "cd /tmp; pwd; echo ok; true && test -d /tmp && echo dir"), "/tmp\nok\ndir\n");
}

#[test]
fn assignments_and_export() {
    let mut h = Mock::busybox();
    assert_eq!(out(&mut h, "A=1; env | grep '^A='; export A; env | grep '^A='"), "A=1\n");
    assert_eq!(out(&mut h, "export B=2 C; echo $B; env | grep -c '^B=2$'"), "2\n1\n");
    assert_eq!(out(&mut h, "X=tmp env | grep ^X=; echo \"[$X]\""), "X=tmp\n[]\n");
    assert_eq!(out(&mut h, "unset HOME; echo \"[$HOME]\""), "[]\n");
    assert!(out(&mut h, "export").contains("export HOSTNAME='web-0'\n"));
    assert_eq!(err(&mut h, "export 1a=2"), ("sh: export: 1a: bad variable name\n".into(), 2));
}

#[test]
fn environment_order_is_the_kubelets() {
    let mut h = Mock::busybox();
    let env = out(&mut h, "env");
    assert_eq!(env, "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=web-0\nNGINX_SERVICE_HOST=10.96.0.20\nHOME=/root\n");
}

#[test]
fn exit_statuses_and_exit() {
    let mut h = Mock::busybox();
    let o = run(&mut h, "echo a; exit 3; echo b");
    assert_eq!((o.stdout.as_str(), o.status, o.exited), ("a\n", 3, true));
    let o = run(&mut h, "(exit 4); echo $?");
    assert_eq!((o.stdout.as_str(), o.exited), ("4\n", false));
    let o = run(&mut h, "false; exit");
    assert_eq!((o.status, o.exited), (1, true));
    let o = run(&mut h, "exit 256");
    assert_eq!(o.status, 0);
    let o = run(&mut h, "echo $(exit 5) $?");
    assert_eq!((o.stdout.as_str(), o.exited), (" 5\n".trim_start(), false));
    let o = run(&mut h, "sh -c 'exit 6'; echo $?");
    assert_eq!((o.stdout.as_str(), o.exited), ("6\n", false));
    let (e, s) = err(&mut h, "exit x");
    assert_eq!((e.as_str(), s), ("sh: exit: Illegal number: x\n", 2));
}

#[test]
fn interactive_state_persists() {
    let mut h = Mock::busybox();
    let mut sh = Shell::new(&h);
    assert_eq!(sh.prompt(&h), "/ # ");
    assert_eq!(sh.run(&mut h, "cd /tmp").status, 0);
    assert_eq!(sh.run(&mut h, "pwd").stdout, "/tmp\n");
    assert_eq!(sh.prompt(&h), "/tmp # ");
    sh.run(&mut h, "X=kept; false");
    assert_eq!(sh.run(&mut h, "echo $? $X").stdout, "1 kept\n");
    sh.run(&mut h, "cd");
    assert_eq!(sh.prompt(&h), "~ # ");
    sh.run(&mut h, "mkdir /root/sub; cd sub");
    assert_eq!(sh.prompt(&h), "~/sub # ");
    let o = sh.run(&mut h, "cd /nope");
    assert_eq!((o.stderr.as_str(), o.status), ("sh: cd: can't cd to /nope: No such file or directory\n", 2));
    assert_eq!(sh.run(&mut h, "cd ..; pwd").stdout, "/root\n");
    assert_eq!(sh.run(&mut h, "cd /tmp/../etc/./config; pwd").stdout, "/etc/config\n");
    assert_eq!(sh.run(&mut h, "cd -").stdout, "/root\n");
    // A syntax error ends the line, not the session.
    let o = sh.run(&mut h, "echo (");
    assert_eq!((o.status, o.exited), (2, false));
    let json = serde_json::to_string(&sh).expect("serializes");
    let back: Shell = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, sh);

    let mut d = Mock::debian();
    let mut ds = Shell::new(&d);
    assert_eq!(ds.prompt(&d), "# ");
    ds.run(&mut d, "cd /tmp");
    assert_eq!(ds.prompt(&d), "# ");
    assert_eq!(ds.run(&mut d, "foo").stderr, "sh: 2: foo: not found\n");
    let o = ds.run(&mut d, "cd /nope");
    assert_eq!(o.stderr, "sh: 3: cd: can't cd to /nope\n");
}

#[test]
fn syntax_errors_in_both_userlands() {
    let cases = [
        ("echo )", "sh: syntax error: unexpected \")\"\n", "sh: 1: Syntax error: \")\" unexpected\n"),
        ("| wc", "sh: syntax error: unexpected \"|\"\n", "sh: 1: Syntax error: \"|\" unexpected\n"),
        ("echo 'abc", "sh: syntax error: unterminated quoted string\n", "sh: 1: Syntax error: Unterminated quoted string\n"),
        ("echo a &&", "sh: syntax error: unexpected end of file\n", "sh: 1: Syntax error: end of file unexpected\n"),
        ("echo >", "sh: syntax error: unexpected newline\n", "sh: 1: Syntax error: newline unexpected\n"),
        ("fi", "sh: syntax error: unexpected \"fi\"\n", "sh: 1: Syntax error: \"fi\" unexpected\n"),
        ("echo a;;", "sh: syntax error: unexpected \";;\"\n", "sh: 1: Syntax error: \";;\" unexpected\n"),
        ("cat <<EOF", "sh: here-documents (<<): not supported by this simulated shell\n", "sh: 1: here-documents (<<): not supported by this simulated shell\n"),
        ("sleep 1 &", "sh: background jobs (&): not supported by this simulated shell\n", "sh: 1: background jobs (&): not supported by this simulated shell\n"),
    ];
    for (script, bb, dash) in cases {
        assert_eq!(err(&mut Mock::busybox(), script), (bb.to_string(), 2), "{script}");
        assert_eq!(err(&mut Mock::debian(), script), (dash.to_string(), 2), "{script}");
    }
    // Nothing of a line that does not parse runs.
    assert_eq!(run(&mut Mock::busybox(), "echo a; echo )").stdout, "");
}

#[test]
fn control_flow() {
    let mut h = Mock::busybox();
    assert_eq!(out(&mut h, "for i in 1 2 3; do echo n$i; done"), "n1\nn2\nn3\n");
    assert_eq!(out(&mut h, "if test -f /etc/hostname; then echo yes; else echo no; fi"), "yes\n");
    assert_eq!(out(&mut h, "if false; then echo 1; elif true; then echo 2; fi"), "2\n");
    assert_eq!(out(&mut h, "n=x; while [ $n != xxx ]; do n=${n}x; echo $n; done"), "xx\nxxx\n");
    assert_eq!(out(&mut h, "n=x; until [ $n = xx ]; do n=${n}x; done; echo $n"), "xx\n");
    assert_eq!(out(&mut h, "for f in a b\ndo\n  echo $f\ndone"), "a\nb\n");
    let o = run(&mut h, "while true; do true; done");
    assert_eq!(o.status, 1);
    assert!(o.stderr.contains("at most 100000 commands"), "{}", o.stderr);
    let o = run(&mut h, "while true; do echo yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy; done");
    assert_eq!(o.status, 1);
    assert!(o.stdout.len() + o.stderr.len() <= super::super::MAX_OUTPUT + 200);
    assert!(o.stderr.contains("output stopped"), "{}", o.stderr);
    assert_eq!(err(&mut h, "case x in x) echo;; esac"), ("sh: case: not supported by this simulated shell\n".into(), 2));
}

#[test]
fn sh_c_and_exec() {
    let mut h = Mock::busybox();
    let argv = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let o = exec(&mut h, &argv(&["sh", "-c", "echo $0 $1 $#; cd /tmp; pwd", "me", "one"]));
    assert_eq!((o.stdout.as_str(), o.status), ("me one 1\n/tmp\n", 0));
    let o = exec(&mut h, &argv(&["/bin/sh", "-c", "exit 3"]));
    assert_eq!((o.status, o.exited), (3, false));
    let o = exec(&mut h, &argv(&["curl", "http://nginx"]));
    assert_eq!(o.stderr, "OCI runtime exec failed: exec failed: unable to start container process: exec: \"curl\": executable file not found in $PATH: unknown\n");
    assert_eq!(o.status, 126);
    let o = exec(&mut h, &argv(&["bash"]));
    assert_eq!(o.status, 126);
    let o = exec(&mut h, &argv(&["cd", "/"]));
    assert_eq!(o.status, 126);
    assert_eq!(exec(&mut h, &argv(&["cat", "/etc/hostname"])).stdout, "web-0\n");
    // No shell in between: words are not expanded.
    assert_eq!(exec(&mut h, &argv(&["echo", "$HOME", "a;b"])).stdout, "$HOME a;b\n");
    assert_eq!(exec(&mut h, &argv(&["env"])).stdout.lines().count(), 4);
    let o = exec(&mut h, &argv(&["sh", "-c"]));
    assert_eq!((o.stderr.as_str(), o.status), ("sh: -c requires an argument\n", 2));
    let o = exec(&mut h, &argv(&["sh", "-c", "echo ("]));
    assert_eq!(o.status, 2);
    h.files.insert("/tmp/s.sh".into(), "echo script $1\nexit 4\n".into());
    let o = exec(&mut h, &argv(&["sh", "/tmp/s.sh", "arg"]));
    assert_eq!((o.stdout.as_str(), o.status), ("script arg\n", 4));
    assert_eq!(out(&mut h, "sh /tmp/s.sh x; echo $?"), "script x\n4\n");
    let mut d = Mock::debian();
    let o = exec(&mut d, &argv(&["bash", "-c", "foo"]));
    assert_eq!((o.stderr.as_str(), o.status), ("sh: 1: foo: not found\n", 127));
    let o = exec(&mut d, &argv(&["/usr/bin/nope"]));
    assert!(o.stderr.contains("exec: \"/usr/bin/nope\": stat /usr/bin/nope: no such file or directory"), "{}", o.stderr);
    let o = exec(&mut d, &[]);
    assert_eq!(o.status, 1);
    let _ = d.userland();
}
