//! Deterministic fuzzing: many scripts drawn from a fixed seed over the shell's
//! metacharacters, words and command names, and mutations of valid scripts. None may
//! panic, print past the limit, grow a file past its limit, or differ between two runs.

use super::super::{exec, Shell, MAX_FILE, MAX_OUTPUT};
use super::mock::*;

/// xorshift64*: enough for drawing test inputs.
struct Rand(u64);

impl Rand {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

const TOKENS: &[&str] = &[
    "echo", "cat", "ls", "-l", "-a", "grep", "-i", "-v", "-c", "-E", "wc", "-l", "head", "-n", "2", "tail", "mkdir", "-p", "rm", "-rf", "-r", "touch", "cd", "pwd",
    "export", "exit", "sh", "-c", "bash", "wget", "-qO-", "-O", "curl", "-s", "-o", "-I", "nslookup", "date", "+%s", "sleep", "1", "test", "[", "]", "-f", "-d", "printf",
    "'%s\\n'", "%d", "for", "in", "do", "done", "while", "until", "if", "then", "elif", "else", "fi", "case", "esac", "{", "}", "(", ")", "$(", "`", "'", "\"", "\\", "$",
    "${", "${#", ":-", "$?", "$#", "$@", "$0", "$1", "|", "||", "&&", ";", ";;", "&", ">", ">>", "<", "2>&1", "2>", ">&2", "<&", "3>", "/dev/null", "/tmp/x", "/tmp",
    "..", ".", "/", "/etc/config/app.conf", "/data/notes.txt", "*", "#", "\n", " ", "a", "x=1", "$x", "http://nginx/", "http://dead/", "http://nope:1/", "nginx", "~", "=",
    "!", "0", "99999999999999999999", "é", "日本", "\t", "env", "hostname", "-f", "true", "false", ":", "unset", "^a.*$", "[[:alpha:]]+", "\\(", "\\{2,3\\}", "$((1+2))",
    "<<", "-", "--", "--help", "-e", "ps", "/bin/ls", "./x", "'[[:]'", "[:", "'a\\{9\\}'",
];

/// Characters patterns are made of.
const REGEX_CHARS: &[&str] = &["a", "b", ".", "*", "+", "?", "|", "(", ")", "[", "]", "^", "$", "\\", "{", "}", ",", "1", "9", ":", "-", "[:alpha:]", "日"];

const VALID: &[&str] = &[
    "echo hello > /tmp/a; cat /tmp/a | wc -c",
    "for i in 1 2 3; do echo $i; done | tail -n 1",
    "if [ -d /tmp ]; then cd /tmp && pwd; else echo no; fi",
    "X=$(cat /data/notes.txt | grep -i beta); echo \"[$X]\"",
    "wget -qO- http://nginx/ 2>&1 | head -1",
    "curl -s -o /tmp/p http://nginx/healthz; echo $?",
    "mkdir -p /tmp/d/e && touch /tmp/d/e/f && ls -la /tmp/d/e && rm -r /tmp/d",
    "sh -c 'echo $0 $1' me you; exit 3",
    "printf '%s=%d\\n' a 1 b 2 | grep -c =",
    "n=x; while [ $n != xxxx ]; do n=${n}x; done; echo ${#n}",
    "cat /etc/config/app.conf > /etc/config/b 2>/dev/null || echo ro",
    "date '+%Y-%m-%d'; sleep 1; hostname -f",
    "echo `echo a` $(echo $(echo b)) ${U:-c} ~",
    "(cd /data; grep -n two notes.txt) >> /tmp/log; cat /tmp/log",
];

fn mutate(r: &mut Rand, s: &str) -> String {
    let mut cs: Vec<char> = s.chars().collect();
    for _ in 0..1 + r.below(4) {
        let i = r.below(cs.len() + 1);
        match r.below(3) {
            0 if i < cs.len() => {
                cs.remove(i);
            }
            1 => {
                let t = r.pick(TOKENS);
                for (k, ch) in t.chars().enumerate() {
                    cs.insert(i + k, ch);
                }
            }
            _ if i < cs.len() => cs[i] = r.pick(&["(", ")", "'", "\"", "$", "|", ";", "&", "\\", "`", "{", "}", ">", "<", " ", "\n"]).chars().next().unwrap_or(' '),
            _ => {}
        }
    }
    cs.into_iter().collect()
}

fn check(h: &Mock, o: &super::super::Outcome, script: &str) {
    assert!(o.stdout.len() + o.stderr.len() <= MAX_OUTPUT + 300, "too much output for {script:?}");
    for (p, data) in &h.files {
        assert!(data.len() <= MAX_FILE, "{p} grew past the limit with {script:?}");
    }
}

#[test]
fn random_scripts_never_panic_nor_pass_limits() {
    let mut r = Rand(0x5EED_CAFE_F00D_0001);
    for n in 0..2500 {
        let script = if n % 3 == 0 {
            let base = r.pick(VALID);
            mutate(&mut r, base)
        } else {
            let len = 1 + r.below(24);
            let mut s = String::new();
            for _ in 0..len {
                s.push_str(r.pick(TOKENS));
                if r.below(4) != 0 {
                    s.push(' ');
                }
            }
            s
        };
        let mut h = if n % 2 == 0 { Mock::busybox() } else { Mock::debian() };
        let mut twin = h.clone();
        let mut sh = Shell::new(&h);
        let mut sh2 = sh.clone();
        let o = sh.run(&mut h, &script);
        check(&h, &o, &script);
        let o2 = sh.run(&mut h, &script);
        check(&h, &o2, &script);
        // The same input on the same container gives the same result: the host is the only
        // thing the shell reads or changes.
        let t = sh2.run(&mut twin, &script);
        let t2 = sh2.run(&mut twin, &script);
        assert_eq!((&o, &o2, &sh), (&t, &t2, &sh2), "{script:?}");
        assert_eq!(h, twin, "{script:?}");
        let argv: Vec<String> = script.split(' ').map(str::to_string).collect();
        let e = exec(&mut h, &argv);
        check(&h, &e, &script);
    }
}

#[test]
fn random_patterns_never_panic() {
    use super::super::regex::Regex;
    let mut r = Rand(0xA11C_E5ED);
    for _ in 0..4000 {
        let len = r.below(12);
        let p: String = (0..len).map(|_| r.pick(REGEX_CHARS)).collect();
        let line: String = (0..r.below(20)).map(|_| r.pick(&["a", "b", "1", ":", "日", " ", "("])).collect();
        for (ere, icase) in [(false, false), (true, false), (false, true), (true, true)] {
            if let Ok(re) = Regex::new(&p, ere, icase) {
                let mut budget = 1_000_000;
                let _ = re.is_match(&line, &mut budget);
            }
        }
    }
}

#[test]
fn big_outputs_and_files_stop_at_the_limits() {
    let mut h = Mock::busybox();
    h.files.insert("/tmp/big".into(), "y".repeat(MAX_FILE - 10) + "\n");
    let o = run(&mut h, "cat /tmp/big /tmp/big /tmp/big");
    assert!(o.stdout.len() + o.stderr.len() <= MAX_OUTPUT + 300);
    assert_eq!(o.status, 1);
    assert!(o.stderr.contains("output stopped"), "{}", o.stderr);
    let o = run(&mut h, "cat /tmp/big >> /tmp/big2; cat /tmp/big >> /tmp/big2; echo $?");
    assert_eq!(o.stdout, "1\n");
    assert_eq!(o.stderr, "cat: write error: File too large\n");
    assert!(h.files["/tmp/big2"].len() <= MAX_FILE);
    let o = run(&mut h, "A=$(cat /tmp/big); A=$A$A; echo ${#A}");
    assert_eq!(o.status, 1);
    assert!(o.stderr.contains("would pass"), "{}", o.stderr);
    let o = run(&mut h, "while true; do cat /tmp/big >> /tmp/big3; done");
    assert_eq!(o.status, 1);
    assert!(h.files["/tmp/big3"].len() <= MAX_FILE);
    let o = run(&mut h, "while true; do cat /tmp/big > /dev/null; done");
    assert_eq!((o.status, o.stderr.as_str()), (1, "sh: stopped: this simulated shell moves at most 32 MiB of data per line\n"));
    // Multi-byte text is cut on a character boundary.
    h.files.insert("/tmp/wide".into(), "日".repeat(MAX_OUTPUT / 3 + 5));
    let o = run(&mut h, "cat /tmp/wide");
    assert!(o.stdout.len() <= MAX_OUTPUT && o.stdout.chars().all(|c| c == '日'));
}
