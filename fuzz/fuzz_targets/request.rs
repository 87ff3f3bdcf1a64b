//! The preview's request handling: any request path is read as a site
//! file that stays inside the site, or refused; every redirect it makes
//! stays on the site and reads back as the same file; any `Host` and
//! `Origin` are judged without a panic, and only the preview's own names
//! are let in.
#![no_main]

use evident::serve::guard::{Asking, Hosts, admit, authority};
use evident::serve::http::{ask, location};
use libfuzzer_sys::fuzz_target;
use std::net::{IpAddr, Ipv4Addr};

fuzz_target!(|text: &str| {
    if let Ok(asked) = ask(text) {
        let file = &asked.file;
        assert!(!file.starts_with('/'), "{file:?}");
        assert!(!file.contains('\\') && !file.contains('\0'), "{file:?}");
        assert!(
            file.split('/')
                .all(|s| !s.is_empty() && s != ".." && s != "."),
            "{text:?} → {file:?}"
        );
        let to = location(file);
        assert!(to.starts_with('/'), "{to:?}");
        assert!(!to.starts_with("//") && !to.starts_with("/\\"), "{to:?}");
        assert_eq!(ask(&to).map(|a| a.file).as_ref(), Ok(file), "{to:?}");
    }
    let _ = authority(text);
    let hosts = Hosts::listening_on(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let asking = Asking {
        target_authority: None,
        host: &[text],
        origin: Some(text),
        fetch_site: Some(text),
        fetch_mode: Some(text),
        fetch_dest: Some(text),
    };
    let _ = admit(&hosts, loopback, &asking);
    // A name the preview does not answer to is never let in.
    let by_host = Asking {
        target_authority: None,
        host: &[text],
        origin: None,
        fetch_site: None,
        fetch_mode: None,
        fetch_dest: None,
    };
    if admit(&hosts, loopback, &by_host).is_ok() {
        let (host, _) = authority(text).expect("admitted, so it parses");
        assert!(hosts.answers(&host, loopback), "{text:?}");
    }
});
