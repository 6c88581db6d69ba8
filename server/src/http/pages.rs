//! The application rendering its own pages, for the go-live check: a request through
//! the whole router (brand middleware included) with the viewer set directly. Request
//! extensions cannot come from the network, so nothing outside the process can sign in
//! this way.

use std::sync::{Arc, OnceLock};

use axum::{
    Router,
    body::Body,
    http::{Request, header},
};
use domain::branding::golive::PageSource;
use http_body_util::BodyExt;
use model::auth::Viewer;
use tower::ServiceExt;

/// Filled in once the router exists (the router holds the services that hold this).
#[derive(Default, Clone)]
pub struct RouterPages(Arc<OnceLock<Router>>);

impl RouterPages {
    pub fn set(&self, router: Router) {
        let _ = self.0.set(router);
    }
}

#[async_trait::async_trait]
impl PageSource for RouterPages {
    async fn page(
        &self,
        host: &str,
        path: &str,
        viewer: Option<&Viewer>,
    ) -> Result<String, String> {
        let router = self.0.get().ok_or("the application is still starting")?;
        let mut request = Request::get(path)
            .header(header::HOST, host)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .map_err(|e| e.to_string())?;
        if let Some(viewer) = viewer {
            request.extensions_mut().insert(viewer.clone());
        }
        let response = router
            .clone()
            .oneshot(request)
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        if !status.is_success() {
            return Err(format!("answered {status}"));
        }
        Ok(String::from_utf8_lossy(&body).into_owned())
    }
}
