use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Messages per input field, in a stable order. Field names are the wire names
/// (`billing_email`, `sip_prefix`), so a form can put each message under its input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: &str, message: impl Into<String>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_owned())
            .or_default()
            .push(message.into());
    }

    /// Records the error of `result` under `field` and hands back the value, if any.
    /// Lets a form check every field and report all problems at once.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    /// Adds every message of `other` (a sub-form's errors) to these.
    pub fn merge(&mut self, other: FieldErrors) {
        for (field, messages) in other.0 {
            self.0.entry(field).or_default().extend(messages);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&[String]> {
        self.0.get(field).map(Vec::as_slice)
    }

    /// The first message for a field, for a form that shows one line under an input.
    pub fn first(&self, field: &str) -> Option<&str> {
        self.get(field).and_then(|m| m.first()).map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// `Ok(())` when nothing was recorded, otherwise the validation error.
    pub fn into_result(self) -> Result<(), super::AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.into())
        }
    }
}
