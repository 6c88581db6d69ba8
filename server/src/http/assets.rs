//! The browser bundle under `/pkg`: JavaScript, WASM chunks and the stylesheet, as the
//! release build left them in `<site root>/pkg`.
//!
//! - **Compressed as the client asks.** The build writes a brotli and a gzip copy next to
//!   every file (`.ci/build`); `Accept-Encoding` picks one, so a 4 MB WASM chunk crosses
//!   the wire as a fraction of that, with no compression work per request.
//! - **Cached for a year when the name says what is inside.** cargo-leptos puts a content
//!   hash into each file name (`hash-files`), so a new release has new names and an old
//!   name never changes its bytes: `immutable`. A name without a hash (a development
//!   build) must be revalidated on every load.

use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, header},
    middleware::{self, Next},
    response::Response,
};
use tower_http::services::ServeDir;

/// A year, the longest lifetime caches honour.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// `/pkg/*` from `site_root/pkg_dir`.
pub fn router<S: Clone + Send + Sync + 'static>(site_root: &str, pkg_dir: &str) -> Router<S> {
    let dir = std::path::Path::new(site_root).join(pkg_dir);
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        // A missing chunk is a plain 404 (never the app's page), which the browser's
        // loader reports and the page answers with its reload notice.
        .append_index_html_on_directories(false);
    Router::new()
        .nest_service(&format!("/{pkg_dir}"), files)
        .layer(middleware::from_fn(cache_control))
}

async fn cache_control(request: Request, next: Next) -> Response {
    let name = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let mut response = next.run(request).await;
    let policy = if response.status().is_success() && hashed(&name) {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// `portal.Xk2_9dQ-13zzYbA7pLq0Aw.wasm` → true; `portal.wasm` → false. cargo-leptos
/// writes the hash as one dot-separated segment: an MD5 in unpadded base64url, 22
/// characters (the split loader's unhashed placeholder is 22 underscores).
pub fn hashed(file_name: &str) -> bool {
    file_name.split('.').skip(1).any(|segment| {
        segment.len() == 22
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && segment.chars().any(|c| c != '_')
    })
}

#[cfg(test)]
mod tests {
    use axum::{body::Body, http::Request};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use super::*;

    const NAME: &str = "portal.Xk2_9dQ-13zzYbA7pLq0Aw.wasm";

    #[test]
    fn only_names_with_a_content_hash_count_as_hashed() {
        assert!(hashed(NAME));
        assert!(hashed("__wasm_split.AbCdEfGhIjKlMnOpQrStUv.js"));
        assert!(!hashed("portal.wasm"));
        assert!(!hashed("portal_bg.wasm"));
        assert!(!hashed("__wasm_split.______________________.js"));
        assert!(!hashed("portal.stylesheet.css"));
    }

    /// `(status, content-encoding, cache-control, body)` of `GET /pkg/{name}`.
    async fn fetch(app: &Router, name: &str, accept: &str) -> (u16, String, String, Vec<u8>) {
        let request = Request::get(format!("/pkg/{name}"))
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        let header = |name| {
            response
                .headers()
                .get(name)
                .map(|v: &HeaderValue| v.to_str().unwrap().to_owned())
                .unwrap_or_default()
        };
        let (encoding, cache) = (
            header(header::CONTENT_ENCODING),
            header(header::CACHE_CONTROL),
        );
        let status = response.status().as_u16();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        (status, encoding, cache, body)
    }

    #[tokio::test]
    async fn files_go_out_compressed_as_asked_and_hashed_ones_are_cached_for_a_year() {
        let site = tempfile::tempdir().unwrap();
        let pkg = site.path().join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        for (suffix, body) in [("", "raw"), (".br", "brotli"), (".gz", "gzip")] {
            std::fs::write(pkg.join(format!("{NAME}{suffix}")), body).unwrap();
        }
        std::fs::write(pkg.join("portal.css"), "css").unwrap();
        let app: Router = router(site.path().to_str().unwrap(), "pkg");

        let (status, encoding, cache, body) = fetch(&app, NAME, "gzip, deflate, br").await;
        assert_eq!(
            (status, encoding.as_str(), body.as_slice()),
            (200, "br", &b"brotli"[..])
        );
        assert_eq!(cache, IMMUTABLE);
        let (_, encoding, _, body) = fetch(&app, NAME, "gzip").await;
        assert_eq!((encoding.as_str(), body.as_slice()), ("gzip", &b"gzip"[..]));
        let (_, encoding, _, body) = fetch(&app, NAME, "identity").await;
        assert_eq!((encoding.as_str(), body.as_slice()), ("", &b"raw"[..]));

        // No hash in the name: the browser must ask again each load.
        let (status, _, cache, _) = fetch(&app, "portal.css", "br").await;
        assert_eq!((status, cache.as_str()), (200, REVALIDATE));
        // A chunk that is not there is a plain 404, never cached.
        let (status, _, cache, _) = fetch(&app, "portal.AAAAAAAAAAAAAAAAAAAAA1.wasm", "br").await;
        assert_eq!((status, cache.as_str()), (404, REVALIDATE));
    }
}
