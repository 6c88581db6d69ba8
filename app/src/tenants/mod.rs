//! Tenants: the partner's customers — the list at `/tenants`, `/tenants/new`, and one
//! tenant at `/tenants/{id}`. Controls that change anything show only to Partner Admins;
//! the server refuses everyone else regardless.

mod actions;
mod assume;
mod defaults;
mod detail;
mod extensions;
mod form;
mod list;
mod new;

pub use actions::{
    ChangeTenantStatus, CreateTenant, DeleteTenant, UpdateTenant, get_tenant, tenants_page,
};
pub use assume::AssumeBanner;
pub use defaults::TenantDefaultsPage;
pub use detail::TenantPage;
pub use extensions::ExtensionsCard;
pub use form::TenantFields;
pub use list::{TenantsPage, status_badge};
pub use new::NewTenantPage;
