//! Looking up the DNS record a custom domain needs, behind a trait: hickory-resolver
//! (the system's resolvers) in production; a records file for private networks and the
//! browser tests; in memory for unit tests.

use std::{collections::HashMap, net::IpAddr, path::PathBuf, sync::RwLock};

/// What a lookup found for a hostname.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Records {
    /// The CNAME target, lower case without the trailing dot.
    pub cname: Option<String>,
    /// The A/AAAA addresses the name resolves to (for apex domains, which cannot have a
    /// CNAME and point at the same address instead).
    pub addresses: Vec<IpAddr>,
}

#[async_trait::async_trait]
pub trait DnsResolver: Send + Sync {
    /// `Err` only when DNS could not be asked (timeouts, no servers); a name without
    /// records is `Ok(Records::default())`.
    async fn lookup(&self, host: &str) -> Result<Records, String>;
}

fn clean(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// The machine's own resolvers (`/etc/resolv.conf`).
pub struct SystemDns {
    resolver: hickory_resolver::TokioResolver,
}

impl SystemDns {
    pub fn new() -> Result<Self, String> {
        let resolver = hickory_resolver::Resolver::builder_tokio()
            .map_err(|e| e.to_string())?
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self { resolver })
    }
}

#[async_trait::async_trait]
impl DnsResolver for SystemDns {
    async fn lookup(&self, host: &str) -> Result<Records, String> {
        use hickory_resolver::proto::rr::{RData, RecordType};
        let name = format!("{}.", clean(host));
        let cname = match self.resolver.lookup(name.as_str(), RecordType::CNAME).await {
            Ok(found) => found
                .answers()
                .iter()
                .find_map(|record| match &record.data {
                    RData::CNAME(target) => Some(clean(&target.0.to_string())),
                    _ => None,
                }),
            Err(e) if e.is_no_records_found() || e.is_nx_domain() => None,
            Err(e) => return Err(e.to_string()),
        };
        let addresses = match self.resolver.lookup_ip(name.as_str()).await {
            Ok(found) => found.iter().collect(),
            Err(e) if e.is_no_records_found() || e.is_nx_domain() => Vec::new(),
            Err(e) => return Err(e.to_string()),
        };
        Ok(Records { cname, addresses })
    }
}

/// Answers from fixed records: in memory, or read on every lookup from a file with
/// lines `HOST CNAME TARGET` or `HOST A ADDRESS` (`#` starts a comment). For private
/// networks without DNS for customer domains, and for the browser tests, which add a
/// record while the server runs.
#[derive(Default)]
pub struct StaticDns {
    file: Option<PathBuf>,
    memory: RwLock<HashMap<String, Records>>,
}

impl StaticDns {
    pub fn in_memory() -> Self {
        Self::default()
    }

    pub fn from_file(path: impl Into<PathBuf>) -> Self {
        Self {
            file: Some(path.into()),
            memory: RwLock::default(),
        }
    }

    pub fn set_cname(&self, host: &str, target: &str) {
        let mut memory = self.memory.write().unwrap_or_else(|e| e.into_inner());
        memory.entry(clean(host)).or_default().cname = Some(clean(target));
    }

    pub fn set_address(&self, host: &str, address: IpAddr) {
        let mut memory = self.memory.write().unwrap_or_else(|e| e.into_inner());
        memory
            .entry(clean(host))
            .or_default()
            .addresses
            .push(address);
    }

    pub fn clear(&self, host: &str) {
        let mut memory = self.memory.write().unwrap_or_else(|e| e.into_inner());
        memory.remove(&clean(host));
    }

    fn from_text(text: &str, host: &str) -> Result<Records, String> {
        let mut records = Records::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default();
            let parts: Vec<&str> = line.split_whitespace().collect();
            match parts.as_slice() {
                [name, kind, value] if clean(name) == host => {
                    match kind.to_ascii_uppercase().as_str() {
                        "CNAME" => records.cname = Some(clean(value)),
                        "A" | "AAAA" => records
                            .addresses
                            .push(value.parse().map_err(|_| format!("bad address {value}"))?),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        Ok(records)
    }
}

#[async_trait::async_trait]
impl DnsResolver for StaticDns {
    async fn lookup(&self, host: &str) -> Result<Records, String> {
        let host = clean(host);
        if let Some(path) = &self.file {
            let text = tokio::fs::read_to_string(path)
                .await
                .map_err(|e| format!("records file {}: {e}", path.display()))?;
            return Self::from_text(&text, &host);
        }
        let memory = self.memory.read().unwrap_or_else(|e| e.into_inner());
        Ok(memory.get(&host).cloned().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_records_file_is_read_on_every_lookup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records");
        std::fs::write(
            &path,
            "# test records\nPortal.Acme.test. CNAME acme.voice.test.\n",
        )
        .unwrap();
        let dns = StaticDns::from_file(&path);
        let found = dns.lookup("portal.acme.test").await.unwrap();
        assert_eq!(found.cname.as_deref(), Some("acme.voice.test"));
        assert_eq!(dns.lookup("other.test").await.unwrap(), Records::default());
        std::fs::write(&path, "acme.test A 192.0.2.7\n").unwrap();
        let apex = dns.lookup("acme.test").await.unwrap();
        assert_eq!(apex.addresses, vec!["192.0.2.7".parse::<IpAddr>().unwrap()]);
    }
}
