//! A partner's brand: what its team and its customers see on pages and in mail. The
//! branding settings page edits these fields; until a partner sets them, the company
//! name and the platform's default accent stand in.

use model::{
    AppError,
    branding::{BrandInfo, HexColor},
};
use sea_orm::ConnectionTrait;

pub mod domains;
pub mod golive;
pub mod host;
pub mod logo;
pub mod settings;

use crate::{mail::Sender, partners};

/// The accent every brand starts with (and the platform's own).
pub const DEFAULT_PRIMARY: HexColor = HexColor::rgb(0x1d, 0x4e, 0xd8);

/// The brand a partner's pages render in.
pub fn of_partner(p: &partners::partner::Model) -> BrandInfo {
    BrandInfo {
        name: p
            .brand_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| p.name.clone()),
        primary_color: p
            .primary_color
            .as_deref()
            .and_then(|c| HexColor::parse(c).ok())
            .unwrap_or(DEFAULT_PRIMARY),
        logo_url: logo::url_of(p),
        support_email: p.support_email.clone(),
    }
}

/// Who mail to a user of `partner_id` comes from: that partner's brand, so a tenant
/// never reads the platform's name. Platform staff (no partner) get `fallback_name`.
pub async fn sender_for(
    conn: &impl ConnectionTrait,
    partner_id: Option<i32>,
    fallback_name: &str,
) -> Result<Sender, AppError> {
    let partner = match partner_id {
        Some(id) => partners::find_by_id(conn, id).await?,
        None => None,
    };
    Ok(match partner {
        Some(p) => Sender {
            from_email: p.from_email.clone(),
            brand: of_partner(&p),
            partner_id: Some(p.id),
        },
        None => Sender {
            brand: BrandInfo {
                name: fallback_name.to_owned(),
                primary_color: DEFAULT_PRIMARY,
                logo_url: None,
                support_email: None,
            },
            from_email: None,
            partner_id: None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partner_without_brand_settings_uses_its_company_name_and_the_default_accent() {
        let now = chrono::Utc::now();
        let mut p = partners::partner::Model {
            id: 1,
            public_id: uuid::Uuid::now_v7(),
            name: "Acme Telecom".into(),
            slug: "acme".into(),
            status: "ACTIVE".into(),
            trial_ends_at: None,
            status_reason: None,
            brand_name: None,
            primary_color: None,
            support_email: None,
            from_email: None,
            tier: "starter".into(),
            extension_count: 0,
            balance_cents: 0,
            auto_recharge_enabled: false,
            auto_recharge_threshold_cents: 0,
            auto_recharge_amount_cents: 0,
            auto_recharge_last_at: None,
            pending_tier: None,
            usage_carry_micros: 0,
            last_cycle: None,
            logo_key: None,
            invoice_prefix: "INV-".into(),
            invoice_seq: 0,
            suspend_after_days: 14,
            auto_send_invoices: true,
            payment_mode: "platform".into(),
            connect_account_id: None,
            stripe_secret_sealed: None,
            stripe_secret_last4: None,
            stripe_publishable_key: None,
            statement_descriptor: None,
            created_at: now,
            updated_at: now,
        };
        let brand = of_partner(&p);
        assert_eq!(brand.name, "Acme Telecom");
        assert_eq!(brand.primary_color, DEFAULT_PRIMARY);
        p.brand_name = Some("Acme Voice".into());
        p.primary_color = Some("#0f766e".into());
        let brand = of_partner(&p);
        assert_eq!(brand.name, "Acme Voice");
        assert_eq!(brand.primary_color.to_string(), "#0f766e");
    }
}
