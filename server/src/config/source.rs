//! Where configuration values come from: the environment over an optional TOML file.

use std::{collections::HashMap, path::PathBuf};

use super::ConfigError;

const DEFAULT_FILE: &str = "switchboard.toml";

pub(super) struct Source {
    values: HashMap<String, String>,
}

impl Source {
    pub(super) fn from_process() -> Result<Self, ConfigError> {
        let explicit = std::env::var("SWITCHBOARD_CONFIG")
            .ok()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        let path = explicit
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_FILE));
        let mut values = HashMap::new();
        if path.exists() {
            values = read_file(&path)?;
        } else if explicit.is_some() {
            return Err(problem(
                "SWITCHBOARD_CONFIG",
                format!("{} does not exist", path.display()),
            ));
        }
        // The environment wins over the file.
        values.extend(std::env::vars().filter(|(k, _)| is_known_prefix(k)));
        Ok(Self { values })
    }

    pub(super) fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self {
            values: pairs
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }
}

fn is_known_prefix(key: &str) -> bool {
    key == "DATABASE_URL" || key.starts_with("SWITCHBOARD_") || key.starts_with("LEPTOS_")
}

fn read_file(path: &PathBuf) -> Result<HashMap<String, String>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        problem(
            "SWITCHBOARD_CONFIG",
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        problem(
            "SWITCHBOARD_CONFIG",
            format!("{} is not valid TOML: {e}", path.display()),
        )
    })?;
    let mut values = HashMap::new();
    let mut problems = Vec::new();
    for (key, value) in table {
        let text = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            other => {
                problems.push((
                    key.clone(),
                    format!(
                        "in {} must be a string, number or boolean, not {}",
                        path.display(),
                        other.type_str()
                    ),
                ));
                continue;
            }
        };
        if !is_known_prefix(&key) {
            problems.push((
                key.clone(),
                format!("in {} is not a known setting", path.display()),
            ));
            continue;
        }
        values.insert(key, text);
    }
    if problems.is_empty() {
        Ok(values)
    } else {
        Err(ConfigError { problems })
    }
}

fn problem(key: &str, message: String) -> ConfigError {
    ConfigError {
        problems: vec![(key.to_owned(), message)],
    }
}
