use std::fmt;

/// A new password that meets the policy: at least 10 characters, an uppercase letter
/// and a digit. The upper bound keeps the (deliberately slow) hash of a hostile input
/// bounded.
///
/// Never serialised and never printed: `Debug` is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_LEN: usize = 10;
    pub const MAX_LEN: usize = 128;

    pub fn parse(input: &str) -> Result<Self, String> {
        let len = input.chars().count();
        if len > Self::MAX_LEN {
            return Err(format!(
                "A password has at most {} characters.",
                Self::MAX_LEN
            ));
        }
        let mut missing = Vec::new();
        if len < Self::MIN_LEN {
            missing.push(format!("at least {} characters", Self::MIN_LEN));
        }
        if !input.chars().any(char::is_uppercase) {
            missing.push("an uppercase letter".to_owned());
        }
        if !input.chars().any(|c| c.is_ascii_digit()) {
            missing.push("a digit".to_owned());
        }
        if missing.is_empty() {
            Ok(Self(input.to_owned()))
        } else {
            Err(format!("The password needs {}.", join_human(&missing)))
        }
    }

    /// The secret itself, for the hasher only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// "a", "a and b", "a, b and c".
fn join_human(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// A new password typed twice (reset, change): the policy, and both entries equal.
pub fn validate_new_password(
    password: &str,
    confirm: &str,
) -> Result<Password, crate::FieldErrors> {
    let mut errors = crate::FieldErrors::new();
    let parsed = errors.check("password", Password::parse(password));
    if password != confirm {
        errors.add("confirm", "The two passwords do not match.");
    }
    match parsed {
        Some(p) if errors.is_empty() => Ok(p),
        _ => Err(errors),
    }
}
