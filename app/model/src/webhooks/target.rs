//! Where a webhook may point. Outside development an endpoint must be `https` on a public
//! address: the platform sends requests on the partner's behalf, and a target inside the
//! operator's network (`localhost`, `10.…`, cloud metadata at `169.254.169.254`) would let
//! a partner probe it (server-side request forgery). The delivery worker checks resolved
//! addresses again with [`is_public_ip`], so a name that later resolves inward is refused
//! too.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The URL, trimmed, when it is a target this installation may send to.
pub fn check_url(input: &str, allow_private: bool) -> Result<String, String> {
    let url = input.trim();
    if url.is_empty() {
        return Err("Enter the URL to send events to, e.g. https://example.com/hooks.".into());
    }
    if url.len() > 2_000 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("Enter a URL of up to 2,000 characters, without spaces.".into());
    }
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        if !allow_private {
            return Err("Use an https:// URL: events carry your customers' data.".into());
        }
        rest
    } else {
        return Err("Enter a full URL starting with https://.".into());
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err("Leave the user name and password out of the URL.".into());
    }
    let host = host_of(authority).ok_or("The URL has no valid host name.")?;
    if allow_private {
        return Ok(url.to_owned());
    }
    let private = match host.parse::<IpAddr>() {
        Ok(ip) => !is_public_ip(ip),
        Err(_) => private_host_name(&host),
    };
    if private {
        return Err(
            "This address is on a private network; use one reachable from the internet.".into(),
        );
    }
    Ok(url.to_owned())
}

/// The host of `host[:port]` or `[v6][:port]`, when both parts are well formed.
fn host_of(authority: &str) -> Option<String> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        v6.parse::<Ipv6Addr>().ok()?;
        (v6.to_owned(), after.strip_prefix(':'))
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h.to_owned(), Some(p)),
            None => (authority.to_owned(), None),
        }
    };
    if let Some(port) = port
        && !port.parse::<u16>().is_ok_and(|p| p > 0)
    {
        return None;
    }
    let name_ok = host.contains(':')
        || (!host.is_empty()
            && host.len() <= 253
            && host.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            }));
    name_ok.then_some(host)
}

/// Names that only mean something inside a network.
pub fn private_host_name(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost"
        || !host.contains('.')
        || [".localhost", ".local", ".internal", ".lan", ".home.arpa"]
            .iter()
            .any(|suffix| host.ends_with(suffix))
}

/// Whether `ip` is an ordinary internet address (not loopback, private, link-local,
/// shared, reserved, multicast or documentation space).
pub fn is_public_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => public_v4(v4),
            None => public_v6(v6),
        },
    }
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        // Shared address space (carrier-grade NAT), 100.64.0.0/10.
        || (a == 100 && (64..128).contains(&b))
        // IETF protocol assignments, 192.0.0.0/24, and benchmarking, 198.18.0.0/15.
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
        // Reserved, 240.0.0.0/4.
        || a >= 240)
}

fn public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        // Unique local, fc00::/7.
        || (first & 0xfe00) == 0xfc00
        // Link-local, fe80::/10.
        || (first & 0xffc0) == 0xfe80
        // Documentation, 2001:db8::/32.
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
        // NAT64 and IPv4-compatible forms could wrap a private IPv4 address.
        || first == 0x0064
        || first == 0)
}
