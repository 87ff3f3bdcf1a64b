//! Who the preview answers: the checks every request passes before
//! [`super::http`] looks at its path. Pure functions of the request's
//! header values (strings) and of the addresses the preview answers to, so
//! that they can be tested, and fuzzed, without a server.
//!
//! 1. **Host.** A page on another site can have its own host name resolve
//!    to 127.0.0.1 once it is loaded ("DNS rebinding") and then read the
//!    preview as if it were its own origin; its requests still carry its
//!    own name in `Host`. So the preview answers only when `Host` (or the
//!    authority of a request target in absolute form, RFC 9112 §3.2.2)
//!    names `localhost`, a loopback address, the address listened on, the
//!    address the connection arrived on, or, for a wildcard bind, the
//!    machine's own host name and its addresses. A missing, repeated or
//!    malformed `Host` is a bad request (400, as RFC 9112 §3.2 requires
//!    of HTTP/1.1); another name is misdirected (421, RFC 9110 §15.5.20).
//!    The same defence, in the same shape, is common to local servers:
//!    e.g. the MCP SDKs' `allowedHosts` and Express's `host-validation`.
//! 2. **Origin.** A request that carries `Origin` (the event stream asked
//!    for by another page's script does, as every CORS request does) must
//!    come from the preview itself: `http`, a host it answers to, and the
//!    same host and port as the request's `Host`. `null` is refused.
//! 3. **Sec-Fetch-Site.** Browsers say where a request comes from; a
//!    `cross-site` one is refused unless it opens a page in a tab (mode
//!    `navigate`, destination `document`), as Google's Resource Isolation
//!    Policy for Fetch Metadata does, framing excepted: a link to the
//!    preview from elsewhere still opens it, but no other site can
//!    embed, script or fetch it.
//!
//! Names are compared case-insensitively. `localhost.` (the same name,
//! written as fully qualified) is `localhost`: RFC 6761 §6.3 has it
//! resolve to loopback, and browsers hard-code it there (WHATWG Fetch
//! #1257), so no other site can have it. The port in `Host` is not
//! checked: DNS rebinding changes the name, never the port, and a
//! forwarded port (`ssh -L 8080:localhost:4000`) reaches the preview with
//! another one.

use std::collections::BTreeSet;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A host as a request names it: a DNS name (lower-cased, without a
/// trailing dot) or an IP address (IPv4-mapped IPv6 read as IPv4).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Host {
    /// A host name: `localhost`, `reviewer-laptop`.
    Name(String),
    /// An address literal: `127.0.0.1`, `[::1]`.
    Address(IpAddr),
}

impl Host {
    /// The host of an address (`::ffff:127.0.0.1` is `127.0.0.1`).
    pub fn address(ip: IpAddr) -> Host {
        Host::Address(ip.to_canonical())
    }

    /// A host name as the operating system gives it; `None` when it is
    /// not one a `Host` header could carry.
    pub fn name(name: &str) -> Option<Host> {
        match parse_host(name.trim()) {
            Ok(host @ Host::Name(_)) => Some(host),
            _ => None,
        }
    }
}

impl fmt::Display for Host {
    /// As a URL spells it: IPv6 addresses in brackets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Name(n) => f.write_str(n),
            Host::Address(IpAddr::V6(ip)) => write!(f, "[{ip}]"),
            Host::Address(IpAddr::V4(ip)) => write!(f, "{ip}"),
        }
    }
}

/// Why a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No `Host`, two of them, or one that is not `host[:port]`: 400.
    BadHost,
    /// A host name or address the preview does not answer to: 421.
    ForeignHost,
    /// An `Origin` other than the preview's own: 403.
    ForeignOrigin,
    /// `Sec-Fetch-Site: cross-site`, other than opening a page: 403.
    CrossSite,
}

/// The longest host name DNS allows (RFC 1035 §2.3.4, less the root's
/// dot).
const MAX_NAME: usize = 253;

/// Read the host and port of a `Host` value or URL authority:
/// `localhost:4000`, `LOCALHOST`, `localhost.`, `127.0.0.1`, `[::1]:4000`.
/// Anything else (a user name, a path, an empty or out-of-range port, a
/// zone identifier, a character no host name has) is refused as
/// [`Refusal::BadHost`].
pub fn authority(value: &str) -> Result<(Host, Option<u16>), Refusal> {
    let (host, port) = if let Some(rest) = value.strip_prefix('[') {
        let (inside, after) = rest.split_once(']').ok_or(Refusal::BadHost)?;
        let ip: Ipv6Addr = inside.parse().map_err(|_| Refusal::BadHost)?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or(Refusal::BadHost)?),
        };
        (Host::address(IpAddr::V6(ip)), port)
    } else {
        let (host, port) = match value.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (value, None),
        };
        (parse_host(host)?, port)
    };
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse().map_err(|_| Refusal::BadHost)?)
        }
        Some(_) => return Err(Refusal::BadHost),
    };
    Ok((host, port))
}

/// A host without brackets or port: an IPv4 address or a DNS name.
fn parse_host(host: &str) -> Result<Host, Refusal> {
    if let Ok(ip) = host.parse::<Ipv4Addr>() {
        return Ok(Host::address(IpAddr::V4(ip)));
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if name.is_empty() || name.len() > MAX_NAME || !name.split('.').all(label_ok) {
        return Err(Refusal::BadHost);
    }
    Ok(Host::Name(name.to_ascii_lowercase()))
}

/// The host names and addresses the preview answers to.
#[derive(Debug, Clone)]
pub struct Hosts {
    hosts: BTreeSet<Host>,
    /// Whether the preview listens on more than loopback, so that the
    /// machine's own names were added.
    shared: bool,
}

impl Hosts {
    /// What a preview listening on `bind` answers to before the machine's
    /// own names are added: `localhost`, `127.0.0.1`, `[::1]`, and `bind`
    /// unless it is a wildcard.
    pub fn listening_on(bind: IpAddr) -> Hosts {
        let mut hosts: BTreeSet<Host> = [
            Host::Name("localhost".into()),
            Host::address(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            Host::address(IpAddr::V6(Ipv6Addr::LOCALHOST)),
        ]
        .into();
        if !bind.is_unspecified() {
            hosts.insert(Host::address(bind));
        }
        Hosts {
            hosts,
            shared: !bind.is_loopback(),
        }
    }

    /// Answer to `host` as well.
    pub fn add(&mut self, host: Host) {
        self.hosts.insert(host);
    }

    /// Whether a connection that arrived on the address `arrived_on`
    /// answers to `host`: one of these, or `arrived_on` itself, which is
    /// by definition one of the machine's own addresses.
    pub fn answers(&self, host: &Host, arrived_on: IpAddr) -> bool {
        self.hosts.contains(host) || *host == Host::address(arrived_on)
    }

    /// The names and addresses, as URLs spell them, loopback first.
    pub fn list(&self) -> Vec<String> {
        let loopback = |h: &Host| match h {
            Host::Name(n) => n != "localhost",
            Host::Address(ip) => !ip.is_loopback(),
        };
        let mut all: Vec<&Host> = self.hosts.iter().collect();
        all.sort_by_key(|h| (loopback(h), matches!(h, Host::Address(IpAddr::V6(_)))));
        all.iter().map(|h| h.to_string()).collect()
    }

    /// What a refused request is told: which names are answered. Off
    /// loopback the machine's own names are not repeated here (a page
    /// that rebound its name could read them); the terminal lists them.
    pub fn refusal_text(&self, why: Refusal, port: u16) -> String {
        let names = if self.shared {
            "localhost, 127.0.0.1, [::1] and the names of this machine listed where `evident serve` runs"
        } else {
            "localhost, 127.0.0.1 and [::1]"
        };
        let reason = match why {
            Refusal::BadHost => {
                "This request names no host, more than one, or one that is not a host name."
            }
            Refusal::ForeignHost => {
                "This request was addressed to a host name the preview does not answer to."
            }
            Refusal::ForeignOrigin | Refusal::CrossSite => {
                "This request came from another site; the preview serves its own pages only."
            }
        };
        format!(
            "{reason}\nThe Evident preview answers only to {names}: open http://localhost:{port}/\n"
        )
    }
}

/// The header values of a request that [`admit`] reads; `None` for a
/// header that is absent.
#[derive(Debug, Default, Clone, Copy)]
pub struct Asking<'a> {
    /// The authority of a request target in absolute form
    /// (`GET http://host/ HTTP/1.1`), which overrides `Host`.
    pub target_authority: Option<&'a str>,
    /// Every `Host` value sent (a valid request sends exactly one).
    pub host: &'a [&'a str],
    /// `Origin`.
    pub origin: Option<&'a str>,
    /// `Sec-Fetch-Site`.
    pub fetch_site: Option<&'a str>,
    /// `Sec-Fetch-Mode`.
    pub fetch_mode: Option<&'a str>,
    /// `Sec-Fetch-Dest`.
    pub fetch_dest: Option<&'a str>,
}

/// Whether the preview answers a request that arrived on `arrived_on`.
pub fn admit(hosts: &Hosts, arrived_on: IpAddr, asking: &Asking<'_>) -> Result<(), Refusal> {
    let value = match (asking.target_authority, asking.host) {
        (Some(a), _) => a,
        (None, [one]) => one,
        (None, _) => return Err(Refusal::BadHost),
    };
    let (host, port) = authority(value)?;
    if !hosts.answers(&host, arrived_on) {
        return Err(Refusal::ForeignHost);
    }
    if let Some(origin) = asking.origin {
        same_origin(origin, &host, port)?;
    }
    let is = |value: Option<&str>, expected: &str| {
        value.is_some_and(|v| v.trim().eq_ignore_ascii_case(expected))
    };
    if is(asking.fetch_site, "cross-site")
        && !(is(asking.fetch_mode, "navigate") && is(asking.fetch_dest, "document"))
    {
        return Err(Refusal::CrossSite);
    }
    Ok(())
}

/// Whether `origin` is the origin the request was addressed to: `http`,
/// the same host, the same port (80 when none is written).
fn same_origin(origin: &str, host: &Host, port: Option<u16>) -> Result<(), Refusal> {
    let scheme_end = origin.find("://").ok_or(Refusal::ForeignOrigin)?;
    if !origin[..scheme_end].eq_ignore_ascii_case("http") {
        return Err(Refusal::ForeignOrigin);
    }
    let (origin_host, origin_port) =
        authority(&origin[scheme_end + 3..]).map_err(|_| Refusal::ForeignOrigin)?;
    if origin_host != *host || origin_port.unwrap_or(80) != port.unwrap_or(80) {
        return Err(Refusal::ForeignOrigin);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    fn asking_host<'a>(host: &'a [&'a str]) -> Asking<'a> {
        Asking {
            host,
            ..Asking::default()
        }
    }

    fn host_check(hosts: &Hosts, arrived_on: IpAddr, value: &str) -> Result<(), Refusal> {
        admit(hosts, arrived_on, &asking_host(&[value]))
    }

    #[test]
    fn loopback_names_are_answered_in_every_spelling() {
        let hosts = Hosts::listening_on(LOOPBACK);
        for value in [
            "localhost",
            "localhost:4000",
            "LOCALHOST:4000",
            "LocalHost",
            "localhost.",
            "localhost.:4000",
            "127.0.0.1",
            "127.0.0.1:1",
            "[::1]",
            "[::1]:65535",
            "[0:0:0:0:0:0:0:1]:4000",
            "[::ffff:127.0.0.1]:4000",
            "[::FFFF:7F00:1]",
        ] {
            assert_eq!(host_check(&hosts, LOOPBACK, value), Ok(()), "{value}");
        }
    }

    #[test]
    fn other_names_and_addresses_are_misdirected() {
        let hosts = Hosts::listening_on(LOOPBACK);
        for value in [
            "rebind.example",
            "rebind.example:4000",
            "localhost.rebind.example",
            "127.0.0.1.rebind.example",
            "sub.localhost",
            "localhostx",
            "127.0.0.2",
            "0.0.0.0",
            "[::]",
            "[::2]",
            "[::ffff:127.0.0.2]",
            // Other spellings of 127.0.0.1 that browsers never send (they
            // write IPv4 addresses in dotted decimal) are names here.
            "127.1",
            "2130706433",
            "0x7f.0.0.1",
        ] {
            assert_eq!(
                host_check(&hosts, LOOPBACK, value),
                Err(Refusal::ForeignHost),
                "{value}"
            );
        }
    }

    #[test]
    fn malformed_hosts_are_bad_requests() {
        let hosts = Hosts::listening_on(LOOPBACK);
        let long = format!("{}.example", "a".repeat(300));
        let label = format!("{}.example", "a".repeat(64));
        for value in [
            "",
            " ",
            ":4000",
            ".",
            "..",
            "localhost..",
            ".localhost",
            "localhost:",
            "localhost:port",
            "localhost:99999",
            "localhost:-1",
            "localhost:+80",
            "localhost:4000:4000",
            "localhost@rebind.example",
            "user:pass@localhost",
            "localhost/x",
            "localhost\\x",
            "localhost\0",
            "local host",
            "localhost%2e",
            "[::1",
            "::1",
            "[::1]x",
            "[::1]:",
            "[fe80::1%25eth0]",
            "[127.0.0.1]",
            "lоcalhost", // a Cyrillic o
            long.as_str(),
            label.as_str(),
        ] {
            assert_eq!(
                host_check(&hosts, LOOPBACK, value),
                Err(Refusal::BadHost),
                "{value:?}"
            );
        }
        // None, or two.
        assert_eq!(
            admit(&hosts, LOOPBACK, &asking_host(&[])),
            Err(Refusal::BadHost)
        );
        assert_eq!(
            admit(&hosts, LOOPBACK, &asking_host(&["localhost", "localhost"])),
            Err(Refusal::BadHost)
        );
    }

    #[test]
    fn the_target_authority_overrides_host() {
        let hosts = Hosts::listening_on(LOOPBACK);
        let asking = Asking {
            target_authority: Some("rebind.example:4000"),
            host: &["localhost:4000"],
            ..Asking::default()
        };
        assert_eq!(admit(&hosts, LOOPBACK, &asking), Err(Refusal::ForeignHost));
        let asking = Asking {
            target_authority: Some("localhost:4000"),
            host: &[],
            ..Asking::default()
        };
        assert_eq!(admit(&hosts, LOOPBACK, &asking), Ok(()));
    }

    #[test]
    fn a_wildcard_bind_answers_to_the_address_a_connection_arrived_on() {
        let lan: IpAddr = "192.0.2.7".parse().unwrap();
        let mut hosts = Hosts::listening_on(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        hosts.add(Host::name("Reviewer-Laptop").unwrap());
        assert_eq!(host_check(&hosts, lan, "192.0.2.7:4000"), Ok(()));
        // Dual-stack sockets see IPv4 peers as IPv4-mapped IPv6.
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(host_check(&hosts, mapped, "192.0.2.7:4000"), Ok(()));
        assert_eq!(host_check(&hosts, lan, "reviewer-laptop:4000"), Ok(()));
        assert_eq!(host_check(&hosts, lan, "REVIEWER-LAPTOP."), Ok(()));
        assert_eq!(host_check(&hosts, LOOPBACK, "localhost:4000"), Ok(()));
        // Another of the network's addresses, or the wildcard itself: no.
        assert_eq!(
            host_check(&hosts, lan, "192.0.2.8:4000"),
            Err(Refusal::ForeignHost)
        );
        assert_eq!(
            host_check(&hosts, lan, "0.0.0.0:4000"),
            Err(Refusal::ForeignHost)
        );
        assert_eq!(
            host_check(&hosts, lan, "rebind.example:4000"),
            Err(Refusal::ForeignHost)
        );
        assert_eq!(
            hosts.list(),
            ["localhost", "127.0.0.1", "[::1]", "reviewer-laptop"]
        );
        // The refusal does not name the machine.
        let text = hosts.refusal_text(Refusal::ForeignHost, 4000);
        assert!(!text.contains("reviewer-laptop"), "{text}");
        assert!(text.contains("localhost, 127.0.0.1, [::1]"), "{text}");
    }

    #[test]
    fn a_specific_address_is_answered_to() {
        let lan: IpAddr = "192.0.2.7".parse().unwrap();
        let hosts = Hosts::listening_on(lan);
        assert_eq!(host_check(&hosts, LOOPBACK, "192.0.2.7"), Ok(()));
        assert_eq!(
            hosts.list(),
            ["localhost", "127.0.0.1", "[::1]", "192.0.2.7"]
        );
    }

    #[test]
    fn only_the_previews_own_origin_is_welcome() {
        let hosts = Hosts::listening_on(LOOPBACK);
        let check = |host: &str, origin: &str| {
            admit(
                &hosts,
                LOOPBACK,
                &Asking {
                    host: &[host],
                    origin: Some(origin),
                    ..Asking::default()
                },
            )
        };
        assert_eq!(check("localhost:4000", "http://localhost:4000"), Ok(()));
        assert_eq!(check("localhost:4000", "HTTP://LocalHost:4000"), Ok(()));
        assert_eq!(check("localhost", "http://localhost"), Ok(()));
        assert_eq!(check("localhost:80", "http://localhost"), Ok(()));
        assert_eq!(check("[::1]:4000", "http://[::1]:4000"), Ok(()));
        for (host, origin) in [
            ("localhost:4000", "http://rebind.example:4000"),
            ("localhost:4000", "http://localhost:4001"),
            ("localhost:4000", "https://localhost:4000"),
            ("localhost:4000", "http://127.0.0.1:4000"),
            ("localhost:4000", "http://localhost:4000/"),
            ("localhost:4000", "http://localhost:4000.rebind.example"),
            ("localhost:4000", "http://localhost"),
            ("localhost:4000", "null"),
            ("localhost:4000", ""),
            ("localhost:4000", "file://"),
            ("localhost:4000", "localhost:4000"),
            ("localhost:4000", "http://user@localhost:4000"),
        ] {
            assert_eq!(
                check(host, origin),
                Err(Refusal::ForeignOrigin),
                "{host} {origin}"
            );
        }
    }

    #[test]
    fn other_sites_may_open_a_page_and_nothing_else() {
        let hosts = Hosts::listening_on(LOOPBACK);
        let check = |site: &'static str, mode: &'static str, dest: &'static str| {
            admit(
                &hosts,
                LOOPBACK,
                &Asking {
                    host: &["localhost"],
                    fetch_site: Some(site),
                    fetch_mode: Some(mode),
                    fetch_dest: Some(dest),
                    ..Asking::default()
                },
            )
        };
        assert_eq!(check("cross-site", "navigate", "document"), Ok(()));
        assert_eq!(check("Cross-Site", "navigate", "document"), Ok(()));
        for (mode, dest) in [
            ("no-cors", "script"),
            ("cors", "empty"),
            ("navigate", "iframe"),
            ("navigate", "frame"),
            ("no-cors", "image"),
            ("no-cors", "style"),
        ] {
            assert_eq!(
                check("cross-site", mode, dest),
                Err(Refusal::CrossSite),
                "{mode} {dest}"
            );
        }
        for site in ["same-origin", "same-site", "none"] {
            assert_eq!(check(site, "no-cors", "script"), Ok(()), "{site}");
        }
    }
}
