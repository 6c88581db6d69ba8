//! The JSON body and query extractors of `/v1`: every problem with what the client sent
//! is a 422 problem document keyed by the field at fault (an unknown field by its own
//! name, a mistyped one by its path such as `e911_address.zip`), never axum's plain-text
//! rejection and never a catch-all `body` when a field can be named.

use axum::{
    extract::{FromRequest, FromRequestParts, Request, rejection::QueryRejection},
    http::{header, request::Parts},
};
use model::AppError;
use serde::de::DeserializeOwned;

use super::super::ApiError;

/// A JSON body, refused by field.
pub struct Body<T>(pub T);

impl<T, S> FromRequest<S> for Body<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let headers = req.headers().clone();
        let is_json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(';').next().unwrap_or_default().trim() == "application/json");
        if !is_json {
            return Err(ApiError::new(
                AppError::invalid(
                    "body",
                    "Send a JSON body with Content-Type: application/json.",
                ),
                &headers,
            ));
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|r| ApiError::new(AppError::invalid("body", r.body_text()), &headers))?;
        parse(&bytes)
            .map(Self)
            .map_err(|(field, message)| ApiError::new(AppError::invalid(&field, message), &headers))
    }
}

/// `bytes` as a `T`, or the field at fault and what is wrong with it.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, (String, String)> {
    // Every `/v1` body is an object. serde would also fill a struct from an array, by
    // position (`[null, null]`), which no client means.
    // One streaming pass: no intermediate `Value` on every request.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(("body".to_owned(), "Send a JSON object.".to_owned()));
    }
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut json).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        let named = |prefix: &str| {
            message
                .strip_prefix(prefix)
                .and_then(|rest| rest.split('`').next())
                .map(str::to_owned)
        };
        // An unknown field's path already ends with its name; a missing one is reported
        // at its parent.
        if let Some(name) = named("unknown field `") {
            let field = if path == "." { name } else { path };
            return (
                field,
                "This field is not part of this request; remove it.".to_owned(),
            );
        }
        if let Some(name) = named("missing field `") {
            return (join(&path, &name), "This field is required.".to_owned());
        }
        let field = if path == "." { "body".to_owned() } else { path };
        (field, plain(&message))
    })?;
    // Nothing may follow the object (as `serde_json::from_slice` also insists).
    json.end()
        .map_err(|e| ("body".to_owned(), plain(&e.to_string())))?;
    Ok(value)
}

fn join(path: &str, name: &str) -> String {
    if path == "." {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// serde's message without its "at line 1 column 9" tail, which means nothing in a form.
fn plain(message: &str) -> String {
    let text = message
        .rsplit_once(" at line ")
        .map_or(message, |(head, _)| head);
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    format!("{text}.")
}

/// Query parameters whose problems (a repeated or mistyped parameter) are a 422 problem
/// document like every other error, not axum's plain-text 400.
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    axum::extract::Query<T>: FromRequestParts<S, Rejection = QueryRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError::new(
                AppError::invalid("query", rejection.body_text()),
                &parts.headers,
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Input {
        name: String,
        address: Option<Address>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Address {
        zip: String,
    }

    fn field(body: &str) -> String {
        parse::<Input>(body.as_bytes()).unwrap_err().0
    }

    #[test]
    fn each_problem_names_its_field() {
        assert_eq!(field(r#"{"name":"a","colour":"red"}"#), "colour");
        assert_eq!(
            field(r#"{"name":"a","address":{"zip":"1","town":"x"}}"#),
            "address.town"
        );
        assert_eq!(field(r#"{"name":7}"#), "name");
        assert_eq!(field(r#"{"name":"a","address":{"zip":5}}"#), "address.zip");
        assert_eq!(field(r#"{}"#), "name");
        assert_eq!(field("not json"), "body");
        assert_eq!(field("[null, null]"), "body");
        assert_eq!(field(r#"["a"]"#), "body");
        assert_eq!(field(r#"{"name":"a"} {"#), "body");
        let (_, message) = parse::<Input>(br#"{"name":7}"#).unwrap_err();
        assert!(!message.contains("line"), "{message}");
    }
}
