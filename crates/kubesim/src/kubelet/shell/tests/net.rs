//! wget (busybox) and curl (Debian images that have it) against the mock network.

use super::mock::*;

#[test]
fn wget_prints_what_busybox_prints() {
    let mut b = Mock::busybox();
    let o = run(&mut b, "wget -qO- http://nginx");
    assert_eq!((o.stdout.as_str(), o.stderr.as_str(), o.status), ("<h1>Welcome to nginx!</h1>\n", "", 0));
    assert_eq!(b.log, ["10.96.0.20:80/"]);
    let o = run(&mut b, "wget -O- nginx/healthz");
    assert_eq!(o.stdout, "ok");
    assert_eq!(o.stderr, format!("Connecting to nginx (10.96.0.20:80)\nwriting to stdout\n-                    100% |{}|     2  0:00:00 ETA\nwritten to stdout\n", "*".repeat(32)));
    let o = run(&mut b, "cd /tmp && wget http://web-0.nginx/");
    assert_eq!(o.status, 0);
    assert_eq!(b.files["/tmp/index.html"], "<h1>Welcome to nginx!</h1>\n");
    assert!(o.stderr.starts_with("Connecting to web-0.nginx (10.244.1.5:80)\nsaving to 'index.html'\nindex.html           100% |"), "{}", o.stderr);
    assert!(o.stderr.ends_with("|    27  0:00:00 ETA\n'index.html' saved\n"), "{}", o.stderr);
    // Without -O busybox does not overwrite.
    let (e, s) = err(&mut b, "cd /tmp && wget -q http://nginx/");
    assert_eq!((e.as_str(), s), ("wget: can't open 'index.html': File exists\n", 1));
    assert_eq!(out(&mut b, "wget -q -O /tmp/h http://nginx/healthz && cat /tmp/h"), "ok");
}

#[test]
fn wget_errors() {
    let mut b = Mock::busybox();
    assert_eq!(err(&mut b, "wget -qO- http://nope/"), ("wget: bad address 'nope'\n".into(), 1));
    assert_eq!(err(&mut b, "wget -qO- http://closed/"), ("wget: can't connect to remote host (10.244.1.9): Connection refused\n".into(), 1));
    assert_eq!(err(&mut b, "wget -qO- http://nginx/missing"), ("wget: server returned error: HTTP/1.1 404 Not Found\n".into(), 1));
    assert_eq!(err(&mut b, "wget -O- http://nginx:8080/"), ("Connecting to nginx:8080 (10.96.0.20:8080)\nwget: can't connect to remote host (10.96.0.20): Connection refused\n".into(), 1));
    let before = b.now;
    assert_eq!(err(&mut b, "wget -q -T 5 -O- http://dead/"), ("wget: download timed out\n".into(), 1));
    assert_eq!(b.now, before + 5);
    assert_eq!(err(&mut b, "wget -q -O /x/y http://nginx/"), ("wget: can't open '/x/y': No such file or directory\n".into(), 1));
    assert_eq!(err(&mut b, "wget -qO- https://nginx/").1, 1);
    let mut d = Mock::debian();
    d.programs.insert("wget".into());
    assert_eq!(err(&mut d, "wget -qO- http://nginx/").1, 127);
}

#[test]
fn curl() {
    let mut d = Mock::debian();
    assert_eq!(out(&mut d, "curl -s http://nginx/"), "<h1>Welcome to nginx!</h1>\n");
    assert_eq!(out(&mut d, "curl nginx/healthz"), "ok");
    assert_eq!(out(&mut d, "curl -sI http://nginx/"), "HTTP/1.1 200 OK\r\nContent-Length: 27\r\n\r\n");
    assert_eq!(out(&mut d, "curl -si http://nginx/healthz"), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    assert_eq!(out(&mut d, "curl -s -o /dev/null -w '%{http_code}\\n' http://nginx/missing"), "404\n");
    assert_eq!(out(&mut d, "curl -s -o /tmp/page http://web-0.nginx/ && cat /tmp/page"), "<h1>Welcome to nginx!</h1>\n");
    assert_eq!(out(&mut d, "curl -s http://10.244.1.5:80/healthz"), "ok");
    assert_eq!(err(&mut d, "curl http://nope/"), ("curl: (6) Could not resolve host: nope\n".into(), 6));
    assert_eq!(err(&mut d, "curl -s http://nope/"), ("".into(), 6));
    assert_eq!(err(&mut d, "curl -sS http://nope/"), ("curl: (6) Could not resolve host: nope\n".into(), 6));
    assert_eq!(err(&mut d, "curl http://closed/"), ("curl: (7) Failed to connect to closed port 80 after 0 ms: Couldn't connect to server\n".into(), 7));
    assert_eq!(err(&mut d, "curl -f http://nginx/missing"), ("curl: (22) The requested URL returned error: 404\n".into(), 22));
    let before = d.now;
    assert_eq!(err(&mut d, "curl -m 3 http://dead/"), ("curl: (28) Connection timed out after 3000 milliseconds\n".into(), 28));
    assert_eq!(d.now, before + 3);
    assert_eq!(err(&mut d, "curl http://nginx:99999/").1, 3);
    assert_eq!(err(&mut d, "curl -o /x/y http://nginx/"), ("Warning: Failed to open the file /x/y: No such file or directory\ncurl: (23) Failure writing output to destination\n".into(), 23));
    assert_eq!(err(&mut d, "curl"), ("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n".into(), 2));
    let o = run(&mut d, "curl -v http://nginx/healthz");
    assert!(o.stderr.contains("> GET /healthz HTTP/1.1\n> Host: nginx\n") && o.stderr.contains("< HTTP/1.1 200 OK\n"), "{}", o.stderr);
    // busybox images have no curl: the shell says so.
    assert_eq!(err(&mut Mock::busybox(), "curl http://nginx/"), ("sh: curl: not found\n".into(), 127));
}
