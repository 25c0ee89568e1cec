//! The file and text commands in both userlands: their main options and their errors.

use super::mock::*;

fn both() -> [Mock; 2] {
    [Mock::busybox(), Mock::debian()]
}

#[test]
fn echo_and_printf() {
    let [mut b, mut d] = both();
    assert_eq!(out(&mut b, "echo -n a; echo b"), "ab\n");
    assert_eq!(out(&mut b, "echo -e 'x\\ty'; echo 'x\\ty'"), "x\ty\nx\\ty\n");
    assert_eq!(out(&mut d, "echo -e 'x\\ty'"), "-e x\ty\n");
    assert_eq!(out(&mut d, "echo 'a\\nb\\c'; echo z"), "a\nb z\n".replacen(' ', "", 1));
    assert_eq!(out(&mut b, "printf '%s-%d|%5s|%-3s|%03d\\n' a 7 r l 5"), "a-7|    r|l  |005\n");
    assert_eq!(out(&mut b, "printf '%s\\n' one two"), "one\ntwo\n");
    assert_eq!(out(&mut d, "printf 'x=%x %%\\n' 255"), "x=ff %\n");
    assert_eq!(err(&mut d, "printf '%d' abc"), ("sh: 1: printf: abc: expected numeric value\n".into(), 1));
}

#[test]
fn cat() {
    let [mut b, mut d] = both();
    assert_eq!(out(&mut b, "cat /etc/hostname /etc/hostname"), "web-0\nweb-0\n");
    assert_eq!(out(&mut b, "echo in | cat - /etc/hostname"), "in\nweb-0\n");
    assert_eq!(out(&mut b, "cat -n /data/notes.txt | head -1"), "     1\talpha one\n");
    assert_eq!(err(&mut b, "cat x"), ("cat: can't open 'x': No such file or directory\n".into(), 1));
    assert_eq!(err(&mut d, "cat x"), ("cat: x: No such file or directory\n".into(), 1));
    assert_eq!(err(&mut b, "cat /tmp"), ("cat: read error: Is a directory\n".into(), 1));
    assert_eq!(err(&mut d, "cat /tmp"), ("cat: /tmp: Is a directory\n".into(), 1));
    assert_eq!(err(&mut b, "cat -z"), ("cat: invalid option -- 'z'\n".into(), 1));
    assert_eq!(err(&mut d, "cat -z"), ("cat: invalid option -- 'z'\nTry 'cat --help' for more information.\n".into(), 1));
}

#[test]
fn ls() {
    let [mut b, mut d] = both();
    assert_eq!(out(&mut b, "ls /data"), "notes.txt\n");
    assert_eq!(out(&mut b, "touch /data/.hidden; ls -a /data"), ".\n..\n.hidden\nnotes.txt\n");
    assert_eq!(out(&mut b, "ls -1 /usr/share/nginx/html/index.html"), "/usr/share/nginx/html/index.html\n");
    assert_eq!(out(&mut b, "cd /usr/share; ls"), "nginx\n");
    assert_eq!(out(&mut b, "ls /data/notes.txt /usr/share"), "/data/notes.txt\n\n/usr/share:\nnginx\n");
    assert_eq!(out(&mut b, "ls -l /data/notes.txt"), "-rw-r--r--    1 root     root            31 Dec  4 21:30 /data/notes.txt\n");
    assert_eq!(out(&mut d, "ls -l /usr/share/nginx"), "total 4\ndrwxr-xr-x 2 root root 4096 Dec  4 21:30 html\n");
    assert_eq!(err(&mut b, "ls /nope"), ("ls: /nope: No such file or directory\n".into(), 1));
    assert_eq!(err(&mut d, "ls /nope"), ("ls: cannot access '/nope': No such file or directory\n".into(), 2));
    assert_eq!(out(&mut d, "ls -d /tmp"), "/tmp\n");
}

#[test]
fn mkdir_rm_touch() {
    let [mut b, mut d] = both();
    assert_eq!(out(&mut b, "mkdir /tmp/a && mkdir -p /tmp/a/b/c && ls /tmp/a/b"), "c\n");
    assert!(b.dirs.contains("/tmp/a/b/c"));
    assert_eq!(err(&mut b, "mkdir /tmp/a"), ("mkdir: can't create directory '/tmp/a': File exists\n".into(), 1));
    assert_eq!(err(&mut d, "mkdir /tmp"), ("mkdir: cannot create directory '/tmp': File exists\n".into(), 1));
    assert_eq!(err(&mut d, "mkdir /x/y"), ("mkdir: cannot create directory '/x/y': No such file or directory\n".into(), 1));
    assert_eq!(err(&mut b, "mkdir /etc/config/z"), ("mkdir: can't create directory '/etc/config/z': Read-only file system\n".into(), 1));
    assert_eq!(err(&mut d, "mkdir"), ("mkdir: missing operand\nTry 'mkdir --help' for more information.\n".into(), 1));
    assert_eq!(err(&mut b, "rm /tmp/a"), ("rm: '/tmp/a' is a directory\n".into(), 1));
    assert_eq!(err(&mut d, "mkdir /tmp/a; rm /tmp/a"), ("rm: cannot remove '/tmp/a': Is a directory\n".into(), 1));
    assert_eq!(out(&mut b, "rm -rf /tmp/a; ls /tmp"), "");
    assert_eq!(err(&mut b, "rm /nope"), ("rm: can't remove '/nope': No such file or directory\n".into(), 1));
    assert_eq!(err(&mut d, "rm /nope"), ("rm: cannot remove '/nope': No such file or directory\n".into(), 1));
    assert_eq!(err(&mut d, "rm -f /nope"), ("".into(), 0));
    assert_eq!(err(&mut b, "rm /etc/config/app.conf"), ("rm: can't remove '/etc/config/app.conf': Read-only file system\n".into(), 1));
    assert_eq!(err(&mut d, "rm -rf /"), ("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n".into(), 1));
    assert_eq!(out(&mut d, "touch /tmp/t; cat /tmp/t; ls /tmp"), "a\nt\n");
    assert_eq!(err(&mut b, "touch /x/y"), ("touch: /x/y: No such file or directory\n".into(), 1));
    assert_eq!(err(&mut d, "touch /x/y"), ("touch: cannot touch '/x/y': No such file or directory\n".into(), 1));
    assert_eq!(err(&mut d, "touch /etc/config/n"), ("touch: cannot touch '/etc/config/n': Read-only file system\n".into(), 1));
}

#[test]
fn head_tail_wc() {
    let [mut b, mut d] = both();
    assert_eq!(out(&mut b, "head -n 2 /data/notes.txt"), "alpha one\nBeta two\n");
    assert_eq!(out(&mut b, "head -1 /data/notes.txt"), "alpha one\n");
    assert_eq!(out(&mut d, "tail -n 1 /data/notes.txt"), "gamma three\n");
    assert_eq!(out(&mut d, "tail -2 /data/notes.txt"), "Beta two\ngamma three\n");
    assert_eq!(out(&mut d, "tail -n +3 /data/notes.txt"), "gamma three\n");
    assert_eq!(out(&mut b, "head -c 5 /data/notes.txt"), "alpha");
    assert_eq!(out(&mut b, "head -n1 /data/notes.txt /etc/hostname"), "==> /data/notes.txt <==\nalpha one\n\n==> /etc/hostname <==\nweb-0\n");
    assert_eq!(err(&mut b, "head /nope"), ("head: can't open '/nope': No such file or directory\n".into(), 1));
    assert_eq!(err(&mut d, "tail /nope"), ("tail: cannot open '/nope' for reading: No such file or directory\n".into(), 1));
    assert_eq!(err(&mut d, "head -n x /data/notes.txt"), ("head: invalid number of lines: 'x'\n".into(), 1));
    assert_eq!(err(&mut b, "tail -f /data/notes.txt").1, 1);
    // wc: one count, no padding; several: busybox's 9 columns, GNU's widths.
    assert_eq!(out(&mut b, "wc -l /data/notes.txt"), "3 /data/notes.txt\n");
    assert_eq!(out(&mut d, "wc -l /data/notes.txt"), "3 /data/notes.txt\n");
    assert_eq!(out(&mut b, "wc /data/notes.txt"), "        3         6        31 /data/notes.txt\n");
    assert_eq!(out(&mut d, "wc /data/notes.txt"), " 3  6 31 /data/notes.txt\n");
    assert_eq!(out(&mut b, "cat /data/notes.txt | wc"), "        3         6        31\n");
    assert_eq!(out(&mut d, "cat /data/notes.txt | wc"), "      3       6      31\n");
    assert_eq!(out(&mut d, "echo hi | wc -c"), "3\n");
    assert_eq!(out(&mut d, "wc -l /data/notes.txt /etc/hostname"), " 3 /data/notes.txt\n 1 /etc/hostname\n 4 total\n");
    assert_eq!(err(&mut b, "wc /nope"), ("wc: can't open '/nope': No such file or directory\n".into(), 1));
    assert_eq!(err(&mut d, "wc /nope"), ("wc: /nope: No such file or directory\n".into(), 1));
}

#[test]
fn grep() {
    let [mut b, mut d] = both();
    assert_eq!(out(&mut b, "grep a /data/notes.txt"), "alpha one\nBeta two\ngamma three\n");
    assert_eq!(out(&mut b, "grep -i BETA /data/notes.txt"), "Beta two\n");
    assert_eq!(out(&mut b, "grep -v a /data/notes.txt; echo $?"), "1\n");
    assert_eq!(out(&mut b, "grep -c e /data/notes.txt"), "3\n");
    assert_eq!(out(&mut d, "grep -n '^g' /data/notes.txt"), "3:gamma three\n");
    assert_eq!(out(&mut d, "grep 'e$' /data/notes.txt"), "alpha one\ngamma three\n");
    assert_eq!(out(&mut d, "grep 'a.p' /data/notes.txt"), "alpha one\n");
    assert_eq!(out(&mut d, "grep 'm*a t' /data/notes.txt"), "Beta two\ngamma three\n");
    assert_eq!(out(&mut d, "grep -E 'one|two' /data/notes.txt"), "alpha one\nBeta two\n");
    assert_eq!(out(&mut d, "grep 'one\\|two' /data/notes.txt"), "alpha one\nBeta two\n");
    assert_eq!(out(&mut d, "grep -E '^[a-c][[:alpha:]]+ (one|two)$' /data/notes.txt"), "alpha one\nBeta two\n".replace("Beta two\n", ""));
    assert_eq!(out(&mut d, "grep -E 'm{2}' /data/notes.txt"), "gamma three\n");
    assert_eq!(out(&mut d, "grep -F 'a.p' /data/notes.txt; echo $?"), "1\n");
    assert_eq!(out(&mut b, "grep -q two /data/notes.txt && echo found"), "found\n");
    assert_eq!(out(&mut b, "grep mode /etc/config/app.conf /data/notes.txt"), "/etc/config/app.conf:mode=prod\n");
    assert_eq!(out(&mut b, "grep -l mode /etc/config/app.conf /data/notes.txt"), "/etc/config/app.conf\n");
    assert_eq!(out(&mut b, "grep -r prod /etc"), "/etc/config/app.conf:mode=prod\n");
    assert_eq!(out(&mut b, "echo HOSTNAME=x | grep -e HOST -e none"), "HOSTNAME=x\n");
    assert_eq!(err(&mut b, "grep x /nope"), ("grep: /nope: No such file or directory\n".into(), 2));
    assert_eq!(err(&mut d, "grep '[' /data/notes.txt"), ("grep: Unmatched [, [^, [:, [., or [=\n".into(), 2));
    assert_eq!(err(&mut d, "grep"), ("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n".into(), 2));
}

#[test]
fn test_and_brackets() {
    let [mut b, mut d] = both();
    assert_eq!(out(&mut b, "[ -d /tmp ] && [ -f /etc/hostname ] && [ ! -e /nope ] && echo ok"), "ok\n");
    assert_eq!(out(&mut b, "[ 3 -gt 2 ] && [ a = a ] && [ -n x ] && [ -z '' ] && test 1 -eq 1 -a 2 -le 2 && echo ok"), "ok\n");
    assert_eq!(out(&mut b, "[ a != a ]; echo $?; [ ]; echo $?; [ x ]; echo $?"), "1\n1\n0\n");
    assert_eq!(err(&mut b, "[ 1 = 1"), ("sh: [: missing ]\n".into(), 2));
    assert_eq!(err(&mut d, "[ x -eq 1 ]"), ("sh: 1: [: Illegal number: x\n".into(), 2));
}

#[test]
fn small_commands() {
    let [mut b, mut d] = both();
    assert_eq!(out(&mut b, "hostname; hostname -f; hostname -s; hostname -d"), "web-0\nweb-0.nginx.default.svc.cluster.local\nweb-0\nnginx.default.svc.cluster.local\n");
    b.dns.insert("web-0".into(), "10.244.1.5".into());
    assert_eq!(out(&mut b, "hostname -i"), "10.244.1.5\n");
    assert_eq!(err(&mut b, "hostname x"), ("hostname: sethostname: Operation not permitted\n".into(), 1));
    assert_eq!(out(&mut b, "date"), "Fri Dec  4 21:30:00 UTC 2026\n");
    assert_eq!(out(&mut d, "date +%s"), "1796419800\n");
    assert_eq!(out(&mut d, "date '+%Y-%m-%d %H:%M:%S %j %a %A %B'"), "2026-12-04 21:30:00 338 Fri Friday December\n");
    assert_eq!(out(&mut d, "date -u +%F"), "2026-12-04\n");
    assert_eq!(err(&mut d, "date xyz"), ("date: invalid date 'xyz'\n".into(), 1));
    assert_eq!(out(&mut b, "sleep 2; sleep 1m; sleep 0.5; date +%s"), "1796419862\n");
    assert_eq!(err(&mut b, "sleep x"), ("sleep: invalid number 'x'\n".into(), 1));
    assert_eq!(err(&mut d, "sleep x"), ("sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n".into(), 1));
    assert_eq!(err(&mut d, "sleep"), ("sleep: missing operand\nTry 'sleep --help' for more information.\n".into(), 1));
    let o = run(&mut b, "nslookup web-0.nginx");
    assert_eq!((o.status, o.stdout.contains("Address: 10.244.1.5")), (0, true));
    assert_eq!(run(&mut b, "nslookup nope").status, 1);
    assert_eq!(out(&mut d, "env -i 2>/dev/null; env A=1 sh -c 'echo $A'"), "1\n");
    assert_eq!(err(&mut b, "env nope"), ("env: can't execute 'nope': No such file or directory\n".into(), 127));
    assert_eq!(err(&mut d, "env nope"), ("env: 'nope': No such file or directory\n".into(), 127));
    assert_eq!(out(&mut b, "true; echo $?; false; echo $?; :; echo $?"), "0\n1\n0\n");
}
